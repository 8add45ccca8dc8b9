package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.world.fleet.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Duration, progress, queueing, cancellation and injected failures of migrations, on simulated time. */
class MigrationTimingTest {
    private final Lab lab = new Lab();
    private final World world = lab.world;

    private MigrationJobInfo job(String host, UUID id) throws WorldException {
        return world.migrationJobs(host).stream().filter(j -> j.instanceId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fourGigabytesOverOneGigabitTakeAboutFortySeconds() throws Exception {
        synchronized (world) {
            for (String h : List.of("HV-S1", "HV-S2")) {
                world.findHost(h).orElseThrow().linkGbps = 1;
                world.findHost(h).orElseThrow().performance = MigrationPerformance.TCPIP;
            }
        }
        UUID id = world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE)); // 4096 MB, 20 MB/s dirty
        MigrationJobInfo end = lab.runToEnd(id);
        assertThat(end.jobState()).isEqualTo(7);
        assertThat(end.elapsed()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(50));
    }

    @Test
    void progressIsReportedThroughTheMigrationJobOnTheSource() throws Exception {
        UUID id = world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        MigrationJobInfo started = job("HV-S2", id);
        assertThat(started.jobState()).isEqualTo(4);
        assertThat(started.jobType()).isEqualTo(306);
        assertThat(started.vmId()).isEqualTo(world.vm("HV-S2", "dev-s2").id());
        lab.clock.advance(Duration.ofSeconds(20));
        int mid = job("HV-S2", id).percentComplete();
        assertThat(mid).isBetween(1, 99);
        assertThat(world.vm("HV-S2", "dev-s2").migrationPercent()).isEqualTo(mid);
        MigrationJobInfo end = lab.runToEnd(id);
        assertThat(end.percentComplete()).isEqualTo(100);
        assertThat(world.migrationJobs("HV-S3")).isEmpty();
    }

    @Test
    void finishedJobsAreListedUntilTimeBeforeRemovalPasses() throws Exception {
        UUID id = world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE));
        lab.runToEnd(id);
        lab.clock.advance(Duration.ofMinutes(4));
        assertThat(world.migrationJobs("HV-S1")).hasSize(1);
        lab.clock.advance(Duration.ofMinutes(2));
        assertThat(world.migrationJobs("HV-S1")).isEmpty();
    }

    @Test
    void migrationsBeyondTheHostLimitWaitInTheQueue() throws Exception {
        world.setVmHost("HV-S1", HostSettings.NONE.withMaximumVirtualMachineMigrations(1));
        UUID first = world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE));
        UUID second = world.startMove(Lab.shareNothing("x1-vm", "HV-S1", "HV-S3", "D:\\VMs\\x1-vm"));
        assertThat(job("HV-S1", first).jobState()).isEqualTo(4);
        assertThat(job("HV-S1", second).jobState()).as("queued").isEqualTo(2);
        lab.runToEnd(first);
        assertThat(job("HV-S1", second).jobState()).isEqualTo(4);
        assertThat(lab.runToEnd(second).jobState()).isEqualTo(7);
    }

    @Test
    void storageMigrationsBeyondMaximumStorageMigrationsWaitInTheQueue() throws Exception {
        synchronized (world) {
            world.findHost("HV-S1").orElseThrow().maxStorageMigrations = 1;
        }
        UUID first = world.startMove(Lab.shareNothing("file-s1", "HV-S1", "HV-S3", "D:\\VMs\\file-s1"));
        UUID second = world.startMove(Lab.shareNothing("x1-vm", "HV-S1", "HV-S3", "D:\\VMs\\x1-vm"));
        assertThat(job("HV-S1", first).jobState()).isEqualTo(4);
        assertThat(job("HV-S1", second).jobState()).isEqualTo(2);
    }

    @Test
    void raisingTheLimitStartsQueuedMigrations() throws Exception {
        world.setVmHost("HV-S1", HostSettings.NONE.withMaximumVirtualMachineMigrations(1));
        world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE));
        UUID second = world.startMove(Lab.shareNothing("x1-vm", "HV-S1", "HV-S3", "D:\\VMs\\x1-vm"));
        world.setVmHost("HV-S1", HostSettings.NONE.withMaximumVirtualMachineMigrations(2));
        assertThat(job("HV-S1", second).jobState()).isEqualTo(4);
    }

    @Test
    void clusterMaximumParallelMigrationsQueuesInClusterMoves() throws Exception {
        UUID first = world.clusters().moveVirtualMachineRole("CLA", "app-a1", "HV-A3", "Live").orElseThrow();
        UUID second = world.clusters().moveVirtualMachineRole("CLA", "web-a2", "HV-A3", "Live").orElseThrow();
        assertThat(job("HV-A1", first).jobState()).isEqualTo(4);
        assertThat(job("HV-A2", second).jobState()).as("HV-A3 takes one at a time").isEqualTo(2);
        lab.runToEnd(first);
        assertThat(lab.runToEnd(second).jobState()).isEqualTo(7);
        world.clusters().setMaximumParallelMigrations("CLA", 2);
        UUID back1 = world.clusters().moveVirtualMachineRole("CLA", "app-a1", "HV-A1", "Live").orElseThrow();
        UUID back2 = world.clusters().moveVirtualMachineRole("CLA", "web-a2", "HV-A2", "Live").orElseThrow();
        assertThat(job("HV-A3", back1).jobState()).isEqualTo(4);
        assertThat(job("HV-A3", back2).jobState()).isEqualTo(4);
    }

    @Test
    void terminatingTheJobLeavesTheVmRunningOnTheSource() throws Exception {
        UUID id = world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        lab.clock.advance(Duration.ofSeconds(10));
        assertThat(world.requestJobStateChange("HV-S2", id, 4)).isZero();
        MigrationJobInfo j = job("HV-S2", id);
        assertThat(j.jobState()).isEqualTo(8);
        assertThat(world.vm("HV-S2", "dev-s2").state()).isEqualTo(VmPowerState.Running);
        assertThat(world.vm("HV-S2", "dev-s2").path()).isEqualTo("D:\\VMs\\dev-s2");
        assertThat(world.migrationFailure(id)).get().extracting(WorldException::hresult)
                .isEqualTo(WindowsErrors.ERROR_CANCELLED);
        assertThat(world.requestJobStateChange("HV-S2", id, 4)).as("already ended").isEqualTo(4097);
    }

    @Test
    void injectedFailureEndsTheJobInExceptionAtItsPercentage() throws Exception {
        world.injectMigrationFailure(new FaultSpec.MigrationFailure("dev-s2", 40, "0x80072746", null, true));
        UUID id = world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        MigrationJobInfo end = lab.runToEnd(id);
        assertThat(end.jobState()).isEqualTo(10);
        assertThat(end.percentComplete()).isEqualTo(40);
        assertThat(end.errorCode()).isEqualTo(WindowsErrors.WSAECONNRESET);
        assertThat(world.vm("HV-S2", "dev-s2").state()).isEqualTo(VmPowerState.Running);
        assertThat(lab.moveAndWait(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2")))
                .as("the fault fires once").isEmpty();
    }

    @Test
    void faultsDeclaredInTheFleetFileApply() throws Exception {
        String yaml = java.nio.file.Files.readString(Lab.LAB_FILE).replace("faults: []",
                "faults:\n  - { kind: migrationFailure, vm: dev-s2, atPercent: 10 }\n"
                + "  - { kind: hostCrash, host: HV-M5, afterSeconds: 60 }\n");
        Lab faulty = new Lab(new io.hvmigrate.sim.world.fleet.FleetLoader().parse("faulty.yaml", yaml));
        UUID id = faulty.world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        assertThat(faulty.runToEnd(id).jobState()).isEqualTo(10);
        faulty.clock.advance(Duration.ofSeconds(60));
        assertThat(faulty.world.vmHost("HV-M5").running()).isFalse();
    }

    @Test
    void transportFaultsAreFleetDataChangeableAtRunTime() throws Exception {
        String yaml = java.nio.file.Files.readString(Lab.LAB_FILE).replace("winrm: { address: 127.0.1.45 }",
                "winrm: { address: 127.0.1.45, fault: { mode: slow, delayMs: 250 } }");
        World w = new Lab(new io.hvmigrate.sim.world.fleet.FleetLoader().parse("t.yaml", yaml)).world;
        assertThat(w.vmHost("HV-M5").transportFault().mode())
                .isEqualTo(io.hvmigrate.sim.world.fleet.HostSpec.TransportFaultMode.slow);
        assertThat(w.vmHost("HV-M5").transportFault().delayMs()).isEqualTo(250);
        w.setTransportFault("HV-M5", new io.hvmigrate.sim.world.fleet.HostSpec.TransportFault(
                io.hvmigrate.sim.world.fleet.HostSpec.TransportFaultMode.http500, null));
        assertThat(w.vmHost("HV-M5").transportFault().mode())
                .isEqualTo(io.hvmigrate.sim.world.fleet.HostSpec.TransportFaultMode.http500);
    }

    @Test
    void awaitingAMigrationReturnsWhenTheClockRunsItToTheEnd() throws Exception {
        try (ScaledClock fast = new ScaledClock(java.time.Instant.parse("2026-01-05T08:00:00Z"), 2000,
                Duration.ofMillis(2))) {
            World w = new World(Lab.lab(), fast);
            UUID id = w.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
            MigrationJobInfo j = w.awaitMigration(id, Duration.ofSeconds(20));
            assertThat(j.ended()).isTrue();
            assertThat(w.vm("HV-S3", "dev-s2").name()).isEqualTo("dev-s2");
        }
    }

    @Test
    void crashOfTheDestinationRollsTheMigrationBackOnTheSource() throws Exception {
        UUID id = world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        lab.clock.advance(Duration.ofSeconds(5));
        world.crashHost("HV-S3");
        MigrationJobInfo j = job("HV-S2", id);
        assertThat(j.jobState()).isEqualTo(10);
        assertThat(j.errorCode()).isEqualTo(WindowsErrors.WSAECONNRESET);
        assertThat(world.vm("HV-S2", "dev-s2").state()).isEqualTo(VmPowerState.Running);
    }

    @Test
    void crashedNodesClusteredVmsRestartOnAnotherNode() throws Exception {
        world.crashHost("HV-A1");
        VmInfo vm = world.findVm("app-a1").orElseThrow();
        assertThat(vm.computerName()).isEqualTo("HV-A2"); // its next preferred owner
        assertThat(vm.state()).isEqualTo(VmPowerState.Running);
        assertThat(world.clusters().group("CLA", "app-a1").ownerNode()).isEqualTo("HV-A2");
        assertThat(world.clusters().node("CLA", "HV-A1").state()).isEqualTo("Down");
    }

    @Test
    void crashedStandaloneHostsVmsAreOffUntilItReturns() throws Exception {
        world.crashHost("HV-S2");
        assertThat(world.findVm("dev-s2").orElseThrow().state()).isEqualTo(VmPowerState.Off);
        world.restartHost("HV-S2");
        assertThat(world.findVm("dev-s2").orElseThrow().state()).isEqualTo(VmPowerState.Running);
    }

    @Test
    void movesToACrashedHostTimeOut() throws Exception {
        world.crashHost("HV-S3");
        WorldException e = org.assertj.core.api.Assertions.catchThrowableOfType(WorldException.class,
                () -> world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2")));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.WSAETIMEDOUT);
        assertThat(List.of(e.getMessage())).allMatch(m -> m.contains("(0x8007274C)"));
    }

    @Test
    void migrationDurationIsWhatTheMigrationThenTakes() throws Exception {
        Duration shared = world.migrationDuration("file-s1", "HV-S2", false);
        Duration withStorage = world.migrationDuration("dev-s2", "hv-s3.lab.test", true);
        assertThat(withStorage).isGreaterThan(world.migrationDuration("dev-s2", "HV-S3", false));
        MigrationJobInfo a = lab.runToEnd(world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE)));
        MigrationJobInfo b = lab.runToEnd(world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2")));
        assertThat(Duration.between(a.startTime(), a.endTime())).isEqualTo(shared);
        assertThat(Duration.between(b.startTime(), b.endTime())).isEqualTo(withStorage);
    }

    @Test
    void migrationLimitIsTheClusterValueOnNodesAndTheHostValueElsewhere() throws Exception {
        world.setVmHost("HV-S1", HostSettings.NONE.withMaximumVirtualMachineMigrations(3));
        world.setVmHost("HV-B1", HostSettings.NONE.withMaximumVirtualMachineMigrations(5));
        assertThat(world.migrationLimit("HV-S1")).isEqualTo(3);
        assertThat(world.migrationLimit("hv-b1.lab.test")).isEqualTo(2);   // CLB's MaximumParallelMigrations
    }

    @Test
    void migrationHistoryKeepsJobsPastTimeBeforeRemoval() throws Exception {
        UUID id = world.startMove(Lab.move("file-s1", "HV-S1", "HV-S2", StorageMove.NONE));
        lab.runToEnd(id);
        lab.clock.advance(MigrationJobInfo.TIME_BEFORE_REMOVAL.plusMinutes(1));
        assertThat(world.migrationJobs("HV-S1")).isEmpty();
        assertThat(world.migrationHistory()).singleElement()
                .satisfies(j -> assertThat(j.instanceId()).isEqualTo(id))
                .satisfies(j -> assertThat(j.jobState()).isEqualTo(7));
    }
}
