package io.hvmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approved plan against the facts as they are at run time: each approved move still as approved is planned with
 * its id and route; every other one is refused saying what was approved and what is so now; nothing is added.
 */
class ApprovedPlanningTest {
    private static final Instant MADE = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    Playbook playbook;
    ApprovedPlan approved;

    @BeforeEach
    void approveADrain() throws Exception {
        Path f = dir.resolve("drain.yaml");
        Files.writeString(f, "name: drain-a1\nmoves:\n  - drain: a1\n");
        playbook = PlaybookFormat.load(f, TestFleet.INVENTORY);
        approved = approve(new Planner(TestFleet.INVENTORY, TestFleet.FACTS).plan(playbook));
        assertThat(approved.moves()).extracting(ApprovedPlan.Move::describe).containsExactly(
                "csvha on a1 → a2 (S1)", "csvplain on a1 → a2 (S3)", "localplain on a1 → a2 (S4)", "smbha on a1 → a2 (S2)");
    }

    private Plan planNow(Facts now) {
        return new Planner(TestFleet.INVENTORY, now).planApproved(playbook, approved);
    }

    private static PlannedMove move(Plan p, String vm) {
        return p.moves().stream().filter(m -> m.vmName().equals(vm)).findFirst().orElseThrow();
    }

    private static Classification.Refused refusal(Plan p, String vm) {
        return (Classification.Refused) move(p, vm).outcome();
    }

    @Test
    void movesStillAsApprovedArePlannedWithTheirIdsAndRoutes() {
        Plan p = planNow(TestFleet.FACTS);

        assertThat(p.moves()).allSatisfy(m -> assertThat(m.planned()).as(m.vmName()).isTrue());
        assertThat(p.moves()).extracting(PlannedMove::id).containsExactlyElementsOf(approved.moves().stream().map(ApprovedPlan.Move::id).toList());
        assertThat(p.moves()).extracting(m -> m.job().destination()).containsOnly("a2");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aVmNoLongerOnItsApprovedSourceIsRefusedWithWhatChanged() {
        Plan p = planNow(withVm(TestFleet.FACTS, "csvha", v -> onHost(v, "a3")));

        Classification.Refused r = refusal(p, "csvha");
        assertThat(r.code()).isEqualTo(RefusalCode.NOT_AS_APPROVED);
        assertThat(r.reason()).isEqualTo("approved: csvha on a1 → a2 (S1); now: csvha is on a3");
        assertThat(r.fix()).contains("--skip-refused");
        assertThat(move(p, "csvha").source().name()).as("the approved route").isEqualTo("a1");
        assertThat(p.moves()).filteredOn(m -> !m.vmName().equals("csvha")).allSatisfy(m -> assertThat(m.planned()).isTrue());
    }

    @Test
    void aVmAlreadyOnItsApprovedDestinationIsInPlace() {
        Plan p = planNow(withVm(TestFleet.FACTS, "csvha", v -> onHost(v, "a2")));

        assertThat(move(p, "csvha").outcome()).isInstanceOfSatisfying(Classification.AlreadyInPlace.class,
                a -> assertThat(a.reason()).contains("already on a2, its approved destination"));
    }

    @Test
    void aVmTheDrainWouldNowTakeIsNotAddedButNamed() {
        Facts now = withVm(TestFleet.FACTS, "smbplain", v -> onHost(v, "a1"));   // a VM that arrived on a1 since

        Plan p = planNow(now);

        assertThat(p.moves()).extracting(PlannedMove::vmName).containsExactly("csvha", "csvplain", "localplain", "smbha");
        assertThat(p.warnings()).singleElement().satisfies(w -> assertThat(w).contains("smbplain (on a1) is not in the approved plan"));
    }

    @Test
    void aVmThatIsGoneIsRefused() {
        List<VmFacts> vms = new ArrayList<>(TestFleet.FACTS.vms());
        vms.removeIf(v -> v.name().equals("localplain"));

        Plan p = planNow(new Facts(MADE, TestFleet.FACTS.hosts(), TestFleet.FACTS.clusters(), TestFleet.FACTS.fileServers(), vms,
                TestFleet.FACTS.directory()));

        assertThat(refusal(p, "localplain").reason()).startsWith("approved: localplain on a1 → a2 (S4); now: localplain (")
                .endsWith(") is on none of the hosts that answered");
    }

    @Test
    void aRenamedClusterRoleIsRefused() {
        Plan p = planNow(withVm(TestFleet.FACTS, "csvha", v -> new VmFacts(v.name(), v.id(), v.host(), v.state(),
                new Facts.ClusterGroup("csvha-renamed", v.group().cluster(), v.group().ownerNode(), v.group().state(), v.group().priority(),
                        v.group().preferredOwners()), v.version(), v.generation(), v.memoryBytes(), v.path(), v.disks(), v.switches(), v.isoPaths())));

        assertThat(refusal(p, "csvha").reason()).endsWith("now: its cluster role is now 'csvha-renamed', not 'csvha'");
    }

    @Test
    void aMoveWhoseScenarioChangedIsRefused() {
        // csvplain was not highly available (S3); it has become a role of CA since, which makes the move S1
        Plan p = planNow(withVm(TestFleet.FACTS, "csvplain", v -> new VmFacts(v.name(), v.id(), v.host(), v.state(),
                new Facts.ClusterGroup("csvplain", "CA", "a1", "Online", 2000, List.of()), v.version(), v.generation(),
                v.memoryBytes(), v.path(), v.disks(), v.switches(), v.isoPaths())));

        assertThat(refusal(p, "csvplain").reason()).startsWith("approved: csvplain on a1 → a2 (S3); now: the move is now S1")
                .contains("it is now the clustered role 'csvplain'");
    }

    @Test
    void aDestinationThatIsNoLongerUpRefusesItsMovesForThatCause() {
        List<HostFacts> hosts = TestFleet.FACTS.hosts().stream().map(h -> !h.name().equals("a2") ? h
                : new HostFacts(h.name(), h.fqdn(), h.netbios(), h.domain(), h.os(), h.cluster(), "Paused", h.migration(), h.migrationNetworks(),
                        h.addresses(), h.switches(), h.processor(), h.supportedVersions(), h.memory(), h.volumes(), h.credentialGuard(),
                        h.virtualMachinePath())).toList();

        Plan p = planNow(new Facts(MADE, hosts, TestFleet.FACTS.clusters(), TestFleet.FACTS.fileServers(), TestFleet.FACTS.vms(),
                TestFleet.FACTS.directory()));

        assertThat(p.moves()).allSatisfy(m -> assertThat(((Classification.Refused) m.outcome()).code()).isEqualTo(RefusalCode.DESTINATION_NOT_UP));
        assertThat(refusal(p, "csvha").reason()).isEqualTo("approved: csvha on a1 → a2 (S1); now: destination node a2 is Paused in cluster CA");
    }

    @Test
    void aSourceThatCouldNotBeReadRefusesItsMovesForThatCause() {
        List<HostFacts> hosts = TestFleet.FACTS.hosts().stream().filter(h -> !h.name().equals("a1")).toList();
        List<VmFacts> vms = TestFleet.FACTS.vms().stream().filter(v -> !v.host().equals("a1")).toList();
        Facts now = new Facts(MADE, hosts, TestFleet.FACTS.clusters(), TestFleet.FACTS.fileServers(), vms, TestFleet.FACTS.directory());

        Plan p = new Planner(TestFleet.INVENTORY, now, List.of(new UnreadHost("a1", RefusalCode.HOST_UNREACHABLE, "no answer", "check the host")))
                .planApproved(playbook, approved);

        assertThat(refusal(p, "csvha").code()).isEqualTo(RefusalCode.HOST_UNREACHABLE);
        assertThat(refusal(p, "csvha").reason()).startsWith("approved: csvha on a1 → a2 (S1); now: csvha was on a1, which could not be read");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static VmFacts onHost(VmFacts v, String host) {
        Facts.ClusterGroup g = v.group() == null ? null
                : new Facts.ClusterGroup(v.group().name(), v.group().cluster(), host, v.group().state(), v.group().priority(), v.group().preferredOwners());
        return new VmFacts(v.name(), v.id(), host, v.state(), g, v.version(), v.generation(), v.memoryBytes(), v.path(), v.disks(),
                v.switches(), v.isoPaths());
    }

    private static Facts withVm(Facts f, String name, UnaryOperator<VmFacts> change) {
        List<VmFacts> vms = f.vms().stream().map(v -> v.name().equals(name) ? change.apply(v) : v).toList();
        return new Facts(MADE, f.hosts(), f.clusters(), f.fileServers(), vms, f.directory());
    }

    /** What plan --out records of each move (the JSON plan's fields), as the approved plan reads it back. */
    static ApprovedPlan approve(Plan plan) {
        List<ApprovedPlan.Move> moves = new ArrayList<>();
        for (PlannedMove m : plan.moves()) {
            ApprovedPlan.Outcome o = switch (m.outcome()) {
                case Classification.Planned p -> ApprovedPlan.Outcome.PLANNED;
                case Classification.AlreadyInPlace a -> ApprovedPlan.Outcome.ALREADY_IN_PLACE;
                case Classification.Refused r -> ApprovedPlan.Outcome.REFUSED;
            };
            moves.add(new ApprovedPlan.Move(m.id(), m.origin(), m.vmName(), m.vm() == null ? null : m.vm().id(),
                    m.source() == null ? null : m.source().name(),
                    m.vm() != null && m.vm().clustered() && m.source() != null ? m.source().cluster() : null,
                    m.destination() == null ? null : m.destination().name(), m.destination() == null ? null : m.destination().cluster(),
                    m.outcome() instanceof Classification.Planned p ? p.storagePath() : null, o,
                    m.outcome() instanceof Classification.Planned p ? p.scenario().name() : null,
                    m.vm() == null || m.vm().group() == null ? null : m.vm().group().name(),
                    m.steps().stream().map(s -> new ApprovedPlan.Step(s.id(), s.host())).toList(),
                    m.outcome() instanceof Classification.Refused r ? r.code().name() : null,
                    m.outcome() instanceof Classification.Refused r ? r.reason() : null));
        }
        return new ApprovedPlan(Path.of("plan.json"), "sha256:0", MADE, MADE.plus(Duration.ofDays(7)),
                new ApprovedPlan.PlaybookRef(plan.playbook().name(), plan.playbook().file(), "sha256:1"),
                new ApprovedPlan.InventoryRef(TestFleet.INVENTORY.file(), "sha256:2"), "sha256:3", null, moves);
    }
}
