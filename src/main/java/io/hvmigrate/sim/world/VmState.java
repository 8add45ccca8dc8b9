package io.hvmigrate.sim.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Live state of one VM; guarded by the world's lock. */
final class VmState {
    final String name;
    final UUID id;
    final int generation;
    String version;
    VmPowerState state;
    String host;
    long memoryStartupMB;
    long memoryAssignedMB;
    long dirtyMBps;
    int processorCount;
    boolean processorCompatibility;
    String path;
    final List<Disk> disks = new ArrayList<>();
    final List<Dvd> dvdDrives = new ArrayList<>();
    final List<String> switches = new ArrayList<>();
    Instant startedAt;
    /** The cluster whose group holds this VM, or null. */
    String cluster;
    /** Running before its host crashed (restarted when the host comes back: AutomaticStartAction StartIfRunning). */
    boolean wasRunningBeforeCrash;

    VmState(String name, UUID id, int generation) {
        this.name = name;
        this.id = id;
        this.generation = generation;
    }

    long memoryInUseMB() {
        return state == VmPowerState.Running || state == VmPowerState.Paused ? memoryAssignedMB : 0;
    }

    long diskMB() {
        return disks.stream().mapToLong(d -> d.sizeGB * 1024).sum();
    }

    /** The paths of the ISO files mounted now (drives without media left out). */
    List<String> dvdPaths() {
        return dvdDrives.stream().map(d -> d.path).filter(java.util.Objects::nonNull).toList();
    }

    /** A virtual DVD drive: where it sits, and the ISO it holds (null when empty). */
    static final class Dvd {
        final int controllerNumber;
        final int controllerLocation;
        String path;

        Dvd(int controllerNumber, int controllerLocation, String path) {
            this.controllerNumber = controllerNumber;
            this.controllerLocation = controllerLocation;
            this.path = path;
        }
    }

    static final class Disk {
        String path;
        final long sizeGB;

        Disk(String path, long sizeGB) {
            this.path = path;
            this.sizeGB = sizeGB;
        }
    }
}
