package io.hvmigrate.bench;

import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.Planner;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.wsman.EndpointTraffic;
import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.transport.Secrets;
import io.hvmigrate.transport.WinRmTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fresh simulated fleet for one strategy: hvsim started from the generated fleet, the inventory it writes (as
 * {@code hvmigrate lab} does), the wave as a playbook, and WinRM connections to it through the engine's transport.
 */
final class BenchLab implements AutoCloseable {

    /** A transport and the connections over it; closing closes both. */
    record Connections(WinRmTransport transport, HostConnections hosts) implements AutoCloseable {
        @Override
        public void close() {
            hosts.close();
            transport.close();
        }
    }

    /** How the engine is set up: its transport settings and step limits (the progress interval in simulated time). */
    record Engine(WinRmTransport.Settings transport, MoveExecutor.Limits limits) {}

    private final BenchFleet bench;
    private final SimFleet sim;
    private final Path dir;
    private final Inventory inventory;
    private final Playbook playbook;
    private final Secrets secrets;
    private final Engine engine;

    private BenchLab(BenchFleet bench, SimFleet sim, Path dir, Inventory inventory, Playbook playbook, Engine engine) {
        this.bench = bench;
        this.sim = sim;
        this.dir = dir;
        this.inventory = inventory;
        this.playbook = playbook;
        this.engine = engine;
        this.secrets = new Secrets(Map.of(), w -> { });
    }

    static BenchLab start(BenchFleet bench, double timeScale, Path dir, Engine engine) throws IOException {
        return start(bench, timeScale, dir, engine, true);
    }

    /** As {@link #start(BenchFleet, double, Path, Engine)}; over HTTPS, or over plain HTTP with message encryption. */
    static BenchLab start(BenchFleet bench, double timeScale, Path dir, Engine engine, boolean https) throws IOException {
        Files.createDirectories(dir);
        SimFleet sim = SimFleet.start(bench.fleet(), SimFleet.Options.defaults().withTimeScale(timeScale).withHttps(https));
        try {
            LabFiles.Written files = LabFiles.write(sim, dir, LabFiles.serviceAccount(sim));
            Path playbookFile = dir.resolve("wave.yaml");
            Files.writeString(playbookFile, bench.playbook("bench-refresh"), StandardCharsets.UTF_8);
            Inventory inventory = InventoryFormat.load(files.inventory());
            Playbook playbook = PlaybookFormat.load(playbookFile, inventory);
            return new BenchLab(bench, sim, dir, inventory, playbook, engine);
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    World world() {
        return sim.world();
    }

    /** What the fleet's WinRM listeners have served so far: connections, HTTP requests, operations by action. */
    Traffic traffic() {
        long connections = 0;
        long requests = 0;
        Map<WsmanAction, Long> operations = new EnumMap<>(WsmanAction.class);
        for (SimFleet.Endpoint e : sim.endpoints()) {
            EndpointTraffic t = sim.listener(e.host()).traffic();
            connections += t.connections();
            requests += t.requests();
            for (WsmanAction a : WsmanAction.values()) {
                operations.merge(a, t.operations(a), Long::sum);
            }
        }
        return new Traffic(connections, requests, operations);
    }

    /** Connections, HTTP requests and WS-Management operations a fleet served. */
    record Traffic(long connections, long requests, Map<WsmanAction, Long> operations) {
        Traffic since(Traffic before) {
            Map<WsmanAction, Long> ops = new EnumMap<>(WsmanAction.class);
            operations.forEach((a, n) -> ops.put(a, n - before.operations.getOrDefault(a, 0L)));
            return new Traffic(connections - before.connections, requests - before.requests, ops);
        }
    }

    /** The simulated present, from the world's clock. */
    Instant now() {
        return sim.world().clock().now();
    }

    Playbook playbook() {
        return playbook;
    }

    Engine engine() {
        return engine;
    }

    Connections connect() {
        try {
            WinRmTransport transport = new WinRmTransport(inventory, secrets, engine.transport());
            return new Connections(transport, new HostConnections(transport, inventory, HostConnections.Settings.DEFAULT));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS to the simulated fleet: " + e.getMessage(), e);
        }
    }

    RunService runService(HostConnections hosts, String runsDir) {
        return new RunService(inventory, hosts, Clock.systemUTC(), RunEvents.NONE,
                new RunService.Options(dir.resolve(runsDir), false, engine.limits()));
    }

    /**
     * The wave's moves as the engine plans them (discovery over its own connections, not counted against any
     * strategy): a script's author writes the same list by hand before the window opens.
     */
    Plan plan() {
        try (Connections c = connect()) {
            var found = runService(c.hosts(), "plan").discover();
            if (!found.unreachable().isEmpty()) {
                throw new IllegalStateException("could not read " + found.unreachable());
            }
            return new Planner(inventory, found.facts()).plan(playbook);
        }
    }

    /** What is wrong with the world after the wave: VMs not running on their destination, migrations that failed. */
    List<String> problemsAfterWave() {
        List<String> problems = new ArrayList<>();
        for (BenchFleet.Move m : bench.wave()) {
            VmInfo vm = sim.world().findVm(m.vm()).orElse(null);
            if (vm == null) {
                problems.add(m.vm() + " is gone");
            } else if (!vm.computerName().equalsIgnoreCase(m.destination())) {
                problems.add(m.vm() + " is on " + vm.computerName() + ", not " + m.destination());
            } else if (vm.state() != io.hvmigrate.sim.world.VmPowerState.Running) {
                problems.add(m.vm() + " is " + vm.state() + " on " + m.destination());
            }
        }
        sim.world().migrationHistory().stream().filter(j -> j.jobState() != 7)
                .forEach(j -> problems.add("the migration of " + j.vmName() + " to " + j.destination() + " ended in state " + j.jobState()
                        + (j.errorDescription() == null ? "" : ": " + j.errorDescription())));
        return problems;
    }

    Path dir() {
        return dir;
    }

    /**
     * Every migration the world ran, as CSV for a closer look: when it started and ended in simulated seconds after
     * {@code t0}, and how long the time model said it would take.
     */
    void writeMigrations(Path file, Instant t0, LowerBound bound) throws IOException {
        StringBuilder csv = new StringBuilder("vm,source,destination,expected_s,start_s,end_s,job_state\n");
        for (MigrationJobInfo j : sim.world().migrationHistory()) {
            Duration expected = bound.durations().get(j.vmName());
            csv.append(j.vmName()).append(',').append(j.source()).append(',').append(j.destination()).append(',')
                    .append(expected == null ? "" : seconds(expected)).append(',')
                    .append(j.startTime() == null ? "" : seconds(Duration.between(t0, j.startTime()))).append(',')
                    .append(j.endTime() == null ? "" : seconds(Duration.between(t0, j.endTime()))).append(',')
                    .append(j.jobState()).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    /** How many of the wave's VMs run on their destination. */
    int movedCount() {
        int n = 0;
        for (BenchFleet.Move m : bench.wave()) {
            VmInfo vm = sim.world().findVm(m.vm()).orElse(null);
            if (vm != null && vm.computerName().equalsIgnoreCase(m.destination()) && vm.state() == io.hvmigrate.sim.world.VmPowerState.Running) {
                n++;
            }
        }
        return n;
    }

    static List<io.hvmigrate.plan.MoveJob> jobs(Plan plan) {
        return plan.moves().stream().filter(PlannedMove::planned).map(PlannedMove::job).toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
