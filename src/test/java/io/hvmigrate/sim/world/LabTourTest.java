package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One move of each of the seven scenarios, on the lab fleet as configured: all succeed. */
class LabTourTest {
    private final Lab lab = new Lab();
    private final World world = lab.world;

    @Test
    void scenario1InClusterCsvMoveChangesOwnerNode() throws Exception {
        Optional<UUID> job = world.clusters().moveVirtualMachineRole("CLA", "app-a1", "HV-A2", "Live");
        assertThat(job).isPresent();
        lab.runToEnd(job.get());
        assertThat(world.clusters().group("CLA", "app-a1").ownerNode()).isEqualTo("HV-A2");
        assertThat(world.vm("HV-A2", "app-a1").state()).isEqualTo(VmPowerState.Running);
    }

    @Test
    void scenario2InClusterSmbMoveKeepsTheSharePath() throws Exception {
        UUID job = world.clusters().moveVirtualMachineRole("CLA", "web-a2", "HV-A3", "Live").orElseThrow();
        assertThat(lab.runToEnd(job).jobState()).isEqualTo(7);
        assertThat(world.vm("HV-A3", "web-a2").path()).isEqualTo("\\\\SOFS1\\vms\\web-a2");
    }

    @Test
    void scenario3StandaloneSmbMoveMovesOnlyMemory() throws Exception {
        assertThat(lab.moveAndWait(Lab.move("file-s1", "HV-S1", "hv-s2.lab.test", StorageMove.NONE))).isEmpty();
        VmInfo vm = world.vm("HV-S2", "file-s1");
        assertThat(vm.path()).isEqualTo("\\\\FS1\\vmstore\\file-s1");
        assertThat(world.vms("HV-S1")).noneMatch(v -> v.name().equals("file-s1"));
    }

    @Test
    void scenario4SharedNothingMoveRelocatesEveryFile() throws Exception {
        assertThat(lab.moveAndWait(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2")))
                .isEmpty();
        VmInfo vm = world.vm("HV-S3", "dev-s2");
        assertThat(vm.path()).isEqualTo("D:\\VMs\\dev-s2");
        assertThat(vm.disks()).allMatch(d -> d.path().startsWith("D:\\VMs\\dev-s2\\Virtual Hard Disks\\"));
        assertThat(vm.state()).isEqualTo(VmPowerState.Running);
    }

    @Test
    void scenario5ClusterToClusterRemovesMovesAndReaddsHighAvailability() throws Exception {
        world.clusters().removeGroup("CLA", "db-a3", true);
        assertThat(world.vm("HV-A3", "db-a3").isClustered()).isFalse();
        assertThat(lab.moveAndWait(Lab.shareNothing("db-a3", "HV-A3", "hv-b1.lab.test",
                "C:\\ClusterStorage\\Volume1\\db-a3"))).isEmpty();
        ClusterGroupInfo g = world.clusters().addVirtualMachineRole("CLB", "db-a3", null, null);
        assertThat(g.ownerNode()).isEqualTo("HV-B1");
        assertThat(g.state()).isEqualTo("Online");
        assertThat(world.vm("HV-B1", "db-a3").isClustered()).isTrue();
    }

    @Test
    void scenario6ClusterToStandaloneEndsNonClustered() throws Exception {
        world.clusters().removeGroup("CLB", "rpt-b2", true);
        assertThat(lab.moveAndWait(Lab.shareNothing("rpt-b2", "HV-B2", "hv-s2.lab.test", "D:\\VMs\\rpt-b2")))
                .isEmpty();
        VmInfo vm = world.vm("HV-S2", "rpt-b2");
        assertThat(vm.isClustered()).isFalse();
        assertThat(vm.path()).isEqualTo("D:\\VMs\\rpt-b2");
    }

    @Test
    void scenario7StandaloneToClusterAddsHighAvailabilityAfterTheMove() throws Exception {
        assertThat(lab.moveAndWait(Lab.shareNothing("new-s3", "HV-S3", "hv-b2.lab.test",
                "C:\\ClusterStorage\\Volume1\\new-s3"))).isEmpty();
        ClusterGroupInfo g = world.clusters().addVirtualMachineRole("CLB", "new-s3", null, null);
        assertThat(g.priority()).isEqualTo(2000);
        assertThat(world.vm("HV-B2", "new-s3").isClustered()).isTrue();
    }
}
