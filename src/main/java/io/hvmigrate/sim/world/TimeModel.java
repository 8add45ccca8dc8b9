package io.hvmigrate.sim.world;

import java.time.Duration;
import java.util.Map;

/**
 * How much a migration has to carry and how fast a host's migration link carries it (reference §5.2). A migration is
 * a fixed setup, then a transfer over the link — the storage copy first (VHD bytes), then iterative memory pre-copy:
 * all memory, then the pages dirtied meanwhile, at most five more passes — then a short fixed blackout. The transfer
 * is measured in MB on the wire; {@link Scheduler} shares each host's link among the migrations transferring over it
 * at once (the fluid model: max-min fair shares, re-timed at every start, end, phase change, cancel, failure and
 * crash), so a migration alone on its two hosts takes exactly {@link Work#alone()}.
 *
 * <p>Performance options, as {@code Set-VMHost -VirtualMachineMigrationPerformanceOption} documents them
 * (MicrosoftDocs/windows-powershell-docs {@code docset/winserver2022-ps/hyper-v/Set-VMHost.md}; the table "how the
 * performance options work" in windowsserverdocs
 * {@code WindowsServerDocs/virtualization/hyper-v/deploy/Set-up-hosts-for-live-migration-without-Failover-Clustering.md}).
 * The source's option decides how the migration is carried:
 * <ul>
 *   <li><b>TCPIP</b> copies memory over one TCP/IP connection: one link of {@code migrationLinkGbps}.</li>
 *   <li><b>Compression</b> (Windows' default) "compresses the memory content of the virtual machine before copying
 *   it ... over a TCP/IP connection": memory bytes on the wire are halved (a ratio of 2, as before this model; Microsoft
 *   publishes no ratio, and memory pages compress well). Storage is not compressed. The host CPU that compression burns
 *   is not modelled: Microsoft's host networking guidance (MicrosoftDocs/azure-stack-docs
 *   {@code azure-stack/hci/concepts/host-network-requirements.md}, "Traffic bandwidth allocation") says to use SMB with
 *   RDMA when live migration has 5 Gbps or more, and compression "to reduce blackout times" below that — on fast links
 *   the CPU rather than the wire limits compression; a fleet that wants that effect sets TCPIP or SMB.</li>
 *   <li><b>SMB</b> copies over SMB 3.0: "SMB Direct is used when the network adapters on the source and destination
 *   servers have Remote Direct Memory Access (RDMA) capabilities enabled" and "SMB Multichannel automatically detects
 *   and uses multiple connections". A host whose fleet entry gives {@code migrationRdmaLinks: n} (RDMA-capable
 *   adapters of {@code migrationLinkGbps} each) offers n links to SMB migrations; without RDMA links SMB is carried
 *   like TCPIP, over one link, uncompressed.</li>
 * </ul>
 * A migration's own rate is at most the smaller of its two hosts' capacities ({@link #hostMBps}); when several run on
 * a host they share that host's capacity.
 *
 * <p>Kept simple on purpose: the number of dirty-page passes is computed once, at admission, from the rate the
 * migration would get alone (a slowed migration really re-copies more; here it does not); setup and blackout are
 * fixed times that use no bandwidth; the cluster-wide SMB bandwidth limit is not modelled.
 */
final class TimeModel {
    private TimeModel() {}

    static final Duration SETUP = Duration.ofMillis(1500);
    static final Duration BLACKOUT = Duration.ofMillis(300);
    private static final int MAX_EXTRA_PASSES = 5;
    /** Memory bytes on the wire per byte of memory with Compression. */
    static final double COMPRESSION_RATIO = 2.0;

    /**
     * What a migration carries over the link, and how fast it would go alone.
     *
     * @param storageMB   VHD bytes copied first (shared-nothing moves), in MiB
     * @param memoryMB    memory pre-copy passes as carried on the wire (after compression), in MiB
     * @param aloneMBps   the rate the migration gets with both hosts' links to itself
     */
    record Work(double storageMB, double memoryMB, double aloneMBps) {
        double wireMB() {
            return storageMB + memoryMB;
        }

        long transferNanos() {
            return (long) (wireMB() / aloneMBps * 1e9);
        }

        /** How long the migration takes with its hosts' links to itself. */
        Duration alone() {
            return SETUP.plusNanos(transferNanos()).plus(BLACKOUT);
        }
    }

    /** MiB per second a host's migration links carry in all, shared by the migrations on it (see the class notes). */
    static double hostMBps(HostState h) {
        int links = h.performance == MigrationPerformance.SMB && h.rdmaLinks > 0 ? h.rdmaLinks : 1;
        return h.linkGbps * links * 1000.0 / 8.0;
    }

    /** MiB per second a migration between two hosts gets alone. */
    static double linkMBps(HostState src, HostState dst) {
        return Math.min(hostMBps(src), hostMBps(dst));
    }

    /**
     * The work of a migration from {@code src} to {@code dst}: the disks whose paths {@code newPaths} maps (copied
     * with the VM; none for a memory-only move), then memory pre-copy with its dirty-page passes.
     */
    static Work work(VmState vm, HostState src, HostState dst, Map<String, String> newPaths) {
        double bw = linkMBps(src, dst);
        double ratio = src.performance == MigrationPerformance.Compression ? COMPRESSION_RATIO : 1.0;
        double memory = vm.memoryInUseMB();
        double raw = 0;
        double toCopy = memory;
        for (int pass = 0; pass <= MAX_EXTRA_PASSES && toCopy > 1; pass++) {
            raw += toCopy;
            double seconds = toCopy / (bw * ratio);
            toCopy = Math.min(memory, vm.dirtyMBps * seconds);
        }
        long storage = vm.disks.stream().filter(d -> newPaths.containsKey(d.path)).mapToLong(d -> d.sizeGB * 1024).sum();
        return new Work(storage, raw / ratio, bw);
    }
}
