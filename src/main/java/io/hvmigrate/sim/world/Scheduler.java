package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.fleet.HostSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves migrations through their life as simulated time passes: queued behind the per-host limit (the cluster's
 * MaximumParallelMigrations for cluster nodes, Set-VMHost's MaximumVirtualMachineMigrations and
 * MaximumStorageMigrations otherwise), running, then completed, failed or cancelled. Events are handled in time order,
 * so a long step of the clock gives the same result as many short ones.
 *
 * <p>Migrations running at once on a host share its migration link ({@link TimeModel}): at every event — a start, an
 * end, a migration's setup or transfer ending, a cancel, a failure, a crash, a change of a host's settings — every
 * running migration's work is brought up to the event's time, then the links are shared anew among those
 * transferring: max-min fair shares (progressive filling) of each host's capacity, a migration's rate being limited
 * by the busier of its two hosts and what one host leaves unused going to the others. The cost per event is linear in
 * the migrations queued or running (plus a log for the sharing), never in the history of ended ones.
 */
final class Scheduler {
    private static final int MAX_EVENTS_PER_CATCH_UP = 100_000;

    private final World world;

    Scheduler(World world) {
        this.world = world;
    }

    /** Handles every event up to {@code now}; true when anything changed (a migration ended or started, a host crashed). */
    boolean catchUp(Instant now) {
        // the migrations still queued or running, once: a wave's history of ended ones is never rescanned per event
        List<Migration> live = unfinished();
        boolean changed = false;
        for (int i = 0; i < MAX_EVENTS_PER_CATCH_UP; i++) {
            Optional<Instant> next = nextEvent(now, live);
            if (next.isEmpty()) {
                break;
            }
            handleEventsAt(next.get(), live);
            startQueued(next.get(), live);
            share(next.get(), live);
            changed = true;
        }
        if (startQueued(now, live)) {
            share(now, live);
            return true;
        }
        return changed;
    }

    /** Queued or running migrations, in the order they were asked for. No migration is added while the clock is caught up. */
    private List<Migration> unfinished() {
        return world.migrations.stream().filter(m -> m.jobState == 2 || m.jobState == 4).toList();
    }

    private Optional<Instant> nextEvent(Instant now, List<Migration> live) {
        Instant best = null;
        for (Migration m : live) {
            if (m.jobState != 4) {
                continue;
            }
            Instant t = m.nextEvent();
            if (!t.isAfter(now) && (best == null || t.isBefore(best))) {
                best = t;
            }
        }
        for (World.ScheduledCrash c : world.crashes) {
            if (!c.at().isAfter(now) && (best == null || c.at().isBefore(best))) {
                best = c.at();
            }
        }
        return Optional.ofNullable(best);
    }

    private void handleEventsAt(Instant t, List<Migration> live) {
        var crashIt = world.crashes.iterator();
        while (crashIt.hasNext()) {
            World.ScheduledCrash c = crashIt.next();
            if (!c.at().isAfter(t)) {
                crashIt.remove();
                world.findHost(c.host()).ifPresent(h -> crash(h, c.at()));
            }
        }
        for (Migration m : live) {
            if (m.jobState != 4) {
                continue;
            }
            if (m.failAtPercent >= 0 && !m.failureTime().isAfter(t)) {
                m.advanceTo(t);
                m.done = Math.max(m.done, m.failureWork());
                end(m, 10, t);
            } else if (m.failAtPercent < 0 && !m.completionTime().isAfter(t)) {
                complete(m, t);
            }
        }
    }

    private boolean startQueued(Instant t, List<Migration> live) {
        List<Migration> queued = live.stream().filter(m -> m.jobState == 2 && !m.queuedAt.isAfter(t))
                .sorted(World.byQueueTime()).toList();
        if (queued.isEmpty()) {
            return false;
        }
        // running migrations per host (as source or destination), and those of them that move storage
        java.util.Map<String, int[]> busy = new java.util.HashMap<>();
        for (Migration m : live) {
            if (m.jobState == 4) {
                occupy(busy, m);
            }
        }
        boolean started = false;
        for (Migration m : queued) {
            HostState src = hostNamed(m.source);
            HostState dst = hostNamed(m.destination);
            if (hasSlot(src, m, busy) && hasSlot(dst, m, busy)) {
                m.start(t);
                occupy(busy, m);
                started = true;
            }
        }
        return started;
    }

    private static void occupy(java.util.Map<String, int[]> busy, Migration m) {
        for (String host : hostsOf(m)) {
            int[] n = busy.computeIfAbsent(host, k -> new int[2]);
            n[0]++;
            if (m.movesStorage()) {
                n[1]++;
            }
        }
    }

    private boolean hasSlot(HostState h, Migration candidate, java.util.Map<String, int[]> busy) {
        int[] n = busy.getOrDefault(h.name, new int[2]);
        if (n[0] >= world.migrationLimit(h)) {
            return false;
        }
        if (candidate.movesStorage() && h.cluster == null) {
            return n[1] < h.maxStorageMigrations;
        }
        return true;
    }

    private void complete(Migration m, Instant t) {
        HostState src = world.findHost(m.source).orElseThrow();
        HostState dst = world.findHost(m.destination).orElseThrow();
        VmState vm = m.vm;
        long mem = vm.memoryInUseMB();
        src.memoryFreeMB += mem;
        dst.memoryFreeMB -= mem;
        for (VmState.Disk d : vm.disks) {
            String target = m.newPaths.get(d.path);
            if (target != null) {
                world.adjustFreeSpace(dst, target, -d.sizeGB * 1024);
                world.adjustFreeSpace(src, d.path, d.sizeGB * 1024);
                d.path = target;
            }
        }
        if (m.newPaths.containsKey("")) {
            vm.path = m.newPaths.get("");
        }
        vm.host = dst.name;
        if (m.kind == Migration.Kind.CLUSTER_LIVE) {
            ClusterState c = world.clusters.get(World.key(vm.cluster));
            ClusterState.GroupState g = c.groupByVm(vm.id);
            if (g != null) {
                g.ownerNode = dst.name;
                g.state = "Online";
            }
        }
        m.jobState = 7;
        m.endedAt = t;
        m.done = m.total;
        m.asOf = t;
        world.clusters().afterMigration(m);
    }

    private void end(Migration m, int jobState, Instant t) {
        if (m.startedAt != null) {
            m.advanceTo(t);
        }
        m.jobState = jobState;
        m.endedAt = t;
        if (m.kind == Migration.Kind.CLUSTER_LIVE && m.vm.cluster != null) {
            ClusterState.GroupState g = world.clusters.get(World.key(m.vm.cluster)).groupByVm(m.vm.id);
            if (g != null && "Pending".equals(g.state)) {
                g.state = "Online";
            }
        }
        world.clusters().afterMigration(m);
    }

    void cancel(Migration m, int jobState) {
        Instant now = world.clock.now();
        m.failure = WindowsErrors.migrationFailed(m.vm.name, m.vm.id, true, m.source, WindowsErrors.ERROR_CANCELLED,
                "The operation was canceled by the user. (0x800704C7).");
        end(m, jobState, now);
        List<Migration> live = unfinished();
        startQueued(now, live);
        share(now, live);
    }

    /** A host's settings changed (its performance option, say): its links are shared anew from now on. */
    void reshare(Instant now) {
        share(now, unfinished());
    }

    /** The host stops at {@code now}: the migrations it takes part in fail, the others are shared anew. */
    void crash(HostState h, Instant now) {
        if (!h.running) {
            return;
        }
        h.running = false;
        if (h.cluster != null) {
            h.nodeState = HostSpec.NodeState.Down;
        }
        for (Migration m : List.copyOf(world.migrations)) {
            if (m.ended()) {
                continue;
            }
            if (m.destination.equals(h.name)) {
                // the source rolls back: the VM keeps running where it was
                m.failure = WindowsErrors.migrationFailed(m.vm.name, m.vm.id, true, m.source,
                        WindowsErrors.WSAECONNRESET, "Failed to send data for a Virtual Machine migration: An "
                        + "existing connection was forcibly closed by the remote host. (0x80072746).");
                end(m, 10, now);
            } else if (m.source.equals(h.name)) {
                // the job dies with its host; the destination discards the partial VM
                m.failure = WindowsErrors.migrationFailed(m.vm.name, m.vm.id, false, m.destination,
                        WindowsErrors.WSAECONNRESET, "Failed to receive data for a Virtual Machine migration: An "
                        + "existing connection was forcibly closed by the remote host. (0x80072746).");
                end(m, 10, now);
            }
        }
        for (VmState vm : List.copyOf(world.vms.values())) {
            if (!vm.host.equals(h.name)) {
                continue;
            }
            boolean wasRunning = vm.state == VmPowerState.Running || vm.state == VmPowerState.Paused;
            h.memoryFreeMB += vm.memoryInUseMB();
            vm.state = VmPowerState.Off;
            vm.memoryAssignedMB = 0;
            vm.startedAt = null;
            if (vm.cluster != null && wasRunning) {
                failover(vm, h, now);
            } else {
                vm.wasRunningBeforeCrash = wasRunning;
            }
        }
        List<Migration> live = unfinished();
        startQueued(now, live);
        share(now, live);
    }

    /**
     * Brings every running migration's work up to {@code t}, then gives those transferring their max-min fair share of
     * their hosts' links. Progressive filling: the host whose capacity, split evenly among its migrations not yet
     * settled, gives the least settles them at that rate; what they take is removed from their other host; repeat.
     */
    private void share(Instant t, List<Migration> live) {
        List<Migration> flows = new java.util.ArrayList<>();
        for (Migration m : live) {
            if (m.jobState == 4) {
                m.advanceTo(t);
                m.speed = 1.0;
                if (m.transferring()) {
                    flows.add(m);
                }
            }
        }
        if (flows.isEmpty()) {
            return;
        }
        java.util.Map<String, Link> links = new java.util.HashMap<>();
        for (Migration m : flows) {
            for (String host : hostsOf(m)) {
                links.computeIfAbsent(host, k -> new Link(k, TimeModel.hostMBps(hostNamed(k))))
                        .flows.add(m);
            }
        }
        java.util.PriorityQueue<Level> levels = new java.util.PriorityQueue<>();
        for (Link l : links.values()) {
            l.open = l.flows.size();
            levels.add(l.level());
        }
        java.util.Set<Migration> settled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!levels.isEmpty()) {
            Level next = levels.poll();
            Link link = next.link();
            if (next.version() != link.version || link.open == 0) {
                continue; // a stale level: the link's share has grown since
            }
            double rate = next.share();
            for (Migration m : link.flows) {
                if (!settled.add(m)) {
                    continue;
                }
                m.speed = Math.max(1e-9, Math.min(1.0, rate / m.work.aloneMBps()));
                for (String other : hostsOf(m)) {
                    Link o = links.get(other);
                    if (o != link) {
                        o.left = Math.max(0, o.left - rate);
                        o.open--;
                        o.version++;
                        if (o.open > 0) {
                            levels.add(o.level());
                        }
                    }
                }
            }
            link.open = 0;
        }
    }

    /** A migration's host by its name (as the migration holds it): a lookup, not a scan of the hosts. */
    private HostState hostNamed(String name) {
        return world.hosts.get(World.key(name));
    }

    private static List<String> hostsOf(Migration m) {
        return m.source.equals(m.destination) ? List.of(m.source) : List.of(m.source, m.destination);
    }

    /** One host's link while shares are handed out: capacity not yet given, and migrations not yet settled. */
    private static final class Link {
        final String host;
        final List<Migration> flows = new java.util.ArrayList<>();
        double left;
        int open;
        int version;

        Link(String host, double capacity) {
            this.host = host;
            this.left = capacity;
        }

        Level level() {
            return new Level(left / open, host, version, this);
        }
    }

    /** A link's even share at one moment; ties go by host name, so that the sharing is the same on every run. */
    private record Level(double share, String host, int version, Link link) implements Comparable<Level> {
        @Override
        public int compareTo(Level o) {
            int c = Double.compare(share, o.share);
            return c != 0 ? c : host.compareTo(o.host);
        }
    }

    /** The cluster restarts the role on a surviving node (best placement: preferred owners, then least loaded). */
    private void failover(VmState vm, HostState failed, Instant now) {
        ClusterState c = world.clusters.get(World.key(vm.cluster));
        ClusterState.GroupState g = c.groupByVm(vm.id);
        Optional<HostState> target = world.clusters().placementFor(c, g, failed.name, vm, null);
        if (target.isEmpty()) {
            g.state = "Failed";
            vm.wasRunningBeforeCrash = true;
            return;
        }
        HostState node = target.get();
        vm.host = node.name;
        vm.state = VmPowerState.Running;
        vm.memoryAssignedMB = vm.memoryStartupMB;
        vm.startedAt = now;
        node.memoryFreeMB -= vm.memoryAssignedMB;
        g.ownerNode = node.name;
        g.state = "Online";
    }

    static Comparator<HostState> byName() {
        return Comparator.comparing(h -> h.name.toLowerCase(Locale.ROOT));
    }
}
