package io.hvmigrate.cli;

import io.hvmigrate.bench.Bench;
import io.hvmigrate.bench.BenchFleet;
import io.hvmigrate.bench.BenchTable;
import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.load.Units;
import io.hvmigrate.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", subcommands = {BenchPlanCommand.class, BenchDiscoverCommand.class}, header = "Benchmark: the engine against a sequential script and fixed batches on a simulated wave.",
        description = {"Measures how fast hvmigrate carries out a large wave, against the simulated fleet (hvsim). Generates a fleet of "
                + "two clusters and standalone hosts and a hardware-refresh wave in which every VM moves, then runs it on a fresh "
                + "fleet for each strategy: the engine; the same moves one after another, as a foreach ... Move-VM script does; "
                + "and fixed batches started together, each waited for before the next. Prints each makespan in simulated time, "
                + "its ratio to the lower bound computed from the fleet, the speed-up over the sequential script, WinRM round "
                + "trips per move and wall time. Nothing outside this machine's loopback addresses is contacted."})
@ExitCodes({ExitCode.FAILED, ExitCode.INTERRUPTED})
final class BenchCommand extends BaseCommand {

    @Option(names = "--vms", paramLabel = "N", defaultValue = "200", description = "VMs in the wave (default: ${DEFAULT-VALUE})")
    int vms;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "20", description = "hosts in the fleet, 6 to " + BenchFleet.MAX_HOSTS + " (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--time-scale", paramLabel = "N", defaultValue = "50",
            description = "simulated time runs N times faster than real time (default: ${DEFAULT-VALUE}): a round trip of a few "
                    + "milliseconds to hvsim then counts as a fifth of a second or so, as one to a real host does; a larger N "
                    + "magnifies every wall-clock cost of the engine (TLS, discovery, scheduling) against the migrations")
    double timeScale;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "10", description = "the size of the fixed batches (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the generated fleet (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--strategies", paramLabel = "NAME", split = ",", defaultValue = "engine,sequential,batches",
            description = "which strategies to run, in order (default: ${DEFAULT-VALUE})")
    java.util.List<String> strategies;

    @Option(names = "--per-host-limits", paramLabel = "N", split = ",",
            description = "instead of the strategies, run the engine once per limit, each on a fresh fleet whose hosts' "
                    + "MaximumVirtualMachineMigrations and MaximumStorageMigrations and whose clusters' MaximumParallelMigrations "
                    + "are N, and print the makespans side by side, e.g. 1,2,4,8 (Windows' default is 2): migrations running at "
                    + "once on a host share its migration link, so more at once is not always faster")
    java.util.List<Integer> perHostLimits;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "keep each strategy's inventory, playbook and journal here (default: a temporary directory)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Bench.Options options;
        for (String s : strategies) {
            if (!Bench.STRATEGIES.contains(s.trim().toLowerCase(java.util.Locale.ROOT))) {
                err().println("hvmigrate: no strategy '" + s + "': use " + String.join(", ", Bench.STRATEGIES));
                return ExitCode.INVALID_INPUT.code();
            }
        }
        try {
            Path where = dir != null ? dir : Files.createTempDirectory("hvmigrate-bench-");
            options = new Bench.Options(new BenchFleet.Size(hosts, vms, seed), timeScale, batch, where, EngineSetup.transportSettings(settings()), limits());
        } catch (IllegalArgumentException e) {
            err().println("hvmigrate: " + e.getMessage());
            return ExitCode.INVALID_INPUT.code();
        }
        out().printf("bench: %d VMs, %d hosts, time x%s; files in %s%n", vms, hosts, timeScale, options.dir());
        out().flush();
        if (perHostLimits != null && !perHostLimits.isEmpty()) {
            if (perHostLimits.stream().anyMatch(n -> n < 1)) {
                err().println("hvmigrate: --per-host-limits: every limit must be at least 1");
                return ExitCode.INVALID_INPUT.code();
            }
            Bench.LimitsReport report = Bench.runLimits(options, perHostLimits, line -> {
                out().println("bench: " + line);
                out().flush();
            });
            BenchTable.printLimits(report, out());
            return report.allMoved() ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
        Bench.Report report = Bench.run(options, strategies, line -> {
            out().println("bench: " + line);
            out().flush();
        });
        BenchTable.print(report, out());
        return report.allMoved() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private MoveExecutor.Limits limits() {
        // the bench's engine stands for an unattended run (a scheduler's): nobody watches its bars
        io.hvmigrate.settings.ProgressInterval every = io.hvmigrate.settings.ProgressInterval.of(settings().get("progress.interval"), false);
        return new MoveExecutor.Limits(Units.duration(settings().get("step.timeout")), Duration.ofMinutes(10),
                Setting.bytesPerSecond(settings().get("migration.bandwidth")), 4.0, every.polls(), every.progress());
    }
}
