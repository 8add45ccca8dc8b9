package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host settings, networks and compatibility checks Move-VM and Compare-VM make. */
class MoveRulesTest {
    private final Lab lab = new Lab();
    private final World world = lab.world;
    private final MoveVmRequest devToS3 = Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2");

    private WorldException refused(MoveVmRequest r) {
        return catchThrowableOfType(WorldException.class, () -> world.startMove(r));
    }

    @Test
    void unknownVmIsReportedAsHyperVReportsIt() {
        WorldException e = refused(Lab.move("nope", "HV-S2", "HV-S3", StorageMove.NONE));
        assertThat(e.getMessage()).isEqualTo("Hyper-V was unable to find a virtual machine with name \"nope\".");
        assertThat(e.exceptionType()).isEqualTo("Microsoft.HyperV.PowerShell.VirtualizationException");
        assertThat(e.errorId()).isEqualTo("InvalidParameter");
    }

    @Test
    void unknownDestinationFailsAtTheSource() {
        WorldException e = refused(Lab.move("dev-s2", "HV-S2", "hv-zz.lab.test", StorageMove.NONE));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.WSAHOST_NOT_FOUND);
    }

    @Test
    void destinationWithMigrationDisabledRefusesTheConnection() throws Exception {
        world.setMigrationEnabled("HV-S3", false);
        WorldException e = refused(devToS3);
        assertThat(e.hresult()).isEqualTo(WindowsErrors.WSAECONNREFUSED);
        world.setMigrationEnabled("HV-S3", true);
        assertThat(lab.moveAndWait(devToS3)).isEmpty();
    }

    @Test
    void sourceWithMigrationDisabledRefusesToStart() throws Exception {
        world.setMigrationEnabled("HV-S2", false);
        assertThat(refused(devToS3).getMessage()).contains("failed at migration source 'HV-S2'")
                .contains("not enabled");
    }

    @Test
    void restrictedDestinationRefusesASourceOutsideItsMigrationNetworks() throws Exception {
        world.removeMigrationNetwork("HV-S3", "198.51.100.0/24");
        world.addMigrationNetwork("HV-S3", "203.0.113.0/24", 0);
        assertThat(refused(devToS3).hresult()).isEqualTo(WindowsErrors.WSAETIMEDOUT);
        world.setVmHost("HV-S3", HostSettings.NONE.withUseAnyNetwork(true));
        assertThat(lab.moveAndWait(devToS3)).isEmpty();
    }

    @Test
    void missingSwitchIsIncompatibility33012() throws Exception {
        CompatibilityReport r = world.compareVm(Lab.shareNothing("app-a1", "HV-A1", "HV-S1", "D:\\VMs\\x"));
        assertThat(r.incompatibilities()).isEmpty(); // app-a1 uses LAN only

        world.clusters().removeGroup("CLA", "db-a3", true);
        CompatibilityReport db = world.compareVm(Lab.shareNothing("db-a3", "HV-A3", "hv-s1.lab.test",
                "D:\\VMs\\db-a3"));
        assertThat(db.incompatibilities()).anySatisfy(i -> {
            assertThat(i.messageId()).isEqualTo(33012);
            assertThat(i.message()).isEqualTo("Could not find Ethernet switch 'Backend'.");
            assertThat(i.source()).isEqualTo("VMNetworkAdapter");
        });
        assertThat(db.operationType()).isEqualTo("MoveVirtualMachineAndStorage");
    }

    @Test
    void unsupportedConfigurationVersionIsRefused() throws Exception {
        world.adAddAllowedToDelegateTo("HV-M1", java.util.List.of("cifs/HV-S1"));
        world.purgeSystemTickets("HV-M1");
        WorldException e = refused(Lab.shareNothing("old-m1", "HV-M1", "HV-S1", "D:\\VMs\\old-m1"));
        assertThat(e.getMessage()).contains("configuration version 5.0");
        assertThat(e.getMessage()).contains("failed at migration destination 'HV-S1'");
    }

    @Test
    void differentProcessorFamilyNeedsCompatibilityMode() throws Exception {
        world.clusters().removeGroup("CLB", "rpt-b2", true);
        world.setVmState("HV-B2", "rpt-b2", VmPowerState.Off);
        world.setProcessorCompatibility("HV-B2", "rpt-b2", false);
        world.setVmState("HV-B2", "rpt-b2", VmPowerState.Running);
        WorldException e = refused(Lab.shareNothing("rpt-b2", "HV-B2", "hv-s2.lab.test", "D:\\VMs\\rpt-b2"));
        assertThat(e.getMessage()).contains("is using processor-specific features not supported on host 'HV-S2'");

        world.setVmState("HV-B2", "rpt-b2", VmPowerState.Off);
        world.setProcessorCompatibility("HV-B2", "rpt-b2", true);
        world.setVmState("HV-B2", "rpt-b2", VmPowerState.Running);
        assertThat(lab.moveAndWait(Lab.shareNothing("rpt-b2", "HV-B2", "hv-s2.lab.test", "D:\\VMs\\rpt-b2")))
                .isEmpty();
    }

    @Test
    void processorCompatibilityCanOnlyChangeWhileTheVmIsOff() {
        WorldException e = catchThrowableOfType(WorldException.class,
                () -> world.setProcessorCompatibility("HV-S2", "dev-s2", true));
        assertThat(e.getMessage()).contains("current state");
    }

    @Test
    void differentProcessorVendorIsRefusedEvenWithCompatibilityMode() throws Exception {
        String amd = java.nio.file.Files.readString(Lab.LAB_FILE).replace(
                "    switches: [LAN]\n    processor: { vendor: GenuineIntel, family: IceLake }\n    memoryTotalGB: 256\n"
                + "    memoryFreeGB: 160\n    volumes: [{ path: 'D:\\', sizeGB: 2000, freeGB: 1200 }]\n    account:   # S4",
                "    switches: [LAN]\n    processor: { vendor: AuthenticAMD, family: Genoa }\n    memoryTotalGB: 256\n"
                + "    memoryFreeGB: 160\n    volumes: [{ path: 'D:\\', sizeGB: 2000, freeGB: 1200 }]\n    account:   # S4");
        assertThat(amd).contains("AuthenticAMD");
        Lab amdLab = new Lab(new io.hvmigrate.sim.world.fleet.FleetLoader().parse("amd.yaml", amd));
        WorldException e = catchThrowableOfType(WorldException.class, () -> amdLab.world.startMove(
                Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2")));
        assertThat(e.getMessage()).contains("The hardware on the destination computer is not compatible");
    }

    @Test
    void destinationWithoutEnoughMemoryIsRefused() throws Exception {
        for (int i = 0; i < 40; i++) {
            if (world.vmHost("HV-S3").memoryFreeMB() < 4096) {
                break;
            }
            reserveMemory("HV-S3", 4096);
        }
        WorldException e = refused(devToS3);
        assertThat(e.hresult()).isEqualTo(WindowsErrors.E_OUTOFMEMORY);
        assertThat(e.getMessage()).contains("could not initialize memory: Ran out of memory (0x8007000E)");

        reserveMemory("HV-S3", -8192);
        assertThat(lab.moveAndWait(devToS3)).isEmpty();
    }

    private void reserveMemory(String host, long mb) {
        synchronized (world) {
            world.findHost(host).orElseThrow().memoryFreeMB -= mb;
        }
    }

    @Test
    void destinationWithoutDiskSpaceIsRefused() throws Exception {
        synchronized (world) {
            world.findHost("HV-S3").orElseThrow().volumes.get("D:\\")[1] = 10 * 1024;
        }
        WorldException e = refused(devToS3);
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_DISK_FULL);

        synchronized (world) {
            world.findHost("HV-S3").orElseThrow().volumes.get("D:\\")[1] = 100 * 1024;
        }
        assertThat(lab.moveAndWait(devToS3)).isEmpty();
        assertThat(world.vmHost("HV-S3").name()).isEqualTo("HV-S3");
        synchronized (world) {
            assertThat(world.findHost("HV-S3").orElseThrow().volumes.get("D:\\")[1]).as("the disk took its space")
                    .isEqualTo(60 * 1024);
        }
    }

    @Test
    void isoOnAPathTheDestinationCannotReachIsRefused() {
        WorldException e = refused(Lab.shareNothing("iso-s1", "HV-S1", "hv-s2.lab.test", "D:\\VMs\\iso-s1"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_VIRTDISK_PROVIDER_NOT_FOUND);
        assertThat(e.getMessage()).contains("(0xC03A0014)");
    }

    @Test
    void localStorageWithoutIncludeStorageCannotBeFoundOnTheDestination() {
        WorldException e = refused(Lab.move("dev-s2", "HV-S2", "hv-s3.lab.test", StorageMove.NONE));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.ERROR_PATH_NOT_FOUND);
    }

    @Test
    void perItemMoveRelocatesConfigurationAndListedDisks() throws Exception {
        StorageMove perItem = new StorageMove.PerItem("D:\\Hyper-V\\dev-s2", null, null, Map.of(
                "D:\\VMs\\dev-s2\\Virtual Hard Disks\\dev-s2.vhdx", "D:\\Disks\\dev-s2.vhdx"));
        assertThat(lab.moveAndWait(Lab.move("dev-s2", "HV-S2", "hv-s3.lab.test", perItem))).isEmpty();
        VmInfo vm = world.vm("HV-S3", "dev-s2");
        assertThat(vm.path()).isEqualTo("D:\\Hyper-V\\dev-s2");
        assertThat(vm.disks()).extracting(VmInfo.DiskInfo::path).containsExactly("D:\\Disks\\dev-s2.vhdx");
    }

    @Test
    void perItemMoveInsistsOnTheSameDiskFileName() {
        StorageMove perItem = new StorageMove.PerItem("D:\\Hyper-V\\dev-s2", null, null, Map.of(
                "D:\\VMs\\dev-s2\\Virtual Hard Disks\\dev-s2.vhdx", "D:\\Disks\\other.vhdx"));
        WorldException e = refused(Lab.move("dev-s2", "HV-S2", "hv-s3.lab.test", perItem));
        assertThat(e.getMessage()).contains("must be identical");
    }

    @Test
    void clusteredVmCannotBeMovedWithMoveVm() {
        WorldException e = refused(Lab.shareNothing("db-a3", "HV-A3", "hv-b1.lab.test", "C:\\ClusterStorage\\Volume1"));
        assertThat(e.getMessage()).contains("clustered role");
    }

    @Test
    void shareWithoutFullControlForTheDestinationIsRefused() {
        // FS1's share grants HV-S1 and HV-S2 only
        WorldException e = refused(Lab.move("file-s1", "HV-S1", "hv-s3.lab.test", StorageMove.NONE));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.E_ACCESSDENIED);
        assertThat(e.getMessage()).contains("General access denied error (0x80070005)");
    }
}
