package io.hvmigrate.bench;

import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.MoveExecutor;
import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.transport.WinRmTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * <p>The CPU split: the process's CPU time is measured before and after. The JVM's own threads (garbage collection,
 * the JIT compilers, JFR; read per thread from {@code /proc/self/task}) are counted apart. The rest, the Java threads,
 * is divided between the engine and hvsim in proportion to JFR's execution samples taken meanwhile, a sample counting
 * for hvsim when its stack holds a frame of {@code io.hvmigrate.sim}: hvsim's connections run on virtual threads whose
 * carriers the engine's share, and its commands on threads that end with them, so no thread name tells them apart.
 */
public final class DiscoveryBench {

    /**
     * What to measure.
     *
     * @param hosts      hosts in the generated fleet (two clusters and standalone hosts, as {@code bench} generates them)
     * @param vmsPerHost VMs on each old host of the fleet's groups, about half that per host overall
     * @param profile    also name the methods most often on top of the samples, for each side, and keep the JFR
     *                   recording in {@code dir} as {@code discover.jfr}
     * @param warmUp     discover the fleet once first, unmeasured: what is left is the steady cost, without the JVM's
     *                   loading and compiling of the code on first use
     * @param http       over plain HTTP with every message sealed by the connection's NTLM context, as WinRM's default
     *                   listener wants it, instead of HTTPS
     */
    public record Options(int hosts, int vmsPerHost, Path dir, WinRmTransport.Settings transport, Duration step, boolean profile,
                          boolean warmUp, boolean http) {}

    /** CPU time in nanoseconds: the whole process, and its parts (garbage collection, JIT compilers, the rest of the JVM). */
    public record Cpu(long process, long engine, long sim, long gc, long jit, long vm) {}

    /** One method, or one component, and how many samples had it on top. */
    public record Hot(String method, long samples) {}

    /**
     * Components by the package prefixes of their code, in the order a sample's frames are matched from its top: the
     * first frame of one of them names the component the sample's CPU went to.
     */
    private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("sun.security.", "TLS, crypto"), Map.entry("com.sun.crypto.", "TLS, crypto"),
            Map.entry("javax.crypto.", "TLS, crypto"), Map.entry("javax.net.ssl.", "TLS, crypto"),
            Map.entry("com.ctc.wstx.", "XML"), Map.entry("javax.xml.", "XML"), Map.entry("com.sun.org.apache.", "XML"),
            Map.entry("com.sun.xml.", "XML"), Map.entry("org.glassfish.jaxb.", "XML"), Map.entry("org.apache.cxf.staxutils.", "XML"),
            Map.entry("jdk.internal.loader.", "class loading"), Map.entry("java.util.zip.", "class loading"),
            Map.entry("java.lang.ClassLoader", "class loading"),
            Map.entry("io.cloudsoft.winrm4j.", "WinRM4J"), Map.entry("org.apache.cxf.", "CXF"),
            Map.entry("org.apache.http.", "HttpClient"), Map.entry("org.apache.neethi.", "CXF"),
            Map.entry("io.hvmigrate.sim.ps.", "PowerShell interpreter"), Map.entry("io.hvmigrate.sim.world.", "world"),
            Map.entry("io.hvmigrate.sim.wsman.", "WS-Management server"), Map.entry("io.hvmigrate.sim.", "hvsim, other"),
            Map.entry("com.fasterxml.jackson.", "JSON"), Map.entry("io.hvmigrate.", "engine's own code"));

    /**
     * What one discovery cost.
     *
     * @param wall        from setting up the transport to the last shell deleted, as {@code discover} spends it
     * @param closing     of which deleting the shells at the end
     * @param clients     WinRM4J clients the engine made (each with its own CXF service)
     * @param connections TCP connections the fleet accepted (each a TLS handshake)
     * @param requests    HTTP requests the fleet served, authentication challenges included
     * @param operations  of which WS-Management operations, by action (Create, Command, Receive, Signal, Delete)
     */
    public record Result(int hosts, int vms, int hostsRead, int unreadable, Duration wall, Duration closing, Cpu cpu,
                         long roundTrips, long clients, long requests, Map<WsmanAction, Long> operations, long connections,
                         long heapBytes, LoadAverage load, List<Hot> engineHot, List<Hot> simHot, List<Hot> engineParts,
                         List<Hot> simParts, List<String> problems) {

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
        try (BenchLab lab = BenchLab.start(bench, 50, o.dir(), new BenchLab.Engine(o.transport(), limits(o.step())), !o.http())) {
            progress.accept(String.format(java.util.Locale.ROOT, "hvsim: %d hosts, %d VMs started in %.1f s", o.hosts(), vms,
                    (System.nanoTime() - t0) / 1e9));
            if (o.warmUp()) {
                try (BenchLab.Connections c = lab.connect()) {
                    lab.runService(c.hosts(), "warm-up").discover();
                }
                progress.accept("warmed up: discovered once, unmeasured");
            }
            System.gc();
            Path jfr = o.profile() ? o.dir().resolve("discover.jfr") : Files.createTempFile(o.dir(), "discover-", ".jfr");
            LoadAverage load = new LoadAverage(LoadAverage.now(), Double.NaN);
            BenchLab.Traffic before = lab.traffic();
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
                recording.start();
                Map<String, Long> jvm0 = jvmThreadCpu();
                long cpu0 = processCpu();
                long w0 = System.nanoTime();
                // as discover: the transport set up, every host read, every shell deleted
                BenchLab.Connections c = lab.connect();
                Discovery.Result found;
                long roundTrips;
                long discovered;
                long clients;
                try {
                    found = lab.runService(c.hosts(), "discover").discover();
                    discovered = System.nanoTime() - w0;
                    roundTrips = c.hosts().roundTrips();
                    clients = c.transport().clientsBuilt();
                } finally {
                    c.close();
                }
                long wall = System.nanoTime() - w0;
                long cpu = processCpu() - cpu0;
                long[] jvm = since(jvm0, jvmThreadCpu());
                long javaCpu = Math.max(0, cpu - jvm[0] - jvm[1] - jvm[2]);
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
                return new Result(o.hosts(), vms, found.facts().hosts().size(), found.unreachable().size(),
                        Duration.ofNanos(wall), Duration.ofNanos(wall - discovered),
                        new Cpu(cpu, engineCpu, simCpu, jvm[0], jvm[1], jvm[2]), roundTrips, clients, traffic.requests(),
                        traffic.operations(), traffic.connections(), heap, load,
                        o.profile() ? samples.top(samples.engineTop) : List.of(),
                        o.profile() ? samples.top(samples.simTop) : List.of(), samples.top(samples.engineParts),
                        samples.top(samples.simParts), found.unreachable().stream().map(Discovery.Unreachable::describe).toList());
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

    /** Thread names (as Linux shortens them) of the JVM's own work: collectors, compilers, JFR, the VM thread. */
    private static final java.util.regex.Pattern JVM_THREAD = java.util.regex.Pattern.compile(
            "GC Thread.*|G1 .*|C[12] Compiler.*|VM .*|JFR .*|Service Thread|Monitor Deflati.*|Common-Cleaner|Notification Th.*");

    /** Which of the JVM's own parts a thread of it works for: 0 garbage collection, 1 the JIT, 2 the rest. */
    private static int part(String thread) {
        return thread.startsWith("GC ") || thread.startsWith("G1 ") ? 0 : thread.startsWith("C1 ") || thread.startsWith("C2 ") ? 1 : 2;
    }

    /** CPU time of the JVM's own threads now, in nanoseconds, by thread id and name; empty where there is no /proc. */
    private static Map<String, Long> jvmThreadCpu() {
        Map<String, Long> cpu = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return cpu;
        }
        try (var dirs = Files.list(tasks)) {
            for (Path t : dirs.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (JVM_THREAD.matcher(name).matches()) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms
                        cpu.put(t.getFileName().toString() + " " + name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return cpu;
        }
        return cpu;
    }

    /**
     * CPU the threads alive at the end spent since {@code before} (all of it for threads started meanwhile), by
     * {@link #part}.
     */
    private static long[] since(Map<String, Long> before, Map<String, Long> after) {
        long[] sum = new long[3];
        for (var e : after.entrySet()) {
            sum[part(e.getKey().substring(e.getKey().indexOf(' ') + 1))] += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** Execution samples, counted for hvsim or the engine, and by their top frame. */
    private static final class Samples {
        long engine;
        long sim;
        final Map<String, Long> engineTop = new HashMap<>();
        final Map<String, Long> simTop = new HashMap<>();
        final Map<String, Long> engineParts = new HashMap<>();
        final Map<String, Long> simParts = new HashMap<>();

        static Samples read(Path file) throws IOException {
            Samples s = new Samples();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                boolean sim = false;
                String part = null;
                for (RecordedFrame f : stack.getFrames()) {
                    String type = f.getMethod().getType().getName();
                    if (part == null) {
                        part = COMPONENTS.stream().filter(c -> type.startsWith(c.getKey())).map(Map.Entry::getValue).findFirst()
                                .orElse(null);
                    }
                    if (type.startsWith(SIM)) {
                        sim = true;
                        break;
                    }
                }
                (sim ? s.simParts : s.engineParts).merge(part == null ? "JDK, other" : part, 1L, Long::sum);
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
