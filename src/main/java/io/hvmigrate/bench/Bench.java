package io.hvmigrate.bench;

import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.transport.WinRmTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The benchmark: one generated wave carried out by each strategy on its own fresh simulated fleet (same seed, same
 * wave), each measured in simulated time from the world's clock — so the machine's speed cancels out, while the
 * engine's own work (discovery, journal, round trips, verification) counts at the time scale, as it would against
 * real hosts — and compared with the lower bound computed from the fleet.
 *
 * <pre>{@code
 * Bench.Report r = Bench.run(Bench.Options.of(new BenchFleet.Size(20, 200, 1), 100, 10), System.out::println);
 * r.row("engine").orElseThrow().makespan();
 * }</pre>
 */
public final class Bench {

    /**
     * @param timeScale simulated time runs this many times faster than the wall clock
     * @param batch     the size of the fixed batches strategy
     * @param dir       where each strategy's fleet files, playbook and engine journal go
     * @param transport the engine's WinRM settings
     * @param limits    the engine's step limits; their progress interval is read as simulated time, so the engine
     *                  polls as often per simulated second as it would poll real hosts
     */
    public record Options(BenchFleet.Size size, double timeScale, int batch, Path dir, WinRmTransport.Settings transport,
                          MoveExecutor.Limits limits) {
        public Options {
            if (!(timeScale > 0)) {
                throw new IllegalArgumentException("--time-scale must be positive");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be at least 1");
            }
        }
    }

    /**
     * One strategy's result.
     *
     * @param makespan   simulated time from the strategy's first action to its last move's end
     * @param wall       the same span on the wall clock
     * @param roundTrips WinRM commands the strategy sent (discovery and verification included for the engine)
     * @param moved      VMs of the wave that run on their destination afterwards, as the world sees it
     * @param problems   what went wrong: failures the strategy reported, and what the world shows afterwards
     */
    public record Row(String strategy, Duration makespan, Duration wall, long roundTrips, int moved, List<String> problems,
                      double loadAtStart, double loadAtEnd) {
        public Row(String strategy, Duration makespan, Duration wall, long roundTrips, int moved, List<String> problems) {
            this(strategy, makespan, wall, roundTrips, moved, problems, Double.NaN, Double.NaN);
        }

        /** Whether the machine was busier than its cores during this strategy: its wall-clock-bound ratios are noise. */
        public boolean noisy() {
            return Math.max(loadAtStart, loadAtEnd) > Runtime.getRuntime().availableProcessors();
        }

        public Row {
            problems = List.copyOf(problems);
        }
    }

    /** The whole benchmark. */
    public record Report(BenchFleet.Size size, double timeScale, int moves, String waveMix, LowerBound bound, List<Row> rows) {
        public Report {
            rows = List.copyOf(rows);
        }

        public Optional<Row> row(String strategy) {
            return rows.stream().filter(r -> r.strategy().equals(strategy)).findFirst();
        }

        public double ratioToBound(Row r) {
            return (double) r.makespan().toNanos() / bound.value().toNanos();
        }

        /** The sequential makespan over this row's, or empty when the sequential baseline did not run. */
        public Optional<Double> speedUp(Row r) {
            return row("sequential").map(s -> (double) s.makespan().toNanos() / r.makespan().toNanos());
        }

        public boolean allMoved() {
            return rows.stream().allMatch(r -> r.moved() == moves && r.problems().isEmpty());
        }
    }

    private Bench() {}

    /** The strategies the bench knows, by the names {@code --strategies} takes. */
    public static final List<String> STRATEGIES = List.of("engine", "sequential", "batches");

    /** Runs the engine, the sequential baseline and fixed batches, in that order. */
    public static Report run(Options o, Consumer<String> progress) throws IOException {
        return run(o, STRATEGIES, progress);
    }

    /** Runs the named strategies (of {@link #STRATEGIES}), in the order given. */
    public static Report run(Options o, List<String> names, Consumer<String> progress) throws IOException {
        List<Strategy> strategies = new ArrayList<>();
        for (String n : names) {
            strategies.add(switch (n.trim().toLowerCase(Locale.ROOT)) {
                case "engine" -> new Strategy.Engine();
                case "sequential" -> new Strategy.Scripted(1);
                case "batches" -> new Strategy.Scripted(o.batch());
                default -> throw new IllegalArgumentException("no strategy '" + n + "': use " + String.join(", ", STRATEGIES));
            });
        }
        return runStrategies(o, strategies, progress);
    }

    static Report runStrategies(Options o, List<Strategy> strategies, Consumer<String> progress) throws IOException {
        BenchFleet bench = BenchFleet.generate(o.size());
        BenchLab.Engine engine = engine(o);
        LowerBound bound;
        String mix;
        // warm-up on a fleet of its own: the JVM, TLS and WinRM client start once, outside every measurement
        try (BenchLab lab = BenchLab.start(bench, o.timeScale(), o.dir().resolve("warm-up"), engine)) {
            bound = LowerBound.of(lab.world(), bench.wave());
            Plan plan = lab.plan();
            mix = mix(plan);
            progress.accept("fleet: " + bench.fleet().hosts().size() + " hosts, " + bench.wave().size() + " moves (" + mix
                    + "); lower bound " + BenchTable.clock(bound.value()) + ", set by " + bound.limitedBy()
                    + "; the engine polls progress every " + o.limits().progressInterval().toMillis() / 1000.0 + " s of simulated time");
        }
        List<Row> rows = new ArrayList<>();
        for (Strategy s : strategies) {
            rows.add(measure(bench, o, engine, s, s.name(), bound, progress, world -> { }));
        }
        return new Report(o.size(), o.timeScale(), bench.wave().size(), mix, bound, rows);
    }

    /**
     * One engine run at one per-host limit: the lower bound of that fleet (its slot terms move with the limit, its link
     * terms do not), the engine's row, and the span of each part of the wave in simulated time, from the first migration's
     * start to the part's last end: the moves that copy memory only (clustered and SMB-share VMs) and those that also
     * copy their disks.
     */
    public record LimitRow(int limit, LowerBound bound, Row row, Duration memoryOnly, Duration withStorage) {
        public double ratioToBound() {
            return (double) row.makespan().toNanos() / bound.value().toNanos();
        }
    }

    /** The per-host concurrency sweep: the same wave at each limit, each on a fresh fleet. */
    public record LimitsReport(BenchFleet.Size size, double timeScale, int moves, List<LimitRow> rows) {
        public LimitsReport {
            rows = List.copyOf(rows);
        }

        public boolean allMoved() {
            return rows.stream().allMatch(r -> r.row().moved() == moves && r.row().problems().isEmpty());
        }
    }

    /**
     * Runs the engine on the same wave once per per-host limit: every host's MaximumVirtualMachineMigrations and
     * MaximumStorageMigrations and every cluster's MaximumParallelMigrations set to that value
     * ({@link BenchFleet#withMigrationLimit}), each on a fresh fleet.
     */
    public static LimitsReport runLimits(Options o, List<Integer> limits, Consumer<String> progress) throws IOException {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("--per-host-limits needs at least one limit");
        }
        BenchFleet generated = BenchFleet.generate(o.size());
        BenchLab.Engine engine = engine(o);
        try (BenchLab lab = BenchLab.start(generated.withMigrationLimit(limits.get(0)), o.timeScale(), o.dir().resolve("warm-up"),
                engine)) {
            progress.accept("fleet: " + generated.fleet().hosts().size() + " hosts, " + generated.wave().size() + " moves ("
                    + mix(lab.plan()) + ")");
        }
        List<LimitRow> rows = new ArrayList<>();
        for (int limit : limits) {
            BenchFleet bench = generated.withMigrationLimit(limit);
            LowerBound bound;
            try (BenchLab lab = BenchLab.start(bench, o.timeScale(), o.dir().resolve("bound-" + limit), engine)) {
                bound = LowerBound.of(lab.world(), bench.wave());
            }
            Duration[] parts = new Duration[2];
            Row row = measure(bench, o, engine, new Strategy.Engine(), "engine, limit " + limit, bound, progress, world -> {
                List<MigrationJobInfo> jobs = world.migrationHistory();
                parts[0] = span(jobs, false);
                parts[1] = span(jobs, true);
            });
            rows.add(new LimitRow(limit, bound, row, parts[0], parts[1]));
        }
        return new LimitsReport(o.size(), o.timeScale(), generated.wave().size(), rows);
    }

    /** From the first migration's start to the last end of those that move storage (or of those that do not). */
    private static Duration span(List<MigrationJobInfo> jobs, boolean withStorage) {
        Optional<Instant> first = jobs.stream().map(MigrationJobInfo::startTime).filter(java.util.Objects::nonNull).min(Instant::compareTo);
        Optional<Instant> last = jobs.stream().filter(j -> (j.migrationType() == STORAGE_TOO) == withStorage)
                .map(MigrationJobInfo::endTime).filter(java.util.Objects::nonNull).max(Instant::compareTo);
        return first.isPresent() && last.isPresent() ? Duration.between(first.get(), last.get()) : Duration.ZERO;
    }

    /** Msvm_MigrationJob's MigrationType of a move that copies the VM's storage too (VirtualSystemAndStorage). */
    private static final int STORAGE_TOO = 32771;

    private static BenchLab.Engine engine(Options o) {
        MoveExecutor.Limits l = o.limits();
        // the engine's clock is the wall clock: its polling interval shrinks with the time scale so that, in simulated
        // time, it polls as often as against real hosts
        return new BenchLab.Engine(o.transport(), new MoveExecutor.Limits(l.step(), l.migrationFloor(), l.bytesPerSecond(),
                l.safetyFactor(), scaled(l.pollInterval(), o.timeScale()), scaled(l.progressInterval(), o.timeScale())));
    }

    /** A wall-clock interval that lasts {@code interval} in simulated time. */
    private static Duration scaled(Duration interval, double timeScale) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (interval.toNanos() / timeScale)));
    }

    /** Carries the wave out with one strategy on a fresh fleet, and measures it. */
    private static Row measure(BenchFleet bench, Options o, BenchLab.Engine engine, Strategy s, String name, LowerBound bound,
                               Consumer<String> progress, Consumer<World> afterwards) throws IOException {
        try (BenchLab lab = BenchLab.start(bench, o.timeScale(), o.dir().resolve(slug(name)), engine)) {
            Plan prepared = s.prepare(lab);
            double load0 = LoadAverage.now();
            Instant t0 = lab.now();
            long w0 = System.nanoTime();
            Strategy.Outcome out = s.carryOut(lab, prepared);
            Instant t1 = lab.now();
            Duration wall = Duration.ofNanos(System.nanoTime() - w0);
            List<String> problems = new ArrayList<>(out.failures());
            problems.addAll(lab.problemsAfterWave());
            Row row = new Row(name, Duration.between(t0, t1), wall, out.roundTrips(), lab.movedCount(), problems, load0,
                    LoadAverage.now());
            lab.writeMigrations(lab.dir().resolve("migrations.csv"), t0, bound);
            afterwards.accept(lab.world());
            progress.accept(String.format(Locale.ROOT, "%s: %s simulated (%s wall), %d/%d moved", name,
                    BenchTable.clock(row.makespan()), BenchTable.seconds(wall), row.moved(), bench.wave().size()));
            return row;
        }
    }

    private static String mix(Plan plan) {
        List<String> parts = new ArrayList<>();
        plan.byScenario().forEach((scenario, n) -> {
            if (n > 0) {
                parts.add(n + " " + scenario.name());
            }
        });
        long refused = plan.moves().stream().filter(m -> !m.planned()).count();
        if (refused > 0) {
            parts.add(refused + " refused");
        }
        return String.join(", ", parts);
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
