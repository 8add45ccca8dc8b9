package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.lab.junit.WithFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance window exactly, against the simulated fleet: before it opens, a run contacts no host (it waits, or
 * with --no-wait exits 7); no move starts before the opening; after the window has closed nothing starts and no host
 * is contacted.
 */
@WithFleet(timeScale = 200)
class WindowIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final SimFleet sim;
    final LabFiles.Written files;

    /** One simulated fleet for the class (its world is shared: each test compares before and after). */
    WindowIT(SimFleet sim, LabFiles.Written files) {
        this.sim = sim;
        this.files = files;
    }



    private Path playbook(String window) throws Exception {
        Path p = dir.resolve("windowed.yaml");
        Files.writeString(p, """
                version: 1
                name: windowed
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                  window: %s
                moves:
                  - { vm: app-a1, to: hv-a2 }
                """.formatted(window), StandardCharsets.UTF_8);
        return p;
    }

    private long commandsRun() {
        long n = 0;
        for (HostSpec h : sim.fleet().hosts()) {
            n += sim.commandsRun(h.name());
        }
        return n;
    }

    @Test
    void beforeTheWindowOpensNoWaitExitsSevenAndContactsNoHost() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Path pb = playbook("{ start: '" + tomorrow + "', duration: 4h }");
        long before = commandsRun();
        String where = sim.world().findVm("app-a1").orElseThrow().computerName();

        Result r = Cli.run(files.inventory(), dir, "run", pb.toString(), "--no-wait");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(7);
        assertThat(r.err()).contains("the maintenance window has not opened", "nothing was done");
        assertThat(commandsRun()).isEqualTo(before);
        assertThat(sim.world().findVm("app-a1").orElseThrow().computerName()).isEqualTo(where);
    }

    @Test
    void aRunWaitsForTheWindowContactsNoHostBeforeItsLeadAndStartsNoMoveBeforeTheOpening() throws Exception {
        Instant opens = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        Path pb = playbook("{ start: '" + opens + "', duration: 1h }");
        long before = commandsRun();
        String from = sim.world().findVm("app-a1").orElseThrow().computerName();
        String to = from.equalsIgnoreCase("HV-A2") ? "hv-a1" : "hv-a2";
        Files.writeString(pb, Files.readString(pb, StandardCharsets.UTF_8).replace("to: hv-a2", "to: " + to), StandardCharsets.UTF_8);

        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() ->
                Cli.run(files.inventory(), dir, "run", pb.toString(), "--set", "window.lead=2s"));
        // half a second before the lead begins, nothing may have been contacted yet
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), opens.minusSeconds(2).minusMillis(500)).toMillis()));
        long early = commandsRun() - before;
        Result r = run.get();

        assertThat(early).as("commands run before the window's lead").isZero();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("the maintenance window opens at");
        assertThat(sim.world().findVm("app-a1").orElseThrow().computerName()).isEqualToIgnoringCase(to);
        for (Instant t : moveRecordTimes()) {
            assertThat(t).as("a move record before the window opened").isAfterOrEqualTo(opens);
        }
        assertThat(moveRecordTimes()).isNotEmpty();
    }

    @Test
    void afterTheWindowHasClosedNothingStartsAndNoHostIsContacted() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Path pb = playbook("{ start: '" + past + "', end: '" + past.plus(Duration.ofHours(1)) + "' }");
        long before = commandsRun();

        Result r = Cli.run(files.inventory(), dir, "run", pb.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.err()).contains("the maintenance window closed at");
        assertThat(commandsRun()).isEqualTo(before);
    }

    /** When each move-level journal record (state changes, steps) of the run was written. */
    private List<Instant> moveRecordTimes() throws Exception {
        List<Instant> out = new ArrayList<>();
        try (var runs = Files.list(dir.resolve("runs"))) {
            for (Path run : runs.filter(p -> Files.exists(p.resolve(io.hvmigrate.journal.Journal.FILE_NAME))).toList()) {
                for (String line : Files.readAllLines(run.resolve(io.hvmigrate.journal.Journal.FILE_NAME), StandardCharsets.UTF_8)) {
                    JsonNode rec = JSON.readTree(line);
                    if (rec.has("move")) {
                        out.add(Instant.parse(rec.path("ts").asText()));
                    }
                }
            }
        }
        return out;
    }
}
