package io.hvmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.load.InvalidInputException;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.Playbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    @TempDir
    Path dir;

    private Plan plan(String yaml) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, yaml);
        Playbook pb = PlaybookFormat.load(f, TestFleet.INVENTORY);
        return new Planner(TestFleet.INVENTORY, TestFleet.FACTS).plan(pb);
    }

    private static List<String> routes(Plan p) {
        return p.moves().stream().map(m -> m.vmName() + "→" + (m.destination() == null ? "?" : m.destination().name())).toList();
    }

    @Test
    void spreadsASelectionOverTheLeastLoadedDestinationsLargestFirst() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { select: { host: s2, names: ['small*'] }, to: [b1, b2] }\n");
        // by committed memory over total after each move: b2 (200 GB) takes small3 (3/200 < 3/100), b1 takes small2
        // (2/100 < 5/200), and small1 goes back to b2 (4/200 < 3/100)
        assertThat(routes(p)).containsExactly("small3→b2", "small2→b1", "small1→b2");
        assertThat(p.moves()).allSatisfy(m -> assertThat(((Classification.Planned) m.outcome()).scenario()).isEqualTo(Scenario.S7));
    }

    @Test
    void aClusterAsDestinationMeansItsLeastLoadedUpNode() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { vm: localvm, to: CB }\n  - { vm: small1, to: CA }\n");
        assertThat(routes(p)).containsExactly("localvm→b2", "small1→a2");   // a1 carries more; a3 is paused
    }

    @Test
    void drainingAClusterNodeUsesItsUpPeers() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - drain: a1\n");
        assertThat(p.moves()).extracting(m -> m.destination().name()).containsOnly("a2");
        assertThat(p.moves()).extracting(PlannedMove::vmName).containsExactlyInAnyOrder("csvha", "smbha", "csvplain", "localplain");
        assertThat(p.moves()).filteredOn(m -> m.vmName().equals("csvplain"))
                .singleElement().satisfies(m -> assertThat(((Classification.Planned) m.outcome()).scenario()).isEqualTo(Scenario.S3));
    }

    @Test
    void drainingAStandaloneHostNeedsDestinations() throws Exception {
        assertThatThrownBy(() -> plan("name: t\nmoves:\n  - drain: s2\n")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(pr -> {
                    assertThat(pr.message()).contains("is not a cluster node");
                    assertThat(pr.location().line()).isEqualTo(3);
                }));
    }

    @Test
    void aVmMovedByTwoEntriesIsAnErrorAtTheSecond() throws Exception {
        assertThatThrownBy(() -> plan("name: t\nmoves:\n  - { vm: localvm, to: s2 }\n  - { select: { host: s1, names: ['local*'] }, to: s2 }\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement().satisfies(pr -> {
                    assertThat(pr.message()).isEqualTo("VM 'localvm' (on s1) is also moved by the entry at " + dir.resolve("p.yaml") + ":3:5");
                    assertThat(pr.location().line()).isEqualTo(4);
                }));
    }

    @Test
    void ambiguousNamesAreRefusedUntilTheSourceIsNamed() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { vm: twin, to: s3 }\n  - { vm: nosuch, to: s3 }\n");
        assertThat(p.moves()).extracting(m -> ((Classification.Refused) m.outcome()).code())
                .containsExactly(RefusalCode.VM_AMBIGUOUS, RefusalCode.VM_NOT_FOUND);
        Plan q = plan("name: t\nmoves:\n  - { vm: twin, from: s2, to: s3 }\n");
        assertThat(q.moves().get(0).vm().id()).isEqualTo("00000000-0000-0000-0000-0000000000a2");
    }

    @Test
    void aSelectionThatMatchesNothingIsAWarningSoAFinishedPlaybookCanRunAgain() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { select: { cluster: CB, names: ['gone-*'] }, to: s1 }\n");
        assertThat(p.moves()).isEmpty();
        assertThat(p.warnings()).singleElement().asString().contains("no VM on cluster CB matches gone-*");
    }

    @Test
    void aDestinationNotDiscoveredIsRefused() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { vm: localvm, to: s9 }\n");
        assertThat(((Classification.Refused) p.moves().get(0).outcome()).code()).isEqualTo(RefusalCode.HOST_NOT_DISCOVERED);
    }

    @Test
    void crossClusterMovesRecordRemoveMoveAndAddWhichVerifiesWithCompensation() throws Exception {
        Plan p = plan("name: t\nmoves:\n  - { vm: csvha, to: b1 }\n");
        PlannedMove m = p.moves().get(0);
        // add-ha runs on the destination and answers with the VM and its role as they now are: the verification
        assertThat(m.steps()).extracting(Step::kind).containsExactly(Step.Kind.RECORD_HA, Step.Kind.REMOVE_HA, Step.Kind.MIGRATE,
                Step.Kind.ADD_HA);
        assertThat(m.steps()).extracting(Step::host).containsExactly("a1", "a1", "a1", "b1");
        assertThat(m.steps()).extracting(Step::idempotent).containsExactly(true, true, false, true);
        assertThat(m.steps().get(3).script().body()).contains("clustered=[bool]$v.IsClustered").contains("host=$v.ComputerName");
        assertThat(m.steps().get(3).script().body()).contains("$g.Priority=3000").doesNotContain("Set-ClusterOwnerNode");
        assertThat(m.compensation()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Step.Kind.RESTORE_HA);
            assertThat(c.host()).isEqualTo("a1");
            assertThat(c.script().body()).contains("$g.Priority=3000").contains("-Owners @('A1','A2')");
        });
    }

    @Test
    void inClusterMovesAreOneClusterCallAndAVerification() throws Exception {
        PlannedMove m = plan("name: t\nmoves:\n  - { vm: smbha, to: a2 }\n").moves().get(0);
        assertThat(m.steps()).extracting(Step::kind).containsExactly(Step.Kind.CLUSTER_MIGRATE, Step.Kind.VERIFY);
        assertThat(m.steps().get(0).script().body()).contains("Move-ClusterVirtualMachineRole -Name 'smbha' -Node 'A2' -MigrationType Live");
        assertThat(m.compensation()).isEmpty();
    }

    @Test
    void keepPriorityFalseLeavesTheDestinationClusterDefault() throws Exception {
        PlannedMove m = plan("name: t\npolicy: { ha: { keepPriority: false } }\nmoves:\n  - { vm: csvha, to: b1 }\n").moves().get(0);
        assertThat(m.steps().get(3).script().body()).doesNotContain("Priority=");
    }
}
