package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.dns.NoLookupResolverProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.spi.InetAddressResolverProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated world asks no resolver for a name: {@code lab}, {@code sim} with the engine's {@code discover} from
 * another process, and {@code bench} run as the packaged jar with a name resolver that refuses every look-up and
 * writes down what was asked ({@link NoLookupResolverProvider}), and each must succeed having asked nothing. Every name
 * there comes from the fleet file or the inventory's {@code address:}, so a look-up could only go to this machine's
 * resolver and from there, perhaps, to a DNS server on the network. Kerberos's own DNS queries for realms and KDCs go
 * through JNDI rather than the resolver: no JNDI DNS class may even be loaded.
 *
 * <p>The guard is shown to be armed first: the engine asked to reach a host by name under it is refused, and the name
 * is written down.
 */
class NoDnsIT {
    /** Kerberos asks DNS for realms and KDCs through JNDI's DNS client, which does not use the JVM's resolver. */
    private static final String JNDI_DNS = "com.sun.jndi.dns.";

    @TempDir
    static Path shared;
    static Path resolver;

    @TempDir
    Path dir;

    /** The provider's classes and its service registration, alone in a directory for the processes' class path. */
    @BeforeAll
    static void resolverClassPath() throws Exception {
        resolver = shared.resolve("resolver");
        Path classes = Path.of(NoLookupResolverProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = NoLookupResolverProvider.class.getPackageName().replace('.', '/');
        Path to = Files.createDirectories(resolver.resolve(pkg));
        try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString()
                    .startsWith(NoLookupResolverProvider.class.getSimpleName())).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Path services = Files.createDirectories(resolver.resolve("META-INF/services"));
        Files.writeString(services.resolve(InetAddressResolverProvider.class.getName()), NoLookupResolverProvider.class.getName() + "\n");
    }

    @Test
    void theGuardRefusesAndWritesDownAHostReachedByName() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "not-used\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path inventory = dir.resolve("by-name.yaml");
        Files.writeString(inventory, """
                version: 1
                defaults: { transport: https, auth: ntlm, user: 'LAB\\svc-hvmigrate', credential: 'file:%s' }
                hosts:
                  - { name: hv-a1, fqdn: hv-a1.lab.test }
                """.formatted(password));
        Guarded discover = Guarded.start(dir, "discover", "discover", "-i", inventory.toString(), "--out", dir.resolve("facts.yaml").toString());
        discover.waitFor(Duration.ofMinutes(2));
        assertThat(discover.exit()).as(discover.output()).isNotZero();
        assertThat(discover.refused()).as("the guard is armed in the process").anySatisfy(line -> assertThat(line)
                .startsWith("name hv-a1.lab.test "));
    }

    @Test
    void labRunsTheTourWithoutLookingUpAName() throws Exception {
        Guarded lab = Guarded.start(dir, "lab", "lab", "--time-scale", "200");
        lab.waitFor(Duration.ofMinutes(4));
        assertThat(lab.exit()).as(lab.output()).isZero();
        lab.assertAskedNothing();
    }

    @Test
    void simStartsAndTheEngineDiscoversItWithoutLookingUpAName() throws Exception {
        Path lab = dir.resolve("sim");
        Guarded sim = Guarded.start(dir, "sim", "sim", "--dir", lab.toString(), "--duration", "3m");
        try {
            sim.awaitLine("Stop with Ctrl-C.", Duration.ofSeconds(90));
            Guarded discover = Guarded.start(dir, "discover", "discover", "-i", lab.resolve("inventory.yaml").toString(),
                    "--out", dir.resolve("facts.yaml").toString());
            discover.waitFor(Duration.ofMinutes(2));
            assertThat(discover.exit()).as(discover.output()).isZero();
            assertThat(dir.resolve("facts.yaml")).content().contains("app-a1", "HV-B2");
            discover.assertAskedNothing();
        } finally {
            sim.process.destroy(); // SIGTERM, as Ctrl-C
        }
        sim.waitFor(Duration.ofSeconds(30));
        sim.assertAskedNothing();
    }

    @Test
    void benchRunsWithoutLookingUpAName() throws Exception {
        Guarded bench = Guarded.start(dir, "bench", "bench", "--hosts", "6", "--vms", "6", "--strategies", "engine",
                "--dir", dir.resolve("bench").toString());
        bench.waitFor(Duration.ofMinutes(4));
        assertThat(bench.exit()).as(bench.output()).isZero();
        bench.assertAskedNothing();
    }

    /**
     * One {@code hvmigrate} process: the packaged jar (its manifest's {@code Class-Path} brings lib/) with the refusing
     * resolver on the class path, its output collected line by line, its refused look-ups in {@code NAME.lookups} and
     * the classes it loaded in {@code NAME.classes}.
     */
    private record Guarded(String name, Process process, Path lookups, Path classes, LinkedBlockingQueue<String> lines,
                           List<String> seen, Thread reader) {

        static Guarded start(Path dir, String name, String... args) throws IOException {
            Path lookups = dir.resolve(name + ".lookups");
            Path classes = dir.resolve(name + ".classes");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + NoLookupResolverProvider.PROPERTY + "=" + lookups,
                    "-Xlog:class+load=info:file=" + classes,
                    "-cp", System.getProperty("hvmigrate.jar", "target/hvmigrate.jar") + java.io.File.pathSeparator + resolver,
                    "io.hvmigrate.cli.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("HOME", dir.toString());
            Process p = pb.start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            return new Guarded(name, p, lookups, classes, lines, new ArrayList<>(), reader);
        }

        void awaitLine(String wanted, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (seen.isEmpty() || !seen.getLast().equals(wanted)) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(line).as("%s: '%s' within %s; output so far: %s", name, wanted, within, seen).isNotNull();
                seen.add(line);
            }
        }

        void waitFor(Duration within) throws InterruptedException {
            boolean ended = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            reader.join(Duration.ofSeconds(10));
            lines.drainTo(seen);
            assertThat(ended).as("%s ends within %s: %s", name, within, output()).isTrue();
        }

        int exit() {
            return process.exitValue();
        }

        String output() {
            return name + " printed:\n" + String.join("\n", seen);
        }

        List<String> refused() throws IOException {
            return Files.exists(lookups) ? Files.readAllLines(lookups) : List.of();
        }

        void assertAskedNothing() throws IOException {
            assertThat(refused()).as("%s looked up names (refused: each would have gone to this machine's resolver)", name)
                    .isEmpty();
            assertThat(Files.readAllLines(classes)).as("%s loaded the class log", name).isNotEmpty()
                    .filteredOn(l -> l.contains(JNDI_DNS)).as("%s loaded JNDI's DNS client", name).isEmpty();
        }
    }
}
