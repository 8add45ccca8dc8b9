package io.hvmigrate.sim.ps;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A .NET enum type, e.g. {@code Microsoft.HyperV.PowerShell.VMState} with Running=2, Off=3.
 * Windows PowerShell 5.1 behaviour the interpreter must keep: {@code ConvertTo-Json} writes the number;
 * string conversion ({@code "$($vm.State)"}, {@code .ToString()}) gives the name; {@code -eq 'Running'} converts the
 * string to the enum (case-insensitively); converting an unknown name fails with PowerShell's message listing the
 * valid names.
 */
public record PsEnum(String fullName, Map<String, Long> members) {

    public PsEnum {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public Optional<Value> byName(String name) {
        for (var e : members.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(new Value(this, e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    public Optional<Value> byNumber(long number) {
        for (var e : members.entrySet()) {
            if (e.getValue() == number) {
                return Optional.of(new Value(this, e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    /** Shorthand for members known to exist. */
    public Value of(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(fullName + " has no member " + name));
    }

    /** One value of an enum. */
    public record Value(PsEnum type, String name, long number) {
        @Override
        public String toString() {
            return name;
        }
    }
}
