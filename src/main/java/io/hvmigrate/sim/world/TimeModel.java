package io.hvmigrate.sim.world;

import java.time.Duration;
import java.util.Map;

/**
 * How long a migration takes (reference §5.2): the storage copy first (VHD bytes over the link), then iterative
 * memory pre-copy — all memory, then the pages dirtied meanwhile, at most five more passes — plus a short blackout.
 * Compression roughly doubles the effective bandwidth for memory.
 */
final class TimeModel {
    private TimeModel() {}

    static final Duration SETUP = Duration.ofMillis(1500);
    static final Duration BLACKOUT = Duration.ofMillis(300);
    private static final int MAX_EXTRA_PASSES = 5;

    /** MiB per second the migration link carries between two hosts. */
    static double linkMBps(HostState src, HostState dst) {
        return Math.min(src.linkGbps, dst.linkGbps) * 1000.0 / 8.0;
    }

    static Duration memoryCopy(VmState vm, HostState src, HostState dst) {
        double bw = linkMBps(src, dst) * (src.performance == MigrationPerformance.Compression ? 2.0 : 1.0);
        double memory = vm.memoryInUseMB();
        double seconds = 0;
        double toCopy = memory;
        for (int pass = 0; pass <= MAX_EXTRA_PASSES && toCopy > 1; pass++) {
            double t = toCopy / bw;
            seconds += t;
            toCopy = Math.min(memory, vm.dirtyMBps * t);
        }
        return SETUP.plus(Duration.ofNanos((long) (seconds * 1e9))).plus(BLACKOUT);
    }

    static Duration storageCopy(VmState vm, HostState src, HostState dst, Map<String, String> newPaths) {
        long mb = vm.disks.stream().filter(d -> newPaths.containsKey(d.path)).mapToLong(d -> d.sizeGB * 1024).sum();
        return Duration.ofNanos((long) (mb / linkMBps(src, dst) * 1e9));
    }
}
