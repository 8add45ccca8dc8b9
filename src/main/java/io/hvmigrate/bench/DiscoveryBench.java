package io.hvmigrate.bench;

import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.transport.WinRmTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Discovery of a generated fleet against hvsim in this process, as {@code hvmigrate discover} reads it: the engine's
 * transport and connections, one discovery of every host and cluster and of the directory, and what it cost — wall
 * time, CPU split between the engine and hvsim, remote commands, HTTP requests and TCP connections per host, heap.
 *
 * <p>The CPU split: the process's CPU time is measured before and after; the part spent on Java threads (summed over
 * every live thread with {@link ThreadMXBean#getThreadCpuTime}) is divided between the engine and hvsim in proportion
 * to JFR's execution samples taken meanwhile, a sample counting for hvsim when its stack holds a frame of
 * {@code io.hvmigrate.sim} (hvsim's connections run on virtual threads, whose carriers the engine's share: no thread
 * name tells them apart). The rest — garbage collection, the JIT compilers, threads that ended — is shown apart.
 */
public final class DiscoveryBench {

    /**
     * What to measure.
     *
     * @param hosts      hosts in the generated fleet (two clusters and standalone hosts, as {@code bench} generates them)
     * @param vmsPerHost VMs on each old host of the fleet's groups, about half that per host overall
     * @param profile    also name the methods most often on top of the samples, for each side, and keep the JFR
     *                   recording in {@code dir} as {@code discover.jfr}
     */
    public record Options(int hosts, int vmsPerHost, Path dir, WinRmTransport.Settings transport, Duration step, boolean profile) {}

    /** CPU time in nanoseconds: the whole process, and its parts. */
    public record Cpu(long process, long engine, long sim, long other) {}

    /** One method and how many samples had it on top. */
    public record Hot(String method, long samples) {}

    /**
     * What one discovery cost.
     *
     * @param connections TCP connections the fleet accepted (each a TLS handshake)
     * @param requests    HTTP requests the fleet served, authentication challenges included
     */
    public record Result(int hosts, int vms, int hostsRead, int unreadable, Duration wall, Cpu cpu, long roundTrips,
                         long requests, long connections, long heapBytes, LoadAverage load, List<Hot> engineHot,
                         List<Hot> simHot) {

        public double engineMillisPerHost() {
            return cpu.engine() / 1e6 / hosts;
        }

        public double perHost(long n) {
            return (double) n / hosts;
        }
    }

    private static final String SIM = "io.hvmigrate.sim.";

    private DiscoveryBench() {
    }

    /** Starts the fleet, discovers it once as {@code discover} does, and measures that discovery. */
    public static Result run(Options o, Consumer<String> progress) throws IOException {
        int vms = Math.max(1, o.hosts() * o.vmsPerHost() / 2);
        BenchFleet bench = BenchFleet.generate(new BenchFleet.Size(o.hosts(), vms, 1));
        long t0 = System.nanoTime();
        try (BenchLab lab = BenchLab.start(bench, 50, o.dir(), new BenchLab.Engine(o.transport(), limits(o.step())))) {
            progress.accept(String.format(java.util.Locale.ROOT, "hvsim: %d hosts, %d VMs started in %.1f s", o.hosts(), vms,
                    (System.nanoTime() - t0) / 1e9));
            System.gc();
            Path jfr = o.profile() ? o.dir().resolve("discover.jfr") : Files.createTempFile(o.dir(), "discover-", ".jfr");
            LoadAverage load = new LoadAverage(LoadAverage.now(), Double.NaN);
            BenchLab.Traffic before = lab.traffic();
            try (BenchLab.Connections c = lab.connect(); Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                Map<Long, Long> threads0 = threadCpu();
                long cpu0 = processCpu();
                long w0 = System.nanoTime();
                Discovery.Result found = lab.runService(c.hosts(), "discover").discover();
                long wall = System.nanoTime() - w0;
                long cpu = processCpu() - cpu0;
                long javaCpu = since(threads0, threadCpu());
                recording.stop();
                recording.dump(jfr);
                load = load.ended();
                BenchLab.Traffic traffic = lab.traffic().since(before);
                Samples samples = Samples.read(jfr);
                long total = Math.max(1, samples.engine + samples.sim);
                long simCpu = Math.round((double) javaCpu * samples.sim / total);
                long engineCpu = javaCpu - simCpu;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                return new Result(o.hosts(), vms, found.facts().hosts().size(), found.unreachable().size(), Duration.ofNanos(wall),
                        new Cpu(cpu, engineCpu, simCpu, Math.max(0, cpu - javaCpu)), c.hosts().roundTrips(), traffic.requests(),
                        traffic.connections(), heap, load, o.profile() ? samples.top(samples.engineTop) : List.of(),
                        o.profile() ? samples.top(samples.simTop) : List.of());
            } finally {
                if (!o.profile()) {
                    Files.deleteIfExists(jfr);
                }
            }
        }
    }

    /** The step limits of a discovery: only the step timeout matters to it. */
    private static MoveExecutor.Limits limits(Duration step) {
        return new MoveExecutor.Limits(step, Duration.ofMinutes(10), 1e9, 4.0, Duration.ofSeconds(5));
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** CPU the threads alive at the end spent since {@code before} (all of it for threads started meanwhile). */
    private static long since(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** Execution samples, counted for hvsim or the engine, and by their top frame. */
    private static final class Samples {
        long engine;
        long sim;
        final Map<String, Long> engineTop = new HashMap<>();
        final Map<String, Long> simTop = new HashMap<>();

        static Samples read(Path file) throws IOException {
            Samples s = new Samples();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                boolean sim = false;
                for (RecordedFrame f : stack.getFrames()) {
                    if (f.getMethod().getType().getName().startsWith(SIM)) {
                        sim = true;
                        break;
                    }
                }
                RecordedFrame top = stack.getFrames().getFirst();
                String method = top.getMethod().getType().getName() + "." + top.getMethod().getName();
                if (sim) {
                    s.sim++;
                    s.simTop.merge(method, 1L, Long::sum);
                } else {
                    s.engine++;
                    s.engineTop.merge(method, 1L, Long::sum);
                }
            }
            return s;
        }

        List<Hot> top(Map<String, Long> counts) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(12)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted.entrySet().stream().map(e -> new Hot(e.getKey(), e.getValue())).toList();
        }
    }
}
