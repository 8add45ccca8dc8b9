package io.hvmigrate.e2e;

import static io.hvmigrate.e2e.LabTourWave.ADDS_HA;
import static io.hvmigrate.e2e.LabTourWave.MAY_END_UNPROTECTED;
import static io.hvmigrate.e2e.LabTourWave.TOUR;
import static io.hvmigrate.e2e.LabTourWave.invariants;
import static io.hvmigrate.e2e.LabTourWave.step;
import static io.hvmigrate.e2e.LabTourWave.unfinishedRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.cli.Main;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.fleet.FaultSpec;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's done-when: the engine process is killed with SIGKILL at 20 seeded pseudo-random points of the lab tour —
 * during discovery, around Remove-ClusterGroup, during Move-VM, before Add-ClusterVirtualMachineRole, during
 * verification, while a role is being restored after a failed Move-VM, at random moments — and after each, {@code hvmigrate resume RUN} (or running the playbook again when no
 * journal was written yet) must leave the fleet whole: every VM exactly once, running, on its source or its
 * destination, highly available if it was before (the one move allowed to end unprotected excepted), the resume
 * exiting 0, and a further run of the playbook finding every move already in place.
 *
 * <p>The killed engine is a child JVM running {@code io.hvmigrate.cli.Main run}, as {@code bin/hvmigrate} does; each kill
 * point gets a fresh fleet. {@code -Dhvmigrate.killSeed=N} replays one sequence.
 */
class KillResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILL_POINTS = 20;
    private static final double TIME_SCALE = 60;

    @TempDir
    Path dir;

    /** Where to kill: the first event that matches, then a pause; or at a moment after the start when no event is named. */
    record KillPoint(String label, Predicate<JsonNode> when, long pauseMs, String vm, Integer failMigrationAt) {
        KillPoint(String label, Predicate<JsonNode> when, long pauseMs, String vm) {
            this(label, when, pauseMs, vm, null);
        }

        KillPoint(String label, Predicate<JsonNode> when, long pauseMs) {
            this(label, when, pauseMs, null, null);
        }

        @Override
        public String toString() {
            return label + " +" + pauseMs + " ms";
        }
    }

    @Test
    void resumeAfterSigkillAtTwentyRandomPointsKeepsEveryVmWholeAndProtected() throws Exception {
        long seed = Long.getLong("hvmigrate.killSeed", System.nanoTime());
        System.out.println("KillResumeIT seed: " + seed + " (replay with -Dhvmigrate.killSeed=" + seed + ")");
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Set<Integer> only = new HashSet<>();
        for (String n : System.getProperty("hvmigrate.killOnly", "").split(",")) {
            if (!n.isBlank()) {
                only.add(Integer.parseInt(n.strip()));
            }
        }
        for (int i = 0; i < KILL_POINTS; i++) {
            KillPoint point = killPoint(i, random);
            if (!only.isEmpty() && !only.contains(i + 1)) {
                continue;
            }
            String failure = killAndResume(i, point);
            System.out.println("kill point " + (i + 1) + "/" + KILL_POINTS + " [" + point + "]: " + (failure == null ? "invariants hold" : failure));
            if (failure != null) {
                failures.add("kill point " + (i + 1) + " [" + point + "]: " + failure);
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** The points cycle through the phases of a move, so 20 draws cover each; where in the phase is drawn at random. */
    private static KillPoint killPoint(int i, Random r) {
        String crossCluster = r.nextBoolean() ? "db-a3" : MAY_END_UNPROTECTED;
        String anyVm = TOUR.get(r.nextInt(TOUR.size()));
        String haVm = ADDS_HA.get(r.nextInt(ADDS_HA.size()));
        return switch (i % 9) {
            case 0 -> new KillPoint("during discovery", e -> false, 200 + r.nextInt(1200));
            case 1 -> new KillPoint("before Remove-ClusterGroup of " + crossCluster, step("step-started", "remove-ha", crossCluster), r.nextInt(30), crossCluster);
            case 2 -> new KillPoint("after Remove-ClusterGroup of " + crossCluster, step("step-finished", "remove-ha", crossCluster), r.nextInt(30), crossCluster);
            case 3 -> new KillPoint("during Move-VM of " + anyVm, step("step-started", "migrate", anyVm), 50 + r.nextInt(700), anyVm);
            case 4 -> new KillPoint("before Add-ClusterVirtualMachineRole of " + haVm, step("step-started", "add-ha", haVm), r.nextInt(40), haVm);
            // a move that adds a role is verified by its add-ha (that step answers with the VM as its destination sees it)
            case 5 -> new KillPoint("during verification of " + anyVm, step("step-started", ADDS_HA.contains(anyVm) ? "add-ha" : "verify", anyVm),
                    r.nextInt(40), anyVm);
            case 6 -> new KillPoint("after the migration of " + anyVm, step("step-finished", "migrate", anyVm), r.nextInt(20), anyVm);
            case 7 -> {
                // compensation under way: the migration fails once part way, and the engine dies while it adds the role back
                int percent = 10 + r.nextInt(70);
                yield new KillPoint("while restoring the role of " + crossCluster + " after its Move-VM failed at " + percent + " %",
                        step("step-started", "restore-ha", crossCluster), r.nextInt(30), crossCluster, percent);
            }
            default -> new KillPoint("at a random moment of the run", e -> "run-started".equals(e.path("event").asText()), r.nextInt(2500));
        };
    }

    /** One kill point on a fresh fleet; null when every invariant holds, else what broke. */
    private String killAndResume(int index, KillPoint point) throws Exception {
        Path here = dir.resolve("k" + index);
        try (SimFleet sim = SimFleet.start(LabTourWave.FLEET, SimFleet.Options.defaults().withTimeScale(TIME_SCALE))) {
            LabFiles.Written files = LabFiles.write(sim, here.resolve("lab"), LabFiles.serviceAccount(sim));
            Path runs = here.resolve("runs");
            Map<String, LabTourWave.Before> before = LabTourWave.before(sim);

            if (point.failMigrationAt() != null) {
                sim.world().injectMigrationFailure(new FaultSpec.MigrationFailure(point.vm(), point.failMigrationAt(), null, null, true));
            }
            String notKilled = killChild(point, files, runs, here);
            if (notKilled != null) {
                return notKilled;
            }
            System.out.println("  killed; the journal says: " + journalAtKill(runs));

            Path journal = unfinishedRun(runs);
            Result resumed = journal != null
                    ? engine(files, runs, here, "resume", journal.getFileName().toString())
                    : engine(files, runs, here, "run", LabTourWave.PLAYBOOK);
            List<String> wrong = new ArrayList<>();
            // A move whose injected migration failure had been compensated before the kill has ended: resume leaves it
            // failed (exit 1, the role restored), and the next run of the playbook, the fault spent, carries it out.
            boolean endedFailedBeforeKill = point.failMigrationAt() != null && resumed.exit() == 1
                    && reportProblems(runs).equals(" | " + point.vm() + ": failed — " + failedDetail(runs, point.vm()))
                    && failedDetail(runs, point.vm()).contains("was restored");
            if (resumed.exit() != 0 && !endedFailedBeforeKill) {
                wrong.add((journal != null ? "resume" : "the re-run") + " exited " + resumed.exit() + ": " + resumed.summary() + reportProblems(runs));
            }
            wrong.addAll(invariants(sim, before));
            if (wrong.isEmpty() && endedFailedBeforeKill) {
                Result retry = engine(files, runs, here, "run", LabTourWave.PLAYBOOK);
                if (retry.exit() != 0) {
                    wrong.add("running the playbook after a compensated failure did not complete " + point.vm() + ": exit "
                            + retry.exit() + ", " + retry.summary());
                }
                wrong.addAll(invariants(sim, before));
            }
            if (wrong.isEmpty()) {
                Result again = engine(files, runs, here, "run", LabTourWave.PLAYBOOK);
                JsonNode end = again.events().isEmpty() ? JSON.createObjectNode() : again.events().getLast();
                if (again.exit() != 0 || end.path("states").path("skipped").asInt() != TOUR.size()) {
                    wrong.add("running the playbook again did not find all " + TOUR.size() + " moves in place: exit " + again.exit() + ", " + again.summary());
                }
                wrong.addAll(invariants(sim, before));
            }
            return wrong.isEmpty() ? null : String.join("; ", wrong);
        }
    }

    /** The detail the reports give a failed move ("" when none failed). */
    private static String failedDetail(Path runs, String vm) throws IOException {
        for (Path p : RunRecord.list(runs)) {
            Path report = p.resolve("report.json");
            if (Files.exists(report)) {
                for (JsonNode m : JSON.readTree(report.toFile()).path("moves")) {
                    if (m.path("vm").asText().equals(vm) && m.path("state").asText().equals("failed")) {
                        return m.path("detail").asText();
                    }
                }
            }
        }
        return "";
    }

    /** The moves the last report says did not end done or in place. */
    private static String reportProblems(Path runs) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Path p : RunRecord.list(runs)) {
            Path report = p.resolve("report.json");
            if (Files.exists(report)) {
                for (JsonNode m : JSON.readTree(report.toFile()).path("moves")) {
                    if (!List.of("done", "skipped").contains(m.path("state").asText())) {
                        s.append(" | ").append(m.path("vm").asText()).append(": ").append(m.path("state").asText()).append(" — ").append(m.path("detail").asText());
                    }
                }
            }
        }
        return s.toString();
    }

    /** Starts {@code hvmigrate run} in its own JVM and kills it with SIGKILL at the kill point. */
    private static String killChild(KillPoint point, LabFiles.Written files, Path runs, Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, "io.hvmigrate.cli.Main",
                "run", LabTourWave.PLAYBOOK, "-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + runs)
                .redirectError(home.resolve("child.err").toFile());
        pb.environment().put("HOME", home.toString());
        long started = System.nanoTime();
        Process child = pb.start();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("{")) {
                        events.add(JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                // the child died
            }
        });
        boolean reached = false;
        boolean alive;
        int[] finishedMoves = {0};
        try {
            long limit = started + TimeUnit.SECONDS.toNanos(120);
            boolean byTime = point.label().equals("during discovery");
            while (System.nanoTime() < limit && child.isAlive()) {
                if (byTime && System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(point.pauseMs())) {
                    reached = true;
                    break;
                }
                JsonNode e = events.poll(20, TimeUnit.MILLISECONDS);
                if (e == null) {
                    continue;
                }
                if (byTime && "run-started".equals(e.path("event").asText())) {
                    reached = true;   // discovery is over: kill now, before any move starts
                    break;
                }
                if (!byTime && point.when().test(e)) {
                    reached = true;
                    // wait the pause, but no longer than the move (or, for a moment of the run, the last move) lasts:
                    // a kill after the run has ended would test nothing
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(point.pauseMs());
                    int finished = finishedMoves[0];
                    while (System.nanoTime() < until) {
                        JsonNode next = events.poll(Math.max(1, (until - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                        if (next != null && "move-finished".equals(next.path("event").asText())
                                && ((point.vm() != null && point.vm().equals(next.path("vm").asText())) || ++finished == TOUR.size())) {
                            break;
                        }
                    }
                    break;
                }
                if ("move-finished".equals(e.path("event").asText())) {
                    finishedMoves[0]++;
                }
            }
        } finally {
            alive = child.isAlive();
            child.destroyForcibly();   // SIGKILL on Linux: no shutdown hook, no finally block runs in the engine
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (!reached || !alive) {
            return "the engine was not killed at this point: " + (reached ? "it had ended already" : "the point never came")
                    + " (exit " + child.exitValue() + "; " + Files.readString(home.resolve("child.err")).strip() + ")";
        }
        return null;
    }

    /** What the journal of the killed run says, move by move, for the test's log. */
    private static String journalAtKill(Path runs) throws IOException {
        Path p = unfinishedRun(runs);
        if (p == null) {
            return "no journal yet";
        }
        RunRecord r = RunRecord.read(p);
        StringBuilder s = new StringBuilder();
        for (var j : r.jobs()) {
            var st = r.lastState().get(j.id());
            String inFlight = r.inFlightStep().get(j.id());
            if (st != io.hvmigrate.engine.MoveState.PENDING || inFlight != null) {
                s.append(s.isEmpty() ? "" : ", ").append(j.vmName()).append(' ').append(st).append(inFlight == null ? "" : " in " + inFlight);
            }
        }
        return s.isEmpty() ? "all pending" : s.toString();
    }

    record Result(int exit, List<JsonNode> events, String err) {
        String summary() {
            JsonNode end = events.isEmpty() ? null : events.getLast();
            StringBuilder s = new StringBuilder(end == null ? "no events" : end.toString());
            for (JsonNode e : events) {
                if ("move-finished".equals(e.path("event").asText()) && !e.path("state").asText().equals("done")) {
                    s.append(" | ").append(e.path("vm").asText()).append(": ").append(e.path("state").asText()).append(" — ").append(e.path("detail").asText());
                }
            }
            if (!err.isBlank()) {
                s.append(" | stderr: ").append(err.strip().lines().limit(5).reduce((a, b) -> a + " / " + b).orElse(""));
            }
            return s.toString();
        }
    }

    /** The engine in this JVM, as the user would run it next (resume, or the playbook again). */
    private static Result engine(LabFiles.Written files, Path runs, Path home, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + runs));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of("HOME", home.toString()));
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        return new Result(code, events, err.toString());
    }
}
