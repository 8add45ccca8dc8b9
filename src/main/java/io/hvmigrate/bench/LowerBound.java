package io.hvmigrate.bench;

import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shortest time in which any strategy could carry out the wave on this fleet, computed from the fleet before
 * anything moves, with the world's own time model (link bandwidth, memory, dirty rate, disks, performance option). The
 * bound is the largest of:
 * <ul>
 *   <li>per host, its link: the MiB all the migrations it takes part in (as source or destination) carry over its
 *   migration link, divided by the link's capacity — migrations running at once share it, so no concurrency makes
 *   this shorter — plus one setup before the first byte and one blackout after the last (they use no link);</li>
 *   <li>per host, its slots: the durations its migrations would take alone, divided by how many it may run at once
 *   (its cluster's MaximumParallelMigrations on a cluster node, its MaximumVirtualMachineMigrations otherwise) — a
 *   shared link only makes each longer;</li>
 *   <li>per standalone host, the same over its MaximumStorageMigrations for the migrations that move storage;</li>
 *   <li>the longest single migration, alone.</li>
 * </ul>
 * MaximumParallelMigrations limits "the number of live migrations that a cluster node can participate in" (Get-Cluster
 * help, and the Failover Clustering team's announcement of the property): it is a per-node figure set once for the
 * cluster, so the whole cluster's work over it is not a bound — a cluster of n nodes runs up to n × that many. The
 * per-node terms are what hold. Engine overheads (discovery, verification, round trips) are not in the bound.
 */
public record LowerBound(Duration value, String limitedBy, Map<String, Duration> durations) {

    public LowerBound {
        durations = Map.copyOf(durations);
    }

    /** Computes the bound on a world in which nothing has moved yet. */
    public static LowerBound of(World world, List<BenchFleet.Move> wave) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        Map<String, Duration> byHost = new LinkedHashMap<>();
        Map<String, Duration> storageByHost = new LinkedHashMap<>();
        Map<String, Double> wireByHost = new LinkedHashMap<>();
        Duration longest = Duration.ZERO;
        String longestVm = null;
        for (BenchFleet.Move m : wave) {
            Duration d;
            double wire;
            try {
                d = world.migrationDuration(m.vm(), m.destination(), m.movesStorage());
                wire = world.migrationWireMB(m.vm(), m.destination(), m.movesStorage());
            } catch (WorldException e) {
                throw new IllegalStateException("cannot estimate " + m.vm() + " to " + m.destination() + ": " + e.getMessage(), e);
            }
            durations.put(m.vm(), d);
            for (String h : List.of(key(m.source()), key(m.destination()))) {
                byHost.merge(h, d, Duration::plus);
                wireByHost.merge(h, wire, Double::sum);
                if (m.movesStorage()) {
                    storageByHost.merge(h, d, Duration::plus);
                }
            }
            if (d.compareTo(longest) > 0) {
                longest = d;
                longestVm = m.vm();
            }
        }
        Duration best = longest;
        String why = "the longest single migration (" + longestVm + ")";
        for (HostInfo h : world.hosts()) {
            Duration load = byHost.get(key(h.name()));
            if (load == null) {
                continue;
            }
            long limit;
            double linkMBps;
            try {
                limit = world.migrationLimit(h.name());
                linkMBps = world.migrationLinkMBps(h.name());
            } catch (WorldException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            double wire = wireByHost.get(key(h.name()));
            Duration link = World.migrationFixedTime().plusNanos((long) (wire / linkMBps * 1e9));
            if (link.compareTo(best) > 0) {
                best = link;
                why = h.name() + ": the " + Math.round(wire / 1024) + " GiB its migrations carry over its "
                        + String.format(Locale.ROOT, "%.3g", linkMBps * 8 / 1000) + " Gbps of links";
            }
            Duration perHost = load.dividedBy(limit);
            if (perHost.compareTo(best) > 0) {
                best = perHost;
                why = h.name() + ": its migrations over its limit of " + limit + " at a time";
            }
            Duration storage = storageByHost.get(key(h.name()));
            if (h.cluster() == null && storage != null) {
                Duration perStorage = storage.dividedBy(Math.max(1, h.maximumStorageMigrations()));
                if (perStorage.compareTo(best) > 0) {
                    best = perStorage;
                    why = h.name() + ": its storage migrations over its limit of " + h.maximumStorageMigrations() + " at a time";
                }
            }
        }
        return new LowerBound(best, why, durations);
    }

    /** The sum of every migration: what one after another would take with no overhead at all. */
    public Duration serialSum() {
        return durations.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
