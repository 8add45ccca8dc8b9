package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.ParameterInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command table and the parameter declarations as the help pages give them. */
class WorldCommandsTest {
    private final Map<String, CmdletInfo> all = WorldCommands.all();

    private ParameterInfo param(String command, String name) {
        return all.get(command.toLowerCase()).parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyRequiredCommandIsRegistered() {
        assertThat(all.keySet()).containsAll(List.of("get-vmhost", "set-vmhost", "enable-vmmigration",
                "disable-vmmigration", "get-vmmigrationnetwork", "add-vmmigrationnetwork", "set-vmmigrationnetwork",
                "remove-vmmigrationnetwork", "get-vm", "compare-vm", "move-vm", "get-vmhostsupportedversion",
                "get-cluster", "get-clusternode", "get-clustergroup", "move-clustervirtualmachinerole",
                "remove-clustergroup", "add-clustervirtualmachinerole", "get-clusterownernode",
                "set-clusterownernode", "suspend-clusternode", "resume-clusternode", "get-adcomputer",
                "set-adcomputer", "set-adobject", "set-adaccountcontrol", "get-ciminstance", "invoke-cimmethod", "test-path", "klist",
                "get-addomain", "get-adforest", "get-adtrust", "get-aduser"));
    }

    @Test
    void moveVmHasTheNineParameterSetsOfItsHelpPage() {
        Set<String> sets = new HashSet<>();
        all.get("move-vm").parameters().forEach(p -> sets.addAll(p.sets().keySet()));
        sets.remove(ParameterInfo.ALL_SETS);
        assertThat(sets).containsExactlyInAnyOrder("NameSingleDestination", "NameSingleDestinationAndCimSession",
                "NameMultipleDestinations", "NameMultipleDestinationsAndCimSession", "VMSingleDestination",
                "VMSingleDestinationAndCimSession", "VMMultipleDestinations", "VMMultipleDestinationsAndCimSession",
                "CompatibilityReport");
        assertThat(all.get("move-vm").defaultParameterSet()).isEqualTo("NameSingleDestination");
    }

    @Test
    void includeStorageBelongsOnlyToTheSingleDestinationSets() {
        assertThat(param("Move-VM", "IncludeStorage").sets().keySet()).allMatch(s -> s.contains("SingleDestination"));
        assertThat(param("Move-VM", "DestinationStoragePath").sets().keySet())
                .allMatch(s -> s.contains("SingleDestination"));
        assertThat(param("Move-VM", "Vhds").sets().keySet()).allMatch(s -> s.contains("MultipleDestinations"));
    }

    @Test
    void virtualMachinePathIsMandatoryOnlyWithCimSessions() {
        Map<String, ParameterInfo.Binding> sets = param("Move-VM", "VirtualMachinePath").sets();
        assertThat(sets.get("NameMultipleDestinationsAndCimSession").mandatory()).isTrue();
        assertThat(sets.get("VMMultipleDestinationsAndCimSession").mandatory()).isTrue();
        assertThat(sets.get("NameMultipleDestinations").mandatory()).isFalse();
    }

    @Test
    void snapshotFilePathAnswersToItsAliases() {
        assertThat(param("Move-VM", "SnapshotFilePath").aliases())
                .containsExactlyInAnyOrder("CheckpointFileLocation", "SnapshotFileLocation");
    }

    @Test
    void moveVmTakesTheVmAndTheNameFromThePipeline() {
        assertThat(param("Move-VM", "VM").sets().get("VMSingleDestination").valueFromPipeline()).isTrue();
        assertThat(param("Move-VM", "Name").sets().get("NameSingleDestination").position()).isZero();
        assertThat(param("Move-VM", "DestinationHost").sets().get("NameSingleDestination").position()).isEqualTo(1);
    }

    @Test
    void setVmHostTakesTheWindowsEnums() {
        assertThat(param("Set-VMHost", "VirtualMachineMigrationAuthenticationType").type().fullName())
                .isEqualTo("Microsoft.HyperV.PowerShell.MigrationAuthenticationType");
        assertThat(Types.MIGRATION_AUTH.members()).containsEntry("CredSSP", 0L).containsEntry("Kerberos", 1L);
        assertThat(Types.MIGRATION_PERFORMANCE.members()).containsEntry("TCPIP", 0L).containsEntry("Compression", 1L)
                .containsEntry("SMB", 2L);
        assertThat(param("Set-VMHost", "MaximumVirtualMachineMigrations").type().fullName()).isEqualTo("System.UInt32");
    }

    @Test
    void everyDefaultParameterSetIsDeclared() {
        for (CmdletInfo i : all.values()) {
            if (i.defaultParameterSet() == null) {
                continue;
            }
            assertThat(i.parameters().stream().anyMatch(p -> p.sets().containsKey(i.defaultParameterSet())))
                    .as(i.name()).isTrue();
        }
    }
}
