package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.e2e.UserWinRm.PsResult;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tickets that really refresh. A host keeps acting on the delegation its tickets were issued with until they expire
 * or are purged (Microsoft, Troubleshoot live migration issues, KB4558514, MicrosoftDocs/SupportArticles-docs support/windows-server/virtualization/troubleshoot-live-migration-issues.md:
 * "Wait up to 15 minutes for Keberos tickets to time out. Or run the KLIST PURGE -li 0x3e7 cmdlet."; and
 * MicrosoftDocs/windowsserverdocs WindowsServerDocs/administration/windows-commands/klist.md, example "klist purge -li 0x3e7"). Here HV-S2 is given the
 * delegation dev-s2 → HV-S1 needs after it obtained its TGT: Move-VM then fails on HV-S2 with 0x8009030D ("The
 * credentials supplied to the package were not recognized") as on Windows, run purges HV-S2's tickets before the move
 * and the move succeeds; with policy.purgeStaleTickets false run refuses the move with the fix; delegation apply with
 * nothing to change in the directory still purges; and the stale TGT is found on a German or Japanese host.
 *
 * <p>The lab fleet with a day-long ticket lifetime, so that the accelerated clock does not renew tickets mid-test.
 */
class StaleTicketsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SimFleet sim;
    LabFiles.Written files;

    @BeforeEach
    void startFleet() throws Exception {
        Path fleet = dir.resolve("lab-long-tickets.yaml");
        String lab = Files.readString(Path.of("config/fleets/lab.yaml"), StandardCharsets.UTF_8);
        assertThat(lab).contains("ticketLifetimeMinutes: 15");
        Files.writeString(fleet, lab.replace("ticketLifetimeMinutes: 15", "ticketLifetimeMinutes: 1440"), StandardCharsets.UTF_8);
        sim = SimFleet.start(fleet, SimFleet.Options.defaults().withTimeScale(50));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
    }

    @AfterEach
    void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }

    private static final String MOVE = "  - { vm: dev-s2, to: hv-s1, storagePath: 'D:\\VMs\\dev-s2-moved' }\n";

    private Path playbook(String name, String policy) throws Exception {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "name: " + name + "\n" + policy + "moves:\n" + MOVE, StandardCharsets.UTF_8);
        return p;
    }

    /** HV-S2 may now delegate to HV-S1, but its tickets were issued before. */
    private void delegateS2ToS1AfterItsTicketsWereIssued() throws Exception {
        Thread.sleep(100);   // whenChanged and klist count whole seconds: at least one simulated second on
        // written through HV-S3, the lab's DC: on any other host the AD module's hop to a DC fails
        PsResult change = UserWinRm.runPs(sim, "HV-S3", "Set-ADComputer -Identity 'HV-S2' -Add @{'msDS-AllowedToDelegateTo'=@("
                + "'Microsoft Virtual System Migration Service/hv-s1.lab.test','Microsoft Virtual System Migration Service/HV-S1',"
                + "'cifs/hv-s1.lab.test','cifs/HV-S1')}");
        assertThat(change.exit()).as(change.out() + change.err()).isZero();
    }

    private JsonNode check(Path playbook, int expectedExit) throws Exception {
        Result r = Cli.run(files.inventory(), dir, "check", playbook.toString(), "-o", "json");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(expectedExit);
        return JSON.readTree(r.out());
    }

    private static List<JsonNode> findings(JsonNode report, String id) {
        return StreamSupport.stream(report.path("findings").spliterator(), false)
                .filter(f -> f.path("id").asText().equals(id)).toList();
    }

    private List<JsonNode> journal() throws Exception {
        try (var runs = Files.list(dir.resolve("runs"))) {
            Path j = runs.filter(Files::isDirectory).map(p -> p.resolve("journal.jsonl")).filter(Files::exists).findFirst().orElseThrow();
            return Files.readAllLines(j, StandardCharsets.UTF_8).stream().map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }

    @Test
    void runPurgesTheStaleSourceBeforeItsMoveWhichThenSucceeds() throws Exception {
        Path pb = playbook("stale-run", "");
        assertThat(findings(check(pb, 3), "delegation.missing")).isNotEmpty();
        delegateS2ToS1AfterItsTicketsWereIssued();
        JsonNode before = check(pb, 0);
        assertThat(findings(before, "delegation.missing")).isEmpty();
        assertThat(findings(before, "delegation.stale-tickets")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("warning");
            assertThat(f.path("host").asText()).isEqualTo("hv-s2");
            assertThat(f.path("message").asText()).contains("run purges them (klist purge -li 0x3e7) before its first move from hv-s2");
        });

        // as on Windows, HV-S2 acts on the delegation of its tickets: Move-VM fails there with 0x8009030D
        PsResult byHand = UserWinRm.runPs(sim, "HV-S2", "Move-VM -Name dev-s2 -DestinationHost hv-s1.lab.test -IncludeStorage "
                + "-DestinationStoragePath 'D:\\VMs\\dev-s2-moved'");
        assertThat(byHand.exit()).isNotZero();
        assertThat(byHand.err()).contains("failed at migration source 'HV-S2'", "The credentials supplied to the package were not", "(0x8009030D)");
        assertThat(sim.world().findVm("dev-s2").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");

        Result run = Cli.run(files.inventory(), dir, "run", pb.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out() + run.err()).contains("hv-s2: tickets purged (klist purge -li 0x3e7)");
        assertThat(sim.world().findVm("dev-s2").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S1");
        List<JsonNode> journal = journal();
        assertThat(journal).filteredOn(r -> r.path("type").asText().equals("tickets-purged")).singleElement().satisfies(r -> {
            assertThat(r.path("host").asText()).isEqualTo("hv-s2");
            assertThat(r.path("account").asText()).isEqualTo("HV-S2$");
            assertThat(r.path("run").asText()).isNotEmpty();
        });
        int purged = indexOf(journal, "tickets-purged");
        int firstState = indexOf(journal, "state");
        assertThat(purged).isLessThan(firstState);
        assertThat(findings(check(pb, 0), "delegation.stale-tickets")).isEmpty();
    }

    private static int indexOf(List<JsonNode> journal, String type) {
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).path("type").asText().equals(type)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void withPurgeStaleTicketsFalseRunRefusesTheMoveWithTheFix() throws Exception {
        Path pb = playbook("stale-keep", "policy:\n  purgeStaleTickets: false\n");
        delegateS2ToS1AfterItsTicketsWereIssued();
        assertThat(findings(check(pb, 3), "delegation.stale-tickets")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("blocking");
            assertThat(f.path("move").asText()).isEqualTo("m001");
            assertThat(f.path("message").asText()).contains("0x8009030D", "policy.purgeStaleTickets is false");
            assertThat(f.path("fix").asText()).isEqualTo("on hv-s2: klist purge -li 0x3e7 (Invoke-Command -ComputerName hv-s2 "
                    + "{ klist purge -li 0x3e7 }), or hvmigrate delegation apply, which purges");
        });

        Result run = Cli.run(files.inventory(), dir, "run", pb.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("delegation.stale-tickets", "klist purge -li 0x3e7");
        assertThat(sim.world().findVm("dev-s2").orElseThrow().computerName()).isEqualToIgnoringCase("HV-S2");
        // nothing was purged: the host still holds its old tickets
        assertThat(findings(check(pb, 3), "delegation.stale-tickets")).hasSize(1);
    }

    @Test
    void delegationApplyWithNothingToChangeStillPurgesTheStaleSource() throws Exception {
        Path pb = playbook("stale-apply", "");
        delegateS2ToS1AfterItsTicketsWereIssued();

        Result applied = Cli.run(files.inventory(), dir, "delegation", "apply", "--yes", "--playbook", pb.toString());

        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).contains("Nothing to change", "purged   tickets (klist purge -li 0x3e7) on hv-s2")
                .doesNotContain("No tickets purged");
        assertThat(findings(check(pb, 0), "delegation.stale-tickets")).isEmpty();

        // a second apply has nothing to purge either, and says so
        Result again = Cli.run(files.inventory(), dir, "delegation", "apply", "--yes", "--playbook", pb.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("No tickets to purge");
    }

    @Test
    void theStaleTicketsOfAGermanOrJapaneseHostAreFound() throws Exception {
        Path pb = playbook("stale-de", "");
        sim.world().setCulture("HV-S2", "de-DE");
        PsResult klist = UserWinRm.runPs(sim, "HV-S2", "klist -li 0x3e7 tgt");
        assertThat(klist.out()).containsPattern("StartTime +: \\d{2}\\.\\d{2}\\.\\d{4} \\d{1,2}:\\d{2}:\\d{2} \\(local\\)");
        delegateS2ToS1AfterItsTicketsWereIssued();

        assertThat(findings(check(pb, 0), "delegation.stale-tickets")).singleElement().satisfies(f ->
                assertThat(f.path("evidence").toString()).contains("HV-S2$ whenChanged = ", "hv-s2: klist -li 0x3e7 tgt StartTime = "));

        sim.world().setCulture("HV-S2", "ja-JP");
        assertThat(UserWinRm.runPs(sim, "HV-S2", "klist -li 0x3e7 tgt").out()).containsPattern("StartTime +: \\d{4}/\\d{2}/\\d{2} ");
        assertThat(findings(check(pb, 0), "delegation.stale-tickets")).hasSize(1);
    }
}
