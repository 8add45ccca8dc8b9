package io.hvmigrate.cli;

import io.hvmigrate.bench.BenchFleet;
import io.hvmigrate.bench.DiscoveryBench;
import io.hvmigrate.bench.LoadAverage;
import io.hvmigrate.load.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "discover", header = "Benchmark: discovery of a simulated fleet, and what it costs the engine and hvsim per host.",
        description = {"Starts a generated fleet in hvsim in this process (two clusters and standalone hosts, as bench generates "
                + "them, each host on its own loopback address), then reads it as discover does, from setting up the transport to "
                + "deleting the last shell: every host, each cluster once and the directory, over HTTPS with NTLM (--http: plain HTTP, "
                + "every message sealed by its connection's NTLM context). Prints the wall "
                + "time; the CPU time of the engine, of hvsim, and of the JVM's garbage collection and compilers (read per thread "
                + "from /proc; the rest is split between the engine and hvsim by JFR execution samples: those with hvsim's code on "
                + "the stack are hvsim's), the engine's CPU per host and the components it went to; remote commands, WinRM clients, "
                + "HTTP requests (by WS-Management action) and TCP connections per host; the heap; and the load average at start "
                + "and end. Runs with the quick compiler only, as discover does. Nothing outside this machine's loopback addresses "
                + "is contacted."})
@ExitCodes(ExitCode.FAILED)
final class BenchDiscoverCommand extends BaseCommand {

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "1000",
            description = "hosts in the fleet, 6 to " + BenchFleet.MAX_HOSTS + " (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--vms-per-host", paramLabel = "N", defaultValue = "10",
            description = "VMs on each host that holds VMs: the fleet's old hosts, about half (default: ${DEFAULT-VALUE})")
    int vmsPerHost;

    @Option(names = "--profile", description = "name the methods most often on top of the samples, engine and hvsim, and keep "
            + "the recording as discover.jfr in the directory")
    boolean profile;

    @Option(names = "--warm-up", description = "discover the fleet once before the measured discovery: the steady cost per host, "
            + "without the JVM's loading and compiling of the code on first use (which discover, a fresh process, pays)")
    boolean warmUp;

    @Option(names = "--http", description = "over plain HTTP with every message sealed by its connection's NTLM context (WinRM's "
            + "default listener) instead of HTTPS")
    boolean http;

    @Option(names = "--dir", paramLabel = "DIR", description = "keep the fleet's inventory here (default: a temporary directory)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (vmsPerHost < 0 || (long) hosts * vmsPerHost / 2 > 100_000) {
            err().println("hvmigrate: --vms-per-host must be at least 0, and the fleet at most 100000 VMs");
            return ExitCode.INVALID_INPUT.code();
        }
        Path where = dir != null ? dir : Files.createTempDirectory("hvmigrate-bench-discover-");
        DiscoveryBench.Result r;
        try {
            var transport = EngineSetup.transportSettings(settings());
            var options = new DiscoveryBench.Options(hosts, vmsPerHost, where, transport,
                    Units.duration(settings().get("step.timeout")), profile, warmUp, http);
            out().printf(Locale.ROOT, "bench discover: %d hosts over %s; files in %s; load %.2f on %d cores%n", hosts,
                    http ? "HTTP, sealed" : "HTTPS", where,
                    LoadAverage.now(), LoadAverage.cores());
            out().flush();
            r = DiscoveryBench.run(options, line -> {
                out().println("bench discover: " + line);
                out().flush();
            });
        } catch (IllegalArgumentException e) {
            err().println("hvmigrate: " + e.getMessage());
            return ExitCode.INVALID_INPUT.code();
        }
        print(r);
        return r.unreadable() == 0 && r.hostsRead() == r.hosts() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private void print(DiscoveryBench.Result r) {
        var o = out();
        o.printf(Locale.ROOT, "%nhosts read       %d of %d (%d VMs), %d could not be read%n", r.hostsRead(), r.hosts(), r.vms(), r.unreadable());
        r.problems().stream().limit(10).forEach(p -> o.println("  could not read " + p));
        o.printf(Locale.ROOT, "wall             %.2f s (of which %.2f s deleting the shells at the end)%n", r.wall().toMillis() / 1000.0,
                r.closing().toMillis() / 1000.0);
        o.printf(Locale.ROOT, "CPU              %.2f s: engine %.2f s, hvsim %.2f s, GC %.2f s, JIT %.2f s, JVM other %.2f s%n",
                sec(r.cpu().process()), sec(r.cpu().engine()), sec(r.cpu().sim()), sec(r.cpu().gc()), sec(r.cpu().jit()),
                sec(r.cpu().vm()));
        o.printf(Locale.ROOT, "engine CPU/host  %.1f ms (hvsim %.1f ms)%n", r.engineMillisPerHost(), r.cpu().sim() / 1e6 / r.hosts());
        o.printf(Locale.ROOT, "per host         %.2f remote commands, %.2f WinRM clients, %.2f HTTP requests, %.2f TCP connections%n",
                r.perHost(r.roundTrips()), r.perHost(r.clients()), r.perHost(r.requests()), r.perHost(r.connections()));
        long operations = r.operations().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder ops = new StringBuilder();
        r.operations().forEach((action, n) -> {
            if (n > 0) {
                ops.append(String.format(Locale.ROOT, "%s %.2f, ", action.name().toLowerCase(Locale.ROOT), r.perHost(n)));
            }
        });
        o.printf(Locale.ROOT, "requests/host    %sother (authentication challenges) %.2f%n", ops, r.perHost(r.requests() - operations));
        o.printf(Locale.ROOT, "heap             %.0f MB after GC%n", r.heapBytes() / 1048576.0);
        o.printf(Locale.ROOT, "load             %.2f at start, %.2f at end, %d cores%n", r.load().atStart(), r.load().atEnd(), LoadAverage.cores());
        printParts("engine", r.engineParts());
        printParts("hvsim", r.simParts());
        printHot("engine", r.engineHot());
        printHot("hvsim", r.simHot());
        if (r.load().noisy()) {
            o.println("verdict: noisy: the load was above the core count; rerun (counts stand, times do not)");
        } else {
            o.printf(Locale.ROOT, "verdict: engine CPU per host %.1f ms (goal 10), wall %.1f s for %d hosts (goal 10 s for 1000)%n",
                    r.engineMillisPerHost(), r.wall().toMillis() / 1000.0, r.hosts());
        }
    }

    private void printParts(String side, java.util.List<DiscoveryBench.Hot> parts) {
        long all = parts.stream().mapToLong(DiscoveryBench.Hot::samples).sum();
        StringBuilder line = new StringBuilder();
        for (DiscoveryBench.Hot p : parts) {
            line.append(line.isEmpty() ? "" : ", ").append(p.method()).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * p.samples() / Math.max(1, all)));
        }
        out().printf(Locale.ROOT, "%-16s %s (%d samples)%n", side + " CPU in", line, all);
    }

    private void printHot(String side, java.util.List<DiscoveryBench.Hot> hot) {
        if (!hot.isEmpty()) {
            out().println("top of the " + side + "'s samples:");
            hot.forEach(h -> out().printf(Locale.ROOT, "  %6d  %s%n", h.samples(), h.method()));
        }
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
