package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.VmPowerState;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.fleet.FaultSpec;
import io.hvmigrate.sim.wsman.TransportFault;
import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.sim.wsman.WsmanFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Compensation end to end for the moves that remove a cluster role first — S5 (cluster to cluster) and S6 (cluster to a
 * standalone host): a failure after Remove-ClusterGroup puts the role back on the source cluster with the priority and
 * preferred owners recorded before, the VM running on its source, exit code 1, and the journal and report saying so;
 * once the fault is gone, running the playbook again completes the move.
 */
class CompensationIT {

    /** The two scenarios that remove the role before the migration. */
    enum Move {
        S5("db-a3", "HV-A3", "CLA", "hv-b1", "CLB", "C:\\ClusterStorage\\Volume1\\db-a3", false),
        S6("rpt-b2", "HV-B2", "CLB", "hv-s2", null, "D:\\VMs\\rpt-b2", true);

        final String vm;
        final String source;
        final String sourceCluster;
        final String destination;
        final String destinationCluster;
        final String storagePath;
        final boolean allowUnprotected;

        Move(String vm, String source, String sourceCluster, String destination, String destinationCluster, String storagePath,
             boolean allowUnprotected) {
            this.vm = vm;
            this.source = source;
            this.sourceCluster = sourceCluster;
            this.destination = destination;
            this.destinationCluster = destinationCluster;
            this.storagePath = storagePath;
            this.allowUnprotected = allowUnprotected;
        }

        String playbook() {
            return """
                    version: 1
                    name: compensation-%s
                    policy:
                      authentication: kerberos
                      migrationNetwork: 198.51.100.0/24
                      retries: { attempts: 2, backoff: 100ms }
                      ha: { makeHighlyAvailable: true, keepPriority: true }
                    moves:
                      - vm: %s
                        to: %s
                        storagePath: '%s'
                    %s""".formatted(name().toLowerCase(Locale.ROOT), vm, destination, storagePath,
                    allowUnprotected ? "    allowUnprotected: true\n" : "");
        }
    }

    @TempDir
    Path dir;
    SimFleet sim;
    LabFiles.Written files;
    Path runs;

    @BeforeEach
    void startFleet() throws Exception {
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withTimeScale(200));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
        runs = dir.resolve("runs");
    }

    @AfterEach
    void stopFleet() {
        sim.close();
    }

    record Role(String group, int priority, List<String> preferredOwners) {}

    private Role roleOn(String cluster, String vm) throws WorldException {
        VmInfo v = sim.world().findVm(vm).orElseThrow();
        ClusterGroupInfo g = sim.world().clusters().groupOfVm(cluster, v.id());
        return new Role(g.name(), g.priority(), g.preferredOwners().stream().map(o -> o.toUpperCase(Locale.ROOT)).toList());
    }

    /** Gives the role preferred owners (and a priority) of its own, so restoring them is something a test can see fail. */
    private Role prepare(Move m) throws Exception {
        Role r = roleOn(m.sourceCluster, m.vm);
        List<String> owners = m == Move.S6 ? List.of("HV-B2", "HV-B1") : r.preferredOwners();
        sim.world().clusters().setPreferredOwners(m.sourceCluster, r.group(), owners);
        if (m == Move.S6) {
            sim.world().clusters().setPriority(m.sourceCluster, r.group(), 2000);
        }
        Role before = roleOn(m.sourceCluster, m.vm);
        assertThat(before.preferredOwners()).isNotEmpty();
        return before;
    }

    private Path playbook(Move m) throws Exception {
        Path p = dir.resolve("compensation-" + m.name().toLowerCase(Locale.ROOT) + ".yaml");
        Files.writeString(p, m.playbook());
        return p;
    }

    private EngineRun.Result run(Move m, Consumer<JsonNode> onEvent) throws Exception {
        return EngineRun.run(files, runs, onEvent, "run", playbook(m).toString());
    }

    /** The VM runs on its source, its role is back on the source cluster with the settings it had. */
    private void assertRestored(Move m, Role before, EngineRun.Result r) throws Exception {
        assertThat(r.exit()).as("exit code; %s %s", r.last(), r.err()).isEqualTo(1);
        VmInfo v = sim.world().findVm(m.vm).orElseThrow();
        assertThat(v.computerName()).isEqualToIgnoringCase(m.source);
        assertThat(v.state()).isEqualTo(VmPowerState.Running);
        assertThat(v.isClustered()).as("clustered again").isTrue();
        Role after = roleOn(m.sourceCluster, m.vm);
        assertThat(after.priority()).as("priority").isEqualTo(before.priority());
        assertThat(after.preferredOwners()).as("preferred owners").containsExactlyElementsOf(before.preferredOwners());

        Path runDir = EngineRun.runDir(runs, r);
        List<JsonNode> journal = EngineRun.journal(runDir);
        assertThat(journal).as("the journal shows the role restored")
                .anyMatch(j -> "step-end".equals(j.path("type").asText()) && "restore-ha".equals(j.path("step").asText())
                        && "ok".equals(j.path("outcome").asText()));
        JsonNode move = EngineRun.report(runDir).path("moves").get(0);
        assertThat(move.path("state").asText()).isEqualTo("failed");
        assertThat(move.path("detail").asText()).contains("restored on " + m.sourceCluster).contains("priority " + before.priority());
    }

    /** Once the fault is gone, running the playbook again completes the move. */
    private void assertRerunCompletes(Move m, Role before) throws Exception {
        EngineRun.Result again = run(m, e -> { });
        assertThat(again.exit()).as("re-run; %s %s", again.last(), again.err()).isZero();
        VmInfo v = sim.world().findVm(m.vm).orElseThrow();
        assertThat(v.computerName()).isEqualToIgnoringCase(m.destination);
        assertThat(v.state()).isEqualTo(VmPowerState.Running);
        if (m.destinationCluster != null) {
            assertThat(roleOn(m.destinationCluster, m.vm).priority()).isEqualTo(before.priority());
        } else {
            assertThat(v.isClustered()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Move.class)
    void moveVmFailingPartWayPutsTheRoleBackOnTheSource(Move m) throws Exception {
        Role before = prepare(m);
        sim.world().injectMigrationFailure(new FaultSpec.MigrationFailure(m.vm, 40, null, null, true));

        EngineRun.Result r = run(m, e -> { });

        assertRestored(m, before, r);
        assertThat(EngineRun.report(EngineRun.runDir(runs, r)).path("moves").get(0).path("detail").asText()).contains("0x80072746");
        assertRerunCompletes(m, before);
    }

    @ParameterizedTest
    @EnumSource(Move.class)
    void destinationGoneAfterTheRoleWasRemovedPutsTheRoleBackOnTheSource(Move m) throws Exception {
        Role before = prepare(m);
        String dst = m.destination.toUpperCase(Locale.ROOT);

        EngineRun.Result r = run(m, e -> {
            if (EngineRun.is(e, "step-finished", "remove-ha", m.vm)) {
                try {
                    sim.world().crashHost(dst);   // the destination goes down between Remove-ClusterGroup and Move-VM
                    sim.applyReachability();
                } catch (WorldException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });

        assertRestored(m, before, r);
        sim.world().restartHost(dst);
        sim.applyReachability();
        assertRerunCompletes(m, before);
    }

    @ParameterizedTest
    @EnumSource(Move.class)
    void removeClusterGroupAndItsRestoreBothWithoutAnAnswerEndTheMoveNamedUnprotectedNotInAnError(Move m) throws Exception {
        Role before = prepare(m);
        String srcFqdn = m.source.toLowerCase(Locale.ROOT) + ".lab.test";

        EngineRun.Result r = run(m, e -> {
            if (EngineRun.is(e, "step-finished", "record-ha", m.vm)) {
                // the source accepts every command from now on but none of its answers arrives: Remove-ClusterGroup
                // may have run, and so may the restore of the role
                sim.transportRules().always(srcFqdn, WsmanAction.RECEIVE,
                        TransportFault.fail(WsmanFault.internalError("The WS-Management service cannot process the request. ")));
            }
        });

        // the engine cannot know whether the role is there: the move says the VM may be unprotected, with the fix
        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("illegal transition");
        JsonNode move = EngineRun.report(EngineRun.runDir(runs, r)).path("moves").get(0);
        assertThat(move.path("state").asText()).as(move.toString()).isEqualTo("failed-unprotected");
        assertThat(move.path("detail").asText()).contains("removing the cluster role").contains("Add-ClusterVirtualMachineRole -VMId");
        assertThat(sim.world().findVm(m.vm).orElseThrow().computerName()).isEqualToIgnoringCase(m.source);

        sim.transportRules().clear();
        assertRerunCompletes(m, before);
    }

    @Test
    void addClusterVirtualMachineRoleRefusedLeavesTheVmMovedButNamedUnprotectedAndARerunMakesItHighlyAvailable() throws Exception {
        Move m = Move.S5;
        Role before = prepare(m);
        String dstFqdn = m.destination + ".lab.test";

        EngineRun.Result r = run(m, e -> {
            if (EngineRun.is(e, "step-finished", "migrate", m.vm)) {
                // the destination's WinRM service refuses every command from now on: Add-ClusterVirtualMachineRole never runs
                sim.transportRules().always(dstFqdn, WsmanAction.COMMAND,
                        TransportFault.fail(WsmanFault.internalError("The WS-Management service cannot process the request. ")));
            }
        });

        assertThat(r.exit()).as("%s %s", r.last(), r.err()).isEqualTo(1);
        VmInfo v = sim.world().findVm(m.vm).orElseThrow();
        assertThat(v.computerName()).isEqualToIgnoringCase(m.destination);
        assertThat(v.state()).isEqualTo(VmPowerState.Running);
        Path runDir = EngineRun.runDir(runs, r);
        JsonNode move = EngineRun.report(runDir).path("moves").get(0);
        assertThat(move.path("state").asText()).isEqualTo("failed-unprotected");
        assertThat(move.path("detail").asText()).contains("Add-ClusterVirtualMachineRole");
        assertThat(EngineRun.journal(runDir)).as("the refused command was retried as the playbook says, then given up")
                .filteredOn(j -> "retry".equals(j.path("type").asText()) && "add-ha".equals(j.path("step").asText())).hasSize(1);

        sim.transportRules().clear();
        EngineRun.Result again = run(m, e -> { });

        assertThat(again.exit()).as("re-run; %s %s", again.last(), again.err()).isZero();
        assertThat(again.named("step-started")).extracting(e -> e.path("step").asText()).containsExactly("add-ha");   // add-ha's answer is the verification
        assertThat(roleOn(m.destinationCluster, m.vm).priority()).isEqualTo(before.priority());
        assertThat(sim.world().findVm(m.vm).orElseThrow().isClustered()).isTrue();

        EngineRun.Result third = run(m, e -> { });
        assertThat(third.exit()).isZero();
        assertThat(third.named("step-started")).as("in place now that the role exists").isEmpty();
    }
}
