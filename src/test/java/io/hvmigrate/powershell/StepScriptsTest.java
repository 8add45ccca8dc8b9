package io.hvmigrate.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepScriptsTest {

    @Test
    void everyScriptSharesTheEnvelopeAndPrintsOneResult() {
        List<StepScript> all = List.of(
                StepScripts.clusterMigrate("web01", "HV-A2"),
                StepScripts.moveVm("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101", "hv-s2.lab.test"),
                StepScripts.moveVmWithStorage("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101", "hv-s2.lab.test", "D:\\VMs\\x"),
                StepScripts.recordHa("web01"),
                StepScripts.removeHa("web01", "2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101"),
                StepScripts.addHa("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101", "web01", 3000, List.of("HV-A1", "HV-A2")),
                StepScripts.verifyVm("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101"),
                StepScripts.verifyClusteredVm("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101", "web01"));
        for (StepScript s : all) {
            assertThat(s.text()).startsWith(StepScripts.PRELUDE).endsWith(StepScripts.EPILOGUE);
            assertThat(s.text()).contains(s.body());
            assertThat(s.length()).isLessThan(StepScript.MAX_LENGTH);
            // never the command that deletes a VM's configuration
            assertThat(s.text()).doesNotContain("Remove-VM ");
        }
    }

    @Test
    void removesTheRoleWithItsResourcesNeverTheVm() {
        String body = StepScripts.removeHa("db01", "2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0105").body();
        assertThat(body).contains("Remove-ClusterGroup -Name 'db01' -RemoveResources -Force").doesNotContain("Remove-VM");
    }

    @Test
    void moveWithStorageUsesTheSingleDestinationParameterSet() {
        String body = StepScripts.moveVmWithStorage("id", "hv-s3.lab.test", "D:\\VMs\\dev01").body();
        assertThat(body).contains("Move-VM -VM $v -DestinationHost 'hv-s3.lab.test' -IncludeStorage -DestinationStoragePath 'D:\\VMs\\dev01'");
        assertThat(StepScripts.moveVm("id", "hv-s2.lab.test").body())
                .contains("$null=Move-VM -VM $v -DestinationHost 'hv-s2.lab.test' -IncludeStorage:$false")
                .doesNotContain("-Name").doesNotContain("-DestinationStoragePath");
    }

    /** Move-VM.md OUTPUTS: a CompatibilityReport when a migration fails on an incompatibility; nothing may join the JSON line. */
    @Test
    void movesDiscardWhatTheyWrite() {
        for (StepScript s : List.of(StepScripts.moveVm("id", "h"), StepScripts.moveVmWithStorage("id", "h", "D:\\VMs"))) {
            assertThat(s.body()).contains("$null=Move-VM ");
        }
    }

    @Test
    void addHaLeavesOutWhatIsNotAsked() {
        String plain = StepScripts.addHa("id", "vm", null, List.of()).body();
        assertThat(plain).doesNotContain("Priority=").doesNotContain("Set-ClusterOwnerNode");
        String full = StepScripts.addHa("id", "vm", 1000, List.of("HV-B1")).body();
        assertThat(full).contains("$g.Priority=1000").contains("Set-ClusterOwnerNode -Group 'vm' -Owners @('HV-B1')");
    }

    /** A role need not be named like its VM: it is found from the VM's "Virtual Machine" resource and its VmID. */
    @Test
    void recordHaFindsTheRoleFromTheVmsResourceNotByName() {
        String body = StepScripts.recordHa("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0105").body();
        assertThat(body).contains("Get-ClusterParameter -Name VmID").contains("-eq '2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0105'")
                .contains("$g=$r[0].OwnerGroup").contains("antiAffinityClassNames=").contains("failoverThreshold=")
                .doesNotContain("Get-ClusterGroup -Name");
    }

    @Test
    void addHaSetsTheRecordedAntiAffinityAndFailoverSettings() {
        String body = StepScripts.addHa("id", "SCVMM db01 Resources", 3000, List.of("HV-A1"),
                new StepScripts.GroupSettings(List.of("SQL"), 3L, 2L, 1)).body();
        assertThat(body).contains("Add-ClusterVirtualMachineRole -VMId 'id' -Name 'SCVMM db01 Resources'")
                .contains("$g.AntiAffinityClassNames=@('SQL')")
                .contains("$g.FailoverThreshold=3;$g.FailoverPeriod=2;$g.AutoFailbackType=1")
                .contains("Set-ClusterOwnerNode -Group 'SCVMM db01 Resources' -Owners @('HV-A1')");
    }

    @Test
    void refusesAScriptThatWouldNotFitTheCommandLine() {
        String longPath = "D:\\" + "x".repeat(2000);
        assertThatThrownBy(() -> StepScripts.moveVmWithStorage("id", "h", longPath)).isInstanceOf(StepScript.TooLong.class);
    }

    @Test
    void valuesCannotBreakOutOfTheirLiteral() {
        String evil = "x'; Remove-VM -Name y -Force; '";
        String body = StepScripts.clusterMigrate(evil, "HV-A2").body();
        assertThat(body).contains("-Name 'x''; Remove-VM -Name y -Force; '''");
    }

    /** The lab's whole directory read (24 accounts in three domains, a user, three domains) is one round trip. */
    @Test
    void theLabsDirectoryReadFitsOneScript() {
        List<String> lab = new java.util.ArrayList<>(List.of("HV-A1", "HV-A2", "HV-A3", "HV-B1", "HV-B2", "HV-S1", "HV-S2", "HV-S3",
                "HV-M1", "HV-M2", "HV-M3", "HV-M4", "HV-M5", "HV-M6", "HV-M7", "HV-M8", "CLA", "CLB", "SOFS1", "SOFS-N1", "SOFS-N2", "FS1"));
        List<java.util.Map<String, Object>> computers = List.of(
                java.util.Map.of("s", "lab.test", "n", lab), java.util.Map.of("s", "isolated.test", "n", List.of("HV-X1")),
                java.util.Map.of("s", "partner.test", "n", List.of("HV-P1")));
        StepScript s = StepScripts.readDirectory(computers, List.of(java.util.Map.of("s", "LAB", "n", "svc-hvmigrate")),
                List.of("lab.test", "isolated.test", "partner.test"), false);

        assertThat(s.length()).isLessThan(StepScript.MAX_LENGTH);
        assertThat(s.text()).contains("Get-ADComputer -Identity $n @p", "Get-ADTrust -Filter * @p", "Get-ADUser -Identity $n @p",
                "'s'='partner.test'", "@('HV-A1','HV-A2'");
    }
}
