package io.hvmigrate.sim.ps;

/** Numeric values whose .NET type has no Java counterpart. */
public final class PsNumber {
    private PsNumber() {}

    /**
     * An unsigned integer of the given .NET type (UInt16, UInt32 or UInt64), e.g. {@code MaximumVirtualMachineMigrations}
     * (UInt32) or {@code RequestedState} ({@code [uint16]4}).
     */
    public record Unsigned(PsType type, long value) {
        public Unsigned {
            if (value < 0) {
                throw new IllegalArgumentException("negative value for " + type.fullName());
            }
        }
    }
}
