package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Failover Clustering rules: in-cluster moves, owners, roles, drain and resume. */
class ClusterOperationsTest {
    private final Lab lab = new Lab();
    private final World world = lab.world;
    private final ClusterOperations cl = world.clusters();

    @Test
    void inClusterMoveNeedsNoHostMigrationSettings() throws Exception {
        world.setMigrationEnabled("HV-A1", false);
        world.setMigrationEnabled("HV-A2", false);
        UUID id = cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A2", "Live").orElseThrow();
        assertThat(lab.runToEnd(id).jobState()).isEqualTo(7);
        assertThat(cl.group("CLA", "app-a1").ownerNode()).isEqualTo("HV-A2");
    }

    @Test
    void nodeThatIsNotAPossibleOwnerIsRefusedWith0x80071398() throws Exception {
        cl.setPossibleOwners("CLA", "app-a1", List.of("HV-A1", "HV-A2"));
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A3", "Live"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_HOST_NODE_NOT_GROUP_OWNER);
        assertThat(e.exceptionType()).isEqualTo(WindowsErrors.CLUSTER_EXCEPTION);
        assertThat(e.getMessage()).contains("is not a possible owner of the group");
    }

    @Test
    void pausedNodeIsRefused() throws Exception {
        cl.suspendNode("CLA", "HV-A3", false, null);
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A3", "Live"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_CLUSTER_NODE_PAUSED);
    }

    @Test
    void nodeOfAnotherClusterIsNotFound() {
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> cl.moveVirtualMachineRole("CLA", "app-a1", "HV-B1", "Live"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND);
    }

    @Test
    void cancellingAClusterMoveKeepsTheOwner() throws Exception {
        UUID id = cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A2", "Live").orElseThrow();
        lab.clock.advance(Duration.ofSeconds(2));
        assertThat(cl.cancelVirtualMachineRoleMove("CLA", "app-a1")).isTrue();
        assertThat(lab.runToEnd(id).jobState()).isEqualTo(8);
        assertThat(cl.group("CLA", "app-a1").ownerNode()).isEqualTo("HV-A1");
        assertThat(cl.group("CLA", "app-a1").state()).isEqualTo("Online");
    }

    @Test
    void removingTheGroupKeepsTheVmRegisteredWithoutHighAvailability() throws Exception {
        ClusterGroupInfo before = cl.removeGroup("CLA", "app-a1", true);
        assertThat(before.priority()).isEqualTo(3000);
        assertThat(world.vm("HV-A1", "app-a1").isClustered()).isFalse();
        assertThat(cl.groups("CLA")).noneMatch(g -> g.name().equals("app-a1"));
        ClusterGroupInfo again = cl.addVirtualMachineRole("CLA", "app-a1", null, null);
        assertThat(again.priority()).as("the old settings are gone").isEqualTo(2000);
        assertThat(again.preferredOwners()).isEmpty();
    }

    @Test
    void removingAVmGroupNeedsRemoveResources() {
        WorldException e = catchThrowableOfType(WorldException.class, () -> cl.removeGroup("CLA", "app-a1", false));
        assertThat(e.getMessage()).contains("RemoveResources");
    }

    @Test
    void addingARoleNeedsTheFilesOnClusterStorage() throws Exception {
        assertThat(lab.moveAndWait(Lab.shareNothing("new-s3", "HV-S3", "hv-b2.lab.test", "D:\\VMs\\new-s3")))
                .isEmpty();
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> cl.addVirtualMachineRole("CLB", "new-s3", null, null));
        assertThat(e.getMessage()).contains("cluster storage");
    }

    @Test
    void drainMovesEveryRoleRespectingTheLimitAndThenPausesTheNode() throws Exception {
        cl.moveVirtualMachineRole("CLA", "web-a2", "HV-A1", "Quick");
        assertThat(cl.groups("CLA").stream().filter(g -> g.ownerNode().equals("HV-A1")).count()).isEqualTo(2);
        ClusterNodeInfo n = cl.suspendNode("CLA", "HV-A1", true, null);
        assertThat(n.state()).isEqualTo("Up");
        assertThat(n.drainStatus()).isEqualTo("InProgress");
        long running = world.migrationJobs("HV-A1").stream().filter(j -> j.jobState() == 4).count();
        assertThat(running).as("MaximumParallelMigrations 1").isEqualTo(1);
        for (int i = 0; i < 600 && !cl.node("CLA", "HV-A1").state().equals("Paused"); i++) {
            lab.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(cl.node("CLA", "HV-A1").drainStatus()).isEqualTo("Completed");
        assertThat(cl.groups("CLA")).noneMatch(g -> g.ownerNode().equals("HV-A1"));
        assertThat(cl.group("CLA", "app-a1").ownerNode()).as("preferred owner next in line").isEqualTo("HV-A2");
    }

    @Test
    void drainThatCannotPlaceARoleFailsButForceDrainPausesTheNodeAnyway() throws Exception {
        cl.setPossibleOwners("CLA", "app-a1", List.of("HV-A1"));
        cl.suspendNode("CLA", "HV-A1", true, null);
        for (int i = 0; i < 600 && cl.node("CLA", "HV-A1").drainStatus().equals("InProgress"); i++) {
            lab.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(cl.node("CLA", "HV-A1").drainStatus()).isEqualTo("Failed");
        assertThat(cl.node("CLA", "HV-A1").state()).isEqualTo("Up");

        cl.resumeNode("CLA", "HV-A1", "NoFailback");
        cl.suspendNode("CLA", "HV-A1", true, true, null);
        assertThat(cl.node("CLA", "HV-A1").state()).isEqualTo("Paused");
        ClusterGroupInfo g = cl.group("CLA", "app-a1");
        assertThat(g.state()).isEqualTo("Failed");
        assertThat(g.ownerNode()).isNotEqualTo("HV-A1");
    }

    @Test
    void resumeWithImmediateFailbackBringsTheRolesBack() throws Exception {
        cl.suspendNode("CLA", "HV-A1", true, null);
        for (int i = 0; i < 600 && !cl.node("CLA", "HV-A1").state().equals("Paused"); i++) {
            lab.clock.advance(Duration.ofSeconds(1));
        }
        cl.resumeNode("CLA", "HV-A1", "Immediate");
        assertThat(cl.node("CLA", "HV-A1").state()).isEqualTo("Up");
        for (int i = 0; i < 600 && !cl.group("CLA", "app-a1").ownerNode().equals("HV-A1"); i++) {
            lab.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(cl.group("CLA", "app-a1").ownerNode()).isEqualTo("HV-A1");
    }

    @Test
    void excludingEveryClusterNetworkLeavesLiveMigrationNoNetwork() throws Exception {
        cl.setMigrationExcludeNetworks("CLA", List.of("LiveMigration", "Management", "Storage"));
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A2", "Live"));
        assertThat(e.hresult()).isEqualTo(0x800713AB);
        cl.setMigrationExcludeNetworks("CLA", List.of("Storage"));
        assertThat(cl.moveVirtualMachineRole("CLA", "app-a1", "HV-A2", "Live")).isPresent();
    }

    @Test
    void preferredOwnersAndPriorityAreKept() throws Exception {
        cl.setPreferredOwners("CLA", "web-a2", List.of("HV-A3", "hv-a1"));
        cl.setPriority("CLA", "web-a2", 1000);
        ClusterGroupInfo g = cl.group("CLA", "web-a2");
        assertThat(g.preferredOwners()).containsExactly("HV-A3", "HV-A1");
        assertThat(g.priority()).isEqualTo(1000);
    }

    @Test
    void getClusterOnAStandaloneHostFails() {
        WorldException e = catchThrowableOfType(WorldException.class, () -> cl.clusterOfNode("HV-S1"));
        assertThat(e.getMessage()).contains("The cluster service is not running");
    }
}
