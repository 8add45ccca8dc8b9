package io.hvmigrate.cli;

import io.hvmigrate.bench.LoadAverage;
import io.hvmigrate.bench.ScaleFiles;
import io.hvmigrate.check.Preflight;
import io.hvmigrate.check.Report;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", header = "Benchmark: planning and checking a generated fleet at three sizes, and how the cost grows.",
        description = {"Writes the inventory, facts snapshot and playbook of a generated fleet (clusters of eight nodes on CSV and "
                + "standalone hosts; the playbook drains one host in ten and moves one VM in twenty by name) at a quarter, half and "
                + "all of the size asked for, then loads each and plans and checks it as plan --facts and check --facts do, in this "
                + "process. Prints the time, the heap in use afterwards, and the names keyed and compared (the operation count), "
                + "with their growth for each doubling: about 2 is linear, about 4 quadratic. Contacts nothing."})
@ExitCodes({})
final class BenchPlanCommand extends BaseCommand {

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "1000", description = "hosts at the largest size (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--vms", paramLabel = "N", defaultValue = "10000", description = "VMs at the largest size (default: ${DEFAULT-VALUE})")
    int vms;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml", description = "facts as yaml or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--dir", paramLabel = "DIR", description = "keep the generated files here (default: a temporary directory)")
    Path dir;

    /** One size's measurement. */
    record Row(ScaleFiles.Size size, int moves, long millis, long heapBytes, long operations) {}

    @Override
    public Integer call() throws IOException {
        ScaleFiles.Size largest;
        boolean json = format.equalsIgnoreCase("json");
        if (!json && !format.equalsIgnoreCase("yaml")) {
            err().println("hvmigrate: --format is yaml or json, not '" + format + "'");
            return ExitCode.INVALID_INPUT.code();
        }
        try {
            largest = new ScaleFiles.Size(hosts, vms);
        } catch (IllegalArgumentException e) {
            err().println("hvmigrate: " + e.getMessage());
            return ExitCode.INVALID_INPUT.code();
        }
        Path where = dir != null ? dir : Files.createTempDirectory("hvmigrate-bench-plan-");
        LoadAverage load = new LoadAverage(LoadAverage.now(), Double.NaN);
        out().printf(Locale.ROOT, "bench plan: up to %d hosts, %d VMs, facts as %s; files in %s; load %.2f on %d cores%n",
                hosts, vms, json ? "JSON" : "YAML", where, load.atStart(), LoadAverage.cores());
        List<Row> rows = new ArrayList<>();
        for (int d : new int[] {4, 2, 1}) {
            rows.add(measure(largest.divided(d), where.resolve("size-" + d), json));
        }
        load = load.ended();
        out().println();
        out().printf(Locale.ROOT, "%8s %9s %7s %10s %10s %14s %12s %12s%n", "hosts", "VMs", "moves", "time ms", "heap MB",
                "name ops", "ops growth", "time growth");
        Row previous = null;
        for (Row r : rows) {
            out().printf(Locale.ROOT, "%8d %9d %7d %10d %10.0f %14d %12s %12s%n", r.size().hosts(), r.size().vms(), r.moves(),
                    r.millis(), r.heapBytes() / 1048576.0, r.operations(),
                    previous == null ? "" : String.format(Locale.ROOT, "x%.2f", (double) r.operations() / previous.operations()),
                    previous == null ? "" : String.format(Locale.ROOT, "x%.2f", (double) r.millis() / Math.max(1, previous.millis())));
            previous = r;
        }
        double growth = (double) rows.get(2).operations() / rows.get(1).operations();
        out().printf(Locale.ROOT, "%nload %.2f at start, %.2f at end, %d cores%n", load.atStart(), load.atEnd(), LoadAverage.cores());
        if (load.noisy()) {
            out().println("verdict: noisy: the load was above the core count; rerun (operation counts stand, times do not)");
        }
        out().printf(Locale.ROOT, "verdict: operations grow x%.2f when the fleet doubles: %s%n", growth,
                growth <= 2.5 ? "linear" : growth <= 3.2 ? "worse than linear" : "quadratic or worse");
        return ExitCode.OK.code();
    }

    private Row measure(ScaleFiles.Size size, Path where, boolean json) throws IOException {
        return measure(size, where, json, (moves, findings, millis) -> {
            out().printf(Locale.ROOT, "bench plan: %d hosts, %d VMs: %d moves planned, %d findings, %d ms%n", size.hosts(),
                    size.vms(), moves, findings, millis);
            out().flush();
        });
    }

    /** What one size planned and found. */
    interface Progress {
        void measured(int moves, int findings, long millis);
    }

    /** Writes one size's files, then loads, plans and checks them as plan --facts and check --facts do. */
    static Row measure(ScaleFiles.Size size, Path where, boolean json, Progress progress) throws IOException {
        ScaleFiles.Written files = ScaleFiles.write(size, where, json);
        System.gc();
        long ops = Names.operations();
        long t0 = System.nanoTime();
        Inputs in = Inputs.load(files.playbook(), files.inventory(), files.facts(), true);
        Plan plan = new Planner(in.inventory(), in.facts()).plan(in.playbook());
        Report report = new Preflight(in.facts(), in.playbook().policy()).check(plan);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long operations = Names.operations() - ops;
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (plan.moves().isEmpty()) {
            throw new IllegalStateException("nothing planned at " + size);
        }
        progress.measured(plan.moves().size(), report.findings().size(), millis);
        return new Row(size, plan.moves().size(), millis, heap, operations);
    }
}
