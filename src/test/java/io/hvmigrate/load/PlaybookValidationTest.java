package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookValidationTest {

    private static final Path BROKEN = Path.of("src/test/resources/broken");
    private final Inventory inventory = InventoryFormat.load(BROKEN.resolve("inventory.yaml"));

    private List<String> problems(Path playbook) {
        try {
            PlaybookFormat.load(playbook, inventory);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.location().line() + ":" + p.location().column() + " " + p.message() + " | " + p.fix()).toList();
        }
        throw new AssertionError("expected problems in " + playbook);
    }

    @Test
    void reportsEveryProblemOfABrokenPlaybookAtOnceWithItsPlace() {
        List<String> found = problems(BROKEN.resolve("playbook.yaml"));
        assertThat(found).hasSize(8);
        assertThat(found.get(0)).startsWith("3:19 'kerberose' is not a valid value").endsWith("did you mean 'kerberos'?");
        assertThat(found.get(1)).startsWith("4:21 '198.51.100.7/24' has host bits set").endsWith("write 198.51.100.0/24");
        assertThat(found.get(2)).startsWith("5:26 expected a whole number");
        assertThat(found.get(3)).startsWith("8:10 the window ends (2026-11-22T21:00:00Z) before it starts");
        assertThat(found.get(4)).startsWith("11:9 destination 'hv-a9' is neither a host nor a cluster").endsWith("did you mean 'hv-a1'?");
        assertThat(found.get(5)).startsWith("12:9 VM 'web01' is already moved by the entry at").contains("playbook.yaml:10:5");
        assertThat(found.get(6)).startsWith("15:5 unknown key 'tragets' in a move entry").endsWith("did you mean 'to'?");
        assertThat(found.get(7)).startsWith("17:9 'sofs1' is a file server, not a Hyper-V host or cluster");
    }

    @Test
    void readsAValidPlaybookWithItsPolicy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, """
                name: nightly
                policy:
                  authentication: credssp
                  migrationNetwork: 2001:db8:10::/64
                  concurrency: { global: 6 }
                  failureBudget: 10%
                  window: { start: 2026-11-22T22:00:00+01:00, end: 2026-11-23T02:00:00+01:00, cutoff: 30m, atDeadline: cancel }
                  ha: { allowUnprotected: true }
                moves:
                  - { vm: web01, from: hv-a1, to: hv-a2, storagePath: 'C:\\ClusterStorage\\Volume1\\web01' }
                  - drain: hv-s1
                    to: [hv-s2]
                  - select: { host: hv-a1, names: [web*, 'app-??'] }
                    to: hv-a2
                    storageRoot: 'D:\\VMs'
                """);
        Playbook pb = PlaybookFormat.load(f, inventory);
        assertThat(pb.name()).isEqualTo("nightly");
        assertThat(pb.policy().authentication()).isEqualTo(Playbook.Authentication.CREDSSP);
        assertThat(pb.policy().migrationNetwork().toString()).isEqualTo("2001:db8:10::/64");
        assertThat(pb.policy().concurrency()).isEqualTo(new Playbook.Concurrency(6, 2, 2));
        assertThat(pb.policy().failureBudget().allowedFailures(50)).isEqualTo(5);
        var w = pb.policy().window().resolve(java.time.Instant.parse("2026-11-22T20:00:00Z"));
        assertThat(w.start()).isEqualTo(java.time.Instant.parse("2026-11-22T21:00:00Z"));
        assertThat(w.cutoff()).isEqualTo(java.time.Instant.parse("2026-11-23T00:30:00Z"));
        assertThat(w.atDeadline()).isEqualTo(Playbook.DeadlineAction.CANCEL);
        assertThat(pb.policy().ha().allowUnprotected()).isTrue();
        assertThat(pb.moves()).hasSize(3);
        assertThat(pb.moves().get(0)).isEqualTo(new Playbook.VmMove(new Location(f, 10, 5), "web01", "hv-a1", "hv-a2",
                "C:\\ClusterStorage\\Volume1\\web01", null));
        assertThat(pb.moves().get(2)).isInstanceOfSatisfying(Playbook.Select.class, s -> {
            assertThat(s.names()).containsExactly("web*", "app-??");
            assertThat(s.storageRoot()).isEqualTo("D:\\VMs");
        });
    }

    @Test
    void aRelativeWindowIsMeasuredFromTheStartOfTheRun(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { duration: 4h, cutoff: 45m } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        var w = PlaybookFormat.load(f, inventory).policy().window().resolve(java.time.Instant.parse("2026-11-22T22:00:00Z"));
        assertThat(w.end()).isEqualTo(java.time.Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(w.cutoff()).isEqualTo(java.time.Instant.parse("2026-11-23T01:15:00Z"));
        assertThat(w.atDeadline()).isEqualTo(Playbook.DeadlineAction.FINISH);
    }

    @Test
    void refusesWindowsThatLeaveNoTimeOrAreUnderspecified(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, """
                name: n
                policy:
                  window: { cutoff: 5h, duration: 4h }
                moves: [{ vm: a, to: hv-a1 }]
                """);
        assertThat(problems(f)).singleElement().asString().startsWith("3:21 the cutoff (5h before the end) leaves no time");
        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { start: 2026-11-22T22:00:00 } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        assertThat(problems(f)).anySatisfy(p -> assertThat(p).contains("has no timeZone").contains("2026-11-22T22:00:00+01:00"))
                .anySatisfy(p -> assertThat(p).contains("needs end: or duration:"));
    }

    @Test
    void aMoveIsAVmADrainOrASelectionAndNeedsWhatItsKindNeeds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, """
                name: n
                moves:
                  - { vm: a, drain: hv-a1, to: hv-a2 }
                  - { vm: b }
                  - { to: hv-a2 }
                  - { drain: hv-a1, storagePath: 'D:\\x', to: hv-a1 }
                  - { select: { names: [x] }, to: hv-a2 }
                  - { vm: c, to: hv-a2, storagePath: 'relative\\path' }
                """);
        List<String> found = problems(f);
        assertThat(found).containsExactly(
                "3:14 a move entry can have only one of vm, drain, select; found vm and drain | split it into separate entries",
                "4:5 a vm move needs a destination | add to: <host or cluster>",
                "5:5 a move entry needs one of: vm, drain, select | add exactly one of them",
                "6:21 storagePath is not used by drain and select entries | use storageRoot: (each VM gets a folder under it)",
                "6:46 drain target 'hv-a1' is the host being drained | remove it from to:",
                "7:15 a selection needs either host: or cluster: (one of them) | say where to look for the VMs",
                "8:38 'relative\\path' is not an absolute Windows path | write an absolute Windows path such as D:\\VMs\\web01, C:\\ClusterStorage\\Volume1\\web01 or \\\\sofs\\vms\\web01");
    }

    @Test
    void yamlSyntaxErrorsHaveAPlaceToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, "name: n\nmoves:\n  - vm: 'unclosed\n    to: x\n");
        assertThatThrownBy(() -> PlaybookFormat.load(f, inventory)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).startsWith("syntax error");
                assertThat(p.location().line()).isGreaterThanOrEqualTo(3);
            });
        });
    }

    @Test
    void aWindowInLocalTimeTakesItsZoneByWindowsOrIanaName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        // 8 March 2026 is the Sunday US daylight saving time begins: 01:00 is EST (-05:00), 05:00 is EDT (-04:00)
        java.nio.file.Files.writeString(f, """
                name: n
                policy:
                  window: { start: 2026-03-08T01:00, end: 2026-03-08T05:00, timeZone: Eastern Standard Time }
                moves: [{ vm: a, to: hv-a1 }]
                """);
        var w = PlaybookFormat.load(f, inventory).policy().window().resolve(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(w.start()).isEqualTo(java.time.Instant.parse("2026-03-08T06:00:00Z"));
        assertThat(w.end()).isEqualTo(java.time.Instant.parse("2026-03-08T09:00:00Z"));

        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { start: 2026-12-13T01:00, duration: 4h, timeZone: Europe/Berlin } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        var b = PlaybookFormat.load(f, inventory).policy().window().resolve(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(b.start()).isEqualTo(java.time.Instant.parse("2026-12-13T00:00:00Z"));
        assertThat(b.end()).isEqualTo(java.time.Instant.parse("2026-12-13T04:00:00Z"));
    }

    @Test
    void aRecurringWindowIsTheOccurrenceOpenNowOrTheNextOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, """
                name: n
                policy:
                  window: { every: 'Sat,Sun 22:00-02:00', timeZone: W. Europe Standard Time, cutoff: 30m }
                moves: [{ vm: a, to: hv-a1 }]
                """);
        Playbook.Window window = PlaybookFormat.load(f, inventory).policy().window();
        // Monday 7 December 2026, 12:00 UTC: the next occurrence is Saturday 12 December 22:00 CET (21:00 UTC)
        var next = window.resolve(java.time.Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(next.start()).isEqualTo(java.time.Instant.parse("2026-12-12T21:00:00Z"));
        assertThat(next.end()).isEqualTo(java.time.Instant.parse("2026-12-13T01:00:00Z"));
        assertThat(next.cutoff()).isEqualTo(java.time.Instant.parse("2026-12-13T00:30:00Z"));
        // Sunday 13 December, 00:30 UTC (01:30 CET): Saturday's occurrence, which crosses midnight, is still open
        var open = window.resolve(java.time.Instant.parse("2026-12-13T00:30:00Z"));
        assertThat(open.start()).isEqualTo(java.time.Instant.parse("2026-12-12T21:00:00Z"));
        assertThat(open.notYetOpen(java.time.Instant.parse("2026-12-13T00:30:00Z"))).isFalse();
        // right after it closes: Sunday evening's
        var sunday = window.resolve(java.time.Instant.parse("2026-12-13T01:00:00Z"));
        assertThat(sunday.start()).isEqualTo(java.time.Instant.parse("2026-12-13T21:00:00Z"));
    }

    @Test
    void refusesLocalTimesWithoutAZoneUnknownZonesAndRecurringWindowsWithAStart(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { start: 2026-11-22T22:00, duration: 4h } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        assertThat(problems(f)).singleElement().asString().contains("is a local time, and the window has no timeZone").contains("timeZone: <zone>");

        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { duration: 4h, timeZone: W. Europe Standrd Time } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        assertThat(problems(f)).singleElement().asString().contains("is not a time zone").contains("did you mean 'W. Europe Standard Time'?");

        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { every: Sun 01:00-05:00, start: 2026-11-22T22:00:00Z } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        assertThat(problems(f)).anySatisfy(p -> assertThat(p).contains("a recurring window (every:) has no start:"))
                .anySatisfy(p -> assertThat(p).contains("a recurring window needs timeZone:"));

        java.nio.file.Files.writeString(f, "name: n\npolicy: { window: { every: Sunday at one, timeZone: UTC } }\nmoves: [{ vm: a, to: hv-a1 }]\n");
        assertThat(problems(f)).singleElement().asString().contains("is not a weekly window").contains("Sun 01:00-05:00");
    }

    @Test
    void weeklyWindowsReadDayRangesAndDaily() {
        assertThat(PlaybookFormat.weekly("Mon-Fri 20:00-23:00").days()).hasSize(5).doesNotContain(java.time.DayOfWeek.SATURDAY);
        assertThat(PlaybookFormat.weekly("Fri-Mon 1:00-4:30").days()).containsExactlyInAnyOrder(java.time.DayOfWeek.FRIDAY,
                java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY, java.time.DayOfWeek.MONDAY);
        assertThat(PlaybookFormat.weekly("daily 01:00-04:00").days()).hasSize(7);
        assertThat(PlaybookFormat.weekly("Sun 01:00-01:00")).isNull();
        assertThat(PlaybookFormat.weekly("Sun 25:00-02:00")).isNull();
        assertThat(PlaybookFormat.weekly("Xyz 01:00-02:00")).isNull();
    }
}
