package io.hvmigrate.sim.world;

/**
 * One entry of a Compare-VM report's Incompatibilities.
 *
 * <p>MessageId 33012 (missing switch) is documented on the Compare-VM help page; the other ids are chosen by the
 * simulator (Windows does not document them) and kept stable here so callers can rely on them within hvsim.
 *
 * @param message   text as Windows words it
 * @param messageId the id
 * @param source    what the incompatibility concerns: VMNetworkAdapter, VM, VMProcessor, VMMemory, HardDiskDrive,
 *                  DvdDrive
 * @param sourceName e.g. the adapter's switch name or the disk path
 * @param hresult   the code Move-VM fails with for this incompatibility
 */
public record Incompatibility(String message, long messageId, String source, String sourceName, int hresult) {
    public static final long MISSING_SWITCH = 33012;
    public static final long VERSION_UNSUPPORTED = 40010;
    public static final long PROCESSOR_VENDOR = 40020;
    public static final long PROCESSOR_FEATURES = 40021;
    public static final long MEMORY = 40030;
    public static final long DISK_SPACE = 40040;
    public static final long PATH_UNREACHABLE = 40050;
    public static final long ISO_UNREACHABLE = 40060;
    public static final long SHARE_ACCESS_DENIED = 40070;
}
