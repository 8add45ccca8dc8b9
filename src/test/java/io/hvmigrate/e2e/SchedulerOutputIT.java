package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.lab.junit.WithFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What schedulers and operators read of a run against the simulated fleet: JSON events from discovery to the end in
 * every outcome, always closing with run-finished; time-stamped plain lines; the log file; the on-finish hook.
 */
@WithFleet(timeScale = 200)
class SchedulerOutputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ISO-8601 local time with its offset, then the line. */
    private static final String STAMPED = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2}) .+";

    @TempDir
    static Path dir;
    static SimFleet sim;
    static LabFiles.Written files;

    @BeforeAll
    static void fleet(SimFleet running, LabFiles.Written written) {
        sim = running;
        files = written;
    }



    private static List<JsonNode> events(String out) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    private static Path playbook(String name, String moves) throws Exception {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, """
                version: 1
                name: %s
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                moves:
                %s
                """.formatted(name, moves), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aRefusedRunEmitsEventsAndEndsWithRunFinished() throws Exception {
        Path pb = playbook("refused", "  - { vm: no-such-vm, to: hv-a2 }");

        Result r = Cli.run(files.inventory(), dir, "run", pb.toString(), "-o", "json");

        assertThat(r.exit()).isEqualTo(3);
        List<JsonNode> events = events(r.out());
        assertThat(events).extracting(e -> e.path("event").asText())
                .contains("phase-started", "phase-finished", "move-refused").last().isEqualTo("run-finished");
        assertThat(events).anySatisfy(e -> assertThat(e.path("phase").asText()).isEqualTo("discovery"));
        JsonNode end = events.getLast();
        assertThat(end.path("outcome").asText()).isEqualTo("refused");
        assertThat(end.path("exitCode").asInt()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("\"facts\":\"null\"").doesNotContain("hvmigrate-plan");
    }

    @Test
    void aRunThatExecutesEmitsPhasesAndFindingsAndEndsWithRunFinished() throws Exception {
        Path pb = playbook("executes", "  - { vm: web-a2, to: hv-a3 }");

        Result r = Cli.run(files.inventory(), dir, "run", pb.toString(), "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<JsonNode> events = events(r.out());
        List<String> phases = events.stream().filter(e -> e.has("phase")).map(e -> e.path("event").asText() + " " + e.path("phase").asText()).toList();
        assertThat(phases).containsSubsequence("phase-started discovery", "phase-finished discovery", "phase-started planning",
                "phase-finished planning", "phase-started preflight", "phase-finished preflight");
        assertThat(events).extracting(e -> e.path("event").asText()).contains("move-started", "move-finished").last().isEqualTo("run-finished");
        assertThat(events.getLast().path("exitCode").asInt()).isZero();
        assertThat(events.getLast().path("outcome").asText()).isEqualTo("executed");
    }

    @Test
    void plainOutputIsTimeStampedTheLogFileHasTheSameLinesAndTheHookGetsTheOutcome() throws Exception {
        Path pb = playbook("plain", "  - { vm: file-s1, to: hv-s2 }");
        Path log = dir.resolve("logs/hvmigrate.log");
        Path hookOut = dir.resolve("hook.txt");

        Result r = Cli.run(files.inventory(), dir, "run", pb.toString(), "--log-file", log.toString(),
                "--on-finish", "echo \"$HVMIGRATE_EXIT_CODE|$HVMIGRATE_OUTCOME|$HVMIGRATE_REPORT\" > '" + hookOut + "'");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<String> eventLines = r.out().lines().toList();
        assertThat(eventLines).isNotEmpty().allSatisfy(l -> assertThat(l).matches(STAMPED));
        assertThat(r.out()).contains("discovery: reading").contains("preflight done:").contains(" report: ");

        List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(logged).isNotEmpty().allSatisfy(l -> assertThat(l).matches(STAMPED));
        assertThat(String.join("\n", logged)).contains("discovery: reading").contains("m001 file-s1").doesNotContain(sim.password());

        String hook = Files.readString(hookOut, StandardCharsets.UTF_8).strip();
        String[] parts = hook.split("\\|");
        assertThat(parts[0]).isEqualTo("0");
        assertThat(parts[1]).isEqualTo("executed");   // the word run-finished gives
        assertThat(Path.of(parts[2])).exists().hasFileName("report.json");
    }
}
