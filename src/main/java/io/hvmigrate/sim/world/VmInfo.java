package io.hvmigrate.sim.world;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A VM at one moment, with what Get-VM reports (memory in MiB here; the cmdlet reports bytes).
 *
 * @param migrationPercent progress of a migration in flight, or -1
 */
public record VmInfo(String name, UUID id, String computerName, VmPowerState state, int generation, String version,
                     long memoryStartupMB, long memoryAssignedMB, long dirtyMBps, int processorCount,
                     boolean processorCompatibility, String path, List<DiskInfo> disks, List<DvdInfo> dvdDrives,
                     List<String> switches, boolean isClustered, String cluster, Duration uptime,
                     int migrationPercent) {

    /** @param path VHD(X) path; @param sizeGB its size */
    public record DiskInfo(String path, long sizeGB) {}

    /** A DVD drive; {@code path} is the mounted ISO, or null when the drive is empty. */
    public record DvdInfo(int controllerNumber, int controllerLocation, String path) {}

    /** The ISO files mounted now. */
    public List<String> dvdPaths() {
        return dvdDrives.stream().map(DvdInfo::path).filter(java.util.Objects::nonNull).toList();
    }
}
