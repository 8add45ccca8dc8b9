package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hvmigrate sim} as a user runs it: the packaged jar in its own process prints every host's endpoint, writes an
 * inventory, CA and password file the engine can use as they are, serves {@code /about}, answers the engine's discovery
 * from another process, and stops when told to (and by itself after {@code --duration}). Start-up time is printed, not
 * asserted: it is measured where it is meaningful, on a quiet machine (README, "The simulated fleet").
 */
class HvsimCommandIT {
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+(HV-\\S+)\\s+(\\S+)\\s+(https://127\\.0\\.1\\.\\d+:(\\d+)/wsman)$");
    private static final Pattern ABOUT = Pattern.compile("^about:\\s+(http://127\\.0\\.0\\.1:\\d+)/about\\b.*");

    @TempDir
    Path dir;

    @Test
    void simStartsTheFleetWritesAWorkingInventoryAndStopsWhenTold() throws Exception {
        String java = HvmigrateProcess.java().toString();
        Path lab = dir.resolve("lab");
        long started = System.nanoTime();
        Process sim = new ProcessBuilder(java, "-jar", HvmigrateProcess.packagedJar().toString(),
                "sim", "--dir", lab.toString(), "--duration", "3m").redirectErrorStream(true).start();
        try {
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            List<String> printed = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (printed.isEmpty() || !printed.getLast().equals("Stop with Ctrl-C.")) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(line).as("sim output so far: %s", printed).isNotNull();
                printed.add(line);
            }
            System.out.printf("hvsim command: ready %d ms after the process started (%s)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), printed.getFirst());

            Map<String, Integer> ports = new LinkedHashMap<>();
            Map<String, URI> endpoints = new LinkedHashMap<>();
            String admin = null;
            for (String line : printed) {
                Matcher m = ENDPOINT.matcher(line);
                if (m.matches()) {
                    ports.put(m.group(1), Integer.parseInt(m.group(4)));
                    endpoints.put(m.group(1), URI.create(m.group(3)));
                }
                Matcher a = ABOUT.matcher(line);
                if (a.matches()) {
                    admin = a.group(1);
                }
            }
            assertThat(printed.getFirst()).matches("hvsim: fleet 'lab' up in \\d+ ms, 18 hosts, time x\\S+");
            assertThat(ports).hasSize(18).containsKeys("HV-A1", "HV-B2", "HV-S3", "HV-X1");
            assertThat(admin).as("about line in %s", printed).isNotNull();

            Path inventory = lab.resolve("inventory.yaml");
            assertThat(inventory).exists();
            assertThat(lab.resolve("ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(Files.getPosixFilePermissions(lab.resolve("password")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            String inv = Files.readString(inventory);
            ports.forEach((host, port) -> assertThat(inv).contains("port: " + port));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonNode about = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(admin + "/about?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(about.toString()).contains("Move-VM", "DestinationStoragePath", "Move-ClusterVirtualMachineRole",
                    "Set-ADComputer");

            // The engine, in this JVM, discovers the fleet that runs in the other process: the inventory works as written.
            Path facts = dir.resolve("facts.yaml");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"discover", "-i", inventory.toString(), "--out", facts.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true), Map.of("HOME", dir.toString()));
            assertThat(code).as("discover: %s%s", out, err).isZero();
            assertThat(facts).content().contains("app-a1", "db-a3", "HV-B2");
            // -o is the format, as for every command: the snapshot as JSON on standard output
            StringWriter json = new StringWriter();
            int jsonCode = Main.run(new String[] {"discover", "-i", inventory.toString(), "-o", "json"},
                    new PrintWriter(json, true), new PrintWriter(err, true), Map.of("HOME", dir.toString()));
            assertThat(jsonCode).as("discover -o json: %s", err).isZero();
            assertThat(new ObjectMapper().readTree(json.toString()).path("hosts").findValuesAsText("name")).contains("hv-a1", "hv-b2");

            assertThat(endpoints.values()).allSatisfy(e -> assertThat(refuses(e)).as("%s listening", e).isFalse());
            sim.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
            assertThat(sim.waitFor(30, TimeUnit.SECONDS)).as("sim stops on SIGTERM").isTrue();
            reader.join(Duration.ofSeconds(10));
            for (URI endpoint : endpoints.values()) {
                assertThat(refuses(endpoint)).as("endpoint %s closed", endpoint).isTrue();
            }
        } finally {
            sim.destroyForcibly();
        }
    }

    @Test
    void simStopsByItselfAfterItsDuration() throws Exception {
        String java = HvmigrateProcess.java().toString();
        Process sim = new ProcessBuilder(java, "-jar", HvmigrateProcess.packagedJar().toString(),
                "sim", "--dir", dir.resolve("short").toString(), "--duration", "2s")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sim.log").toFile()).start();
        try {
            assertThat(sim.waitFor(90, TimeUnit.SECONDS)).as("sim ends after --duration").isTrue();
            assertThat(sim.exitValue()).as(Files.readString(dir.resolve("sim.log"))).isZero();
        } finally {
            sim.destroyForcibly();
        }
    }

    private static boolean refuses(URI endpoint) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
