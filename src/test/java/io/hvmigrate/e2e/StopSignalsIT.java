package io.hvmigrate.e2e;

import static io.hvmigrate.e2e.LabTourWave.PLAYBOOK;
import static io.hvmigrate.e2e.LabTourWave.hostOf;
import static io.hvmigrate.e2e.LabTourWave.invariants;
import static io.hvmigrate.e2e.LabTourWave.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.cli.Main;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's stop signals end to end. The packaged jar runs the lab tour — S1–S7, among them S5 (cluster to cluster),
 * S6 (cluster to a standalone host) and S7 (standalone host to a cluster) — against hvsim and is sent SIGTERM, as
 * Jenkins' Abort, systemd, Rundeck and Control-M stop a job, at seeded points: during discovery, around
 * Remove-ClusterGroup, during Move-VM (once, or twice: the second cancels the running moves), before
 * Add-ClusterVirtualMachineRole or at a random moment. Each time hvmigrate must end by itself with 130 (0 when the run
 * had ended), its summary printed, report.json written, the journal ending with run-end, no move left half done, and
 * the fleet whole: every VM once, running, on its source or its destination, highly available where it was.
 *
 * <p>With a one-second {@code --stop-grace}, the S5 move still migrating is cancelled: its VM ends on its source with
 * its role restored, and running the playbook again moves it. A command other than run keeps the JVM's own SIGTERM and
 * ends at once (143). Each point gets a fresh fleet. {@code -Dhvmigrate.termSeed=N} replays a sequence,
 * {@code -Dhvmigrate.termOnly=2,4} runs only those points.
 */
class StopSignalsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STOP_POINTS = 4;
    private static final double TIME_SCALE = 60;

    @TempDir
    Path dir;

    /**
     * Where to send SIGTERM: {@code pauseMs} after the first event that matches ({@code when} null: once the fleet has
     * answered the engine's first command, that is during discovery); {@code twice}: a second SIGTERM once the first is
     * acknowledged.
     */
    record StopPoint(String label, Predicate<JsonNode> when, long pauseMs, boolean twice) {
        @Override
        public String toString() {
            return label + " +" + pauseMs + " ms" + (twice ? ", then SIGTERM again" : "");
        }
    }

    @Test
    void sigtermAtSeededPointsEndsTheRunCleanlyAndLeavesTheFleetWhole() throws Exception {
        long seed = Long.getLong("hvmigrate.termSeed", System.nanoTime());
        System.out.println("StopSignalsIT seed: " + seed + " (replay with -Dhvmigrate.termSeed=" + seed + ")");
        Random random = new Random(seed);
        Set<Integer> only = new HashSet<>();
        for (String n : System.getProperty("hvmigrate.termOnly", "").split(",")) {
            if (!n.isBlank()) {
                only.add(Integer.parseInt(n.strip()));
            }
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < STOP_POINTS; i++) {
            StopPoint point = stopPoint(i, random);
            if (!only.isEmpty() && !only.contains(i + 1)) {
                continue;
            }
            String failure = stopAndCheck(i, point);
            System.out.println("stop point " + (i + 1) + "/" + STOP_POINTS + " [" + point + "]: " + (failure == null ? "ended cleanly, invariants hold" : failure));
            if (failure != null) {
                failures.add("stop point " + (i + 1) + " [" + point + "]: " + failure);
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** The points go through the phases of a cross-cluster move in turn; where in the phase is drawn at random. */
    private static StopPoint stopPoint(int i, Random r) {
        String removesRole = r.nextBoolean() ? "db-a3" : "rpt-b2";     // S5, S6
        String crossesClusters = List.of("db-a3", "rpt-b2", "new-s3").get(r.nextInt(3));   // S5, S6, S7
        String addsRole = r.nextBoolean() ? "db-a3" : "new-s3";        // S5, S7
        return switch (i % 4) {
            case 0 -> new StopPoint("during discovery", null, r.nextInt(400), false);
            case 1 -> r.nextBoolean()
                    ? new StopPoint("before Remove-ClusterGroup of " + removesRole, step("step-started", "remove-ha", removesRole), r.nextInt(30), false)
                    : new StopPoint("after Remove-ClusterGroup of " + removesRole, step("step-finished", "remove-ha", removesRole), r.nextInt(30), false);
            case 2 -> new StopPoint("during Move-VM of " + crossesClusters, step("step-started", "migrate", crossesClusters), 50 + r.nextInt(600),
                    r.nextBoolean());
            default -> r.nextBoolean()
                    ? new StopPoint("before Add-ClusterVirtualMachineRole of " + addsRole, step("step-started", "add-ha", addsRole), r.nextInt(40), false)
                    : new StopPoint("at a random moment of the run", e -> "run-started".equals(e.path("event").asText()), r.nextInt(2500), false);
        };
    }

    /** One stop point on a fresh fleet; null when the run ended cleanly and the fleet is whole, else what is wrong. */
    private String stopAndCheck(int index, StopPoint point) throws Exception {
        Path here = dir.resolve("t" + (index + 1));
        try (SimFleet sim = SimFleet.start(LabTourWave.FLEET, SimFleet.Options.defaults().withTimeScale(TIME_SCALE))) {
            LabFiles.Written files = LabFiles.write(sim, here.resolve("lab"), LabFiles.serviceAccount(sim));
            Path runs = here.resolve("runs");
            Map<String, LabTourWave.Before> before = LabTourWave.before(sim);
            long commandsBefore = commands(sim);
            try (Engine engine = new Engine(here, "run", PLAYBOOK, "-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + runs)) {
                String notReached = awaitPoint(engine, sim, point, commandsBefore);
                if (notReached != null) {
                    return notReached;
                }
                engine.term();
                if (point.twice()) {
                    if (engine.awaitLine(l -> l.contains("interrupted by SIGTERM"), 30) == null) {
                        return "the first SIGTERM was not acknowledged: " + engine.tail();
                    }
                    engine.term();
                }
                Integer exit = engine.waitFor(90);
                if (exit == null) {
                    return "hvmigrate had not ended 90 s after SIGTERM: " + engine.tail();
                }
                List<String> wrong = new ArrayList<>(endedCleanly(exit, engine.events(), runs, point.twice()));
                wrong.addAll(invariants(sim, before));
                return wrong.isEmpty() ? null : String.join("; ", wrong) + " (stderr: " + engine.stderr() + ")";
            }
        }
    }

    /** Waits for the stop point; null once it has come, else why it did not. */
    private static String awaitPoint(Engine engine, SimFleet sim, StopPoint point, long commandsBefore) throws Exception {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < limit && engine.process.isAlive()) {
            if (point.when() == null) {
                if (commands(sim) > commandsBefore) {
                    Thread.sleep(point.pauseMs());
                    return engine.process.isAlive() ? null : "hvmigrate ended before the point: " + engine.tail();
                }
                Thread.sleep(5);
                continue;
            }
            String line = engine.next(20);
            if (line != null && line.startsWith("{") && point.when().test(JSON.readTree(line))) {
                Thread.sleep(point.pauseMs());
                return engine.process.isAlive() ? null : "hvmigrate ended before the point: " + engine.tail();
            }
        }
        return "the point never came (" + (engine.process.isAlive() ? "still running" : "exit " + engine.process.exitValue()) + "): " + engine.tail();
    }

    /** What is wrong with how the stopped run ended: exit code, output, report and journal. */
    private static List<String> endedCleanly(int exit, List<JsonNode> events, Path runs, boolean twice) throws IOException {
        List<String> wrong = new ArrayList<>();
        if (exit != 130 && exit != 0) {
            wrong.add("exit code " + exit + ", not 130 (or 0)");
        }
        List<JsonNode> finished = events.stream().filter(e -> "run-finished".equals(e.path("event").asText())).toList();
        if (finished.size() != 1 || finished.getFirst().path("exitCode").asInt() != exit) {
            wrong.add("the output has no run-finished event with exit code " + exit + ": " + finished);
        }
        List<String> notices = events.stream().filter(e -> "notice".equals(e.path("event").asText())).map(e -> e.path("message").asText()).toList();
        if (exit == 130 && notices.stream().noneMatch(n -> n.startsWith("interrupted by SIGTERM: no new move starts"))) {
            wrong.add("the stop was not acknowledged: " + notices);
        }
        if (twice && notices.stream().noneMatch(n -> n.startsWith("cancelling the running moves on a second stop (SIGTERM)"))) {
            wrong.add("the second SIGTERM was not acknowledged: " + notices);
        }
        List<Path> dirs = RunRecord.list(runs);
        if (dirs.size() != 1) {
            return List.of("expected one run, found " + dirs);
        }
        Path run = dirs.getFirst();
        List<String> journal = Files.readAllLines(run.resolve("journal.jsonl"));
        String last = journal.isEmpty() ? "nothing" : JSON.readTree(journal.getLast()).path("type").asText();
        if (!"run-end".equals(last)) {
            wrong.add("the journal ends with " + last + ", not run-end");
        }
        if (!RunRecord.read(run).finished()) {
            wrong.add("the run is not finished: resume would go on with it");
        }
        if (!Files.exists(run.resolve("report.json"))) {
            wrong.add("no report.json");
            return wrong;
        }
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        if (report.path("exitCode").asInt(-1) != exit || report.path("interrupted").asBoolean() != (exit == 130)) {
            wrong.add("report.json says exit code " + report.path("exitCode") + ", interrupted " + report.path("interrupted"));
        }
        for (JsonNode m : report.path("moves")) {
            // a move ends done or not started; on a second SIGTERM one still migrating may end cancelled (failed), its VM
            // on its source — with its role, which the fleet's invariants check
            String state = m.path("state").asText();
            boolean cancelled = twice && state.equals("failed") && m.path("detail").asText().contains("cancelled");
            if (!List.of("done", "not-started").contains(state) && !cancelled) {
                wrong.add(m.path("vm").asText() + " ended " + state + ": " + m.path("detail").asText());
            }
        }
        return wrong;
    }

    @Test
    void aShortGracePeriodCancelsTheMigrationAndTheVmEndsOnItsSourceWithItsRole() throws Exception {
        Path here = dir.resolve("grace");
        // slower than the stop points, so that db-a3's migration outlasts the grace period with room to spare
        try (SimFleet sim = SimFleet.start(LabTourWave.FLEET, SimFleet.Options.defaults().withTimeScale(20))) {
            LabFiles.Written files = LabFiles.write(sim, here.resolve("lab"), LabFiles.serviceAccount(sim));
            Path runs = here.resolve("runs");
            Map<String, LabTourWave.Before> before = LabTourWave.before(sim);
            String out;
            try (Engine engine = new Engine(here, "run", PLAYBOOK, "-i", files.inventory().toString(), "--stop-grace", "1s",
                    "--set", "progress.interval=250ms", "--set", "runs.dir=" + runs)) {
                assertThat(engine.awaitLine(l -> l.contains(" db-a3 ") && l.contains(": migrate on hv-a3"), 120))
                        .as("db-a3's migration started: %s", engine.tail()).isNotNull();
                engine.term();
                Integer exit = engine.waitFor(90);
                out = String.join("\n", engine.lines);
                assertThat(exit).as("exit code; stderr: %s; output:%n%s", engine.stderr(), out).isEqualTo(130);
            }
            assertThat(out).contains("note: interrupted by SIGTERM: no new move starts; running moves finish, and those still running in 1s are cancelled",
                    "note: the grace period after the stop has passed: cancelling the running moves",
                    "MOVE  VM", "exit code 130", "report: ");
            Path run = RunRecord.list(runs).getFirst();
            JsonNode db = null;
            for (JsonNode m : JSON.readTree(run.resolve("report.json").toFile()).path("moves")) {
                if (m.path("vm").asText().equals("db-a3")) {
                    db = m;
                }
            }
            assertThat(db).isNotNull();
            assertThat(db.path("state").asText()).isEqualTo("failed");
            assertThat(db.path("detail").asText()).contains("cancelled", "the VM runs on hv-a3 and its role db-a3 was restored on CLA");
            assertThat(hostOf(sim, "db-a3")).isEqualTo("HV-A3");
            assertThat(invariants(sim, before)).as("db-a3 is back on HV-A3, clustered on CLA with its priority").isEmpty();
            assertThat(JSON.readTree(Files.readAllLines(run.resolve("journal.jsonl")).getLast()).path("type").asText()).isEqualTo("run-end");

            // resume finishes the stopped run: the moves the stop left not started are carried out, the cancelled one
            // stays as it ended
            StringWriter resumed = new StringWriter();
            int resumeCode = Main.run(new String[] {"resume", run.getFileName().toString(), "-i", files.inventory().toString(), "-o", "json",
                            "--set", "runs.dir=" + runs}, new PrintWriter(resumed, true), new PrintWriter(resumed, true), Map.of("HOME", here.toString()));
            assertThat(resumeCode).as(resumed.toString()).isEqualTo(1);
            assertThat(resumed.toString()).doesNotContain("nothing to resume");
            JsonNode afterResume = JSON.readTree(run.resolve("report.json").toFile());
            assertThat(afterResume.path("moves")).allSatisfy(m -> assertThat(m.path("state").asText().equals("done")
                    || m.path("state").asText().equals("failed") && m.path("detail").asText().contains("cancelled")).as(m.toString()).isTrue());
            assertThat(afterResume.path("moves")).filteredOn(m -> m.path("state").asText().equals("done")).isNotEmpty();
            assertThat(hostOf(sim, "db-a3")).isEqualTo("HV-A3");
            assertThat(invariants(sim, before)).isEmpty();

            // running the playbook again carries out the move the stop cancelled
            StringWriter again = new StringWriter();
            int code = Main.run(new String[] {"run", PLAYBOOK, "-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + runs},
                    new PrintWriter(again, true), new PrintWriter(again, true), Map.of("HOME", here.toString()));
            assertThat(code).as(again.toString()).isZero();
            assertThat(hostOf(sim, "db-a3")).isEqualTo("HV-B1");
            assertThat(invariants(sim, before)).isEmpty();
        }
    }

    /**
     * Cancel in every scenario. Each of the lab tour's seven moves runs alone; when its migration has begun (S5 and S6
     * with the role already removed from the source cluster) a second stop cancels it (Msvm_ConcreteJob
     * RequestStateChange 4 = Terminate, through hvsim's Invoke-CimMethod). The VM must end on its source, running and
     * highly available again where it was, and the run exits 130.
     */
    @Test
    void aSecondStopCancelsTheMigrationInEveryScenarioAndTheVmEndsOnItsSource() throws Exception {
        Path here = dir.resolve("cancel-each");
        Map<String, String> moves = new java.util.LinkedHashMap<>();
        moves.put("app-a1", "{ vm: app-a1, to: hv-a2 }");
        moves.put("web-a2", "{ vm: web-a2, to: hv-a3 }");
        moves.put("file-s1", "{ vm: file-s1, to: hv-s2 }");
        moves.put("dev-s2", "{ vm: dev-s2, to: hv-s3, storagePath: 'D:\\VMs\\dev-s2' }");
        moves.put("db-a3", "{ vm: db-a3, to: hv-b1, storagePath: 'C:\\ClusterStorage\\Volume1\\db-a3' }");
        moves.put("rpt-b2", "{ vm: rpt-b2, to: hv-s2, storagePath: 'D:\\VMs\\rpt-b2', allowUnprotected: true }");
        moves.put("new-s3", "{ vm: new-s3, to: hv-b2, storagePath: 'C:\\ClusterStorage\\Volume1\\new-s3' }");
        try (SimFleet sim = SimFleet.start(LabTourWave.FLEET, SimFleet.Options.defaults().withTimeScale(1))) {
            LabFiles.Written files = LabFiles.write(sim, here.resolve("lab"), LabFiles.serviceAccount(sim));
            Map<String, LabTourWave.Before> before = LabTourWave.before(sim);
            for (Map.Entry<String, String> move : moves.entrySet()) {
                String vm = move.getKey();
                Path playbook = here.resolve("cancel-" + vm + ".yaml");
                Files.writeString(playbook, """
                        version: 1
                        name: cancel-%s
                        policy:
                          authentication: kerberos
                          migrationNetwork: 198.51.100.0/24
                          ha: { makeHighlyAvailable: true, keepPriority: true }
                        moves:
                          - %s
                        """.formatted(vm, move.getValue()));
                Path runs = here.resolve("runs-" + vm);
                String out;
                try (Engine engine = new Engine(here.resolve(vm), "run", playbook.toString(), "-i", files.inventory().toString(),
                        "--set", "progress.interval=250ms", "--set", "runs.dir=" + runs)) {
                    assertThat(engine.awaitLine(l -> l.contains(" " + vm + " ") && l.contains(": migrate on "), 120))
                            .as("%s's migration started: %s", vm, engine.tail()).isNotNull();
                    engine.term();
                    assertThat(engine.awaitLine(l -> l.contains("interrupted by SIGTERM"), 30)).as(engine.tail()).isNotNull();
                    engine.term();
                    Integer exit = engine.waitFor(120);
                    out = String.join("\n", engine.lines);
                    assertThat(exit).as("%s: exit code; stderr: %s; output:%n%s", vm, engine.stderr(), out).isEqualTo(130);
                }
                JsonNode report = JSON.readTree(RunRecord.list(runs).getFirst().resolve("report.json").toFile());
                assertThat(report.path("moves")).singleElement().satisfies(m -> {
                    assertThat(m.path("state").asText()).as(out).isEqualTo("failed");
                    assertThat(m.path("detail").asText()).as(m.toString()).contains("cancel");
                });
                assertThat(hostOf(sim, vm)).as(vm).isEqualToIgnoringCase(before.get(vm).host());
                assertThat(invariants(sim, before)).as("after cancelling %s: every VM on its source, running, with its role", vm).isEmpty();
            }
        }
    }

    @Test
    void aCommandOtherThanRunStillEndsAtOnceOnSigterm() throws Exception {
        Path here = dir.resolve("discover");
        try (SimFleet sim = SimFleet.start(LabTourWave.FLEET, SimFleet.Options.defaults().withTimeScale(TIME_SCALE))) {
            LabFiles.Written files = LabFiles.write(sim, here.resolve("lab"), LabFiles.serviceAccount(sim));
            long commandsBefore = commands(sim);
            try (Engine engine = new Engine(here, "discover", "-i", files.inventory().toString())) {
                long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (commands(sim) == commandsBefore && engine.process.isAlive() && System.nanoTime() < limit) {
                    Thread.sleep(5);
                }
                assertThat(engine.process.isAlive()).as("discover runs: %s", engine.tail()).isTrue();
                engine.term();
                assertThat(engine.waitFor(30)).as("the JVM's own SIGTERM: ends at once with 128 + 15").isEqualTo(143);
                assertThat(engine.lines).noneMatch(l -> l.contains("interrupted"));
            }
        }
    }

    private static long commands(SimFleet sim) {
        return sim.endpoints().stream().mapToLong(e -> sim.commandsRun(e.host())).sum();
    }

    /** hvmigrate from the packaged jar in its own process, as a scheduler starts it, its output read line by line. */
    private static final class Engine implements AutoCloseable {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        private final Thread reader;
        private final Path err;

        Engine(Path home, String... args) throws IOException {
            Files.createDirectories(home);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                    System.getProperty("hvmigrate.jar", "target/hvmigrate.jar")));
            command.addAll(List.of(args));
            err = home.resolve("engine.err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
            pb.environment().put("HOME", home.toString());
            process = pb.start();
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                        unread.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
        }

        /**
         * SIGTERM, as a scheduler stops a job. Sent through the process handle: Process.destroy() sends the same signal
         * on Linux but also closes this end of the pipes, and what hvmigrate prints after the signal is under test.
         */
        void term() {
            process.toHandle().destroy();
        }

        String next(long millis) throws InterruptedException {
            return unread.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** The first unread line that matches, within the time; null if none came. */
        String awaitLine(Predicate<String> match, long seconds) throws InterruptedException {
            long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < limit) {
                String line = next(20);
                if (line != null && match.test(line)) {
                    return line;
                }
            }
            return null;
        }

        /** The exit code, once the process and its output have ended; null if it is still running after the time. */
        Integer waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return null;
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        }

        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String l : List.copyOf(lines)) {
                if (l.startsWith("{")) {
                    events.add(JSON.readTree(l));
                }
            }
            return events;
        }

        String tail() {
            List<String> all = List.copyOf(lines);
            return String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size())) + " (stderr: " + stderr() + ")";
        }

        String stderr() {
            try {
                return Files.exists(err) ? Files.readString(err).strip() : "";
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
