package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.ScaledClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failover Clustering and ActiveDirectory cmdlets on the lab fleet. */
class ClusterAndDirectoryCmdletsTest {
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-01-05T08:00:00Z"), 5000,
            Duration.ofMillis(2));
    private final World world;

    ClusterAndDirectoryCmdletsTest() throws Exception {
        world = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")), clock);
    }

    @AfterEach
    void stopClock() {
        clock.close();
    }

    private HostSession on(String host) {
        return new HostSession(world, host, Caller.network("LAB\\svc-hvmigrate"));
    }

    /** At the host's console: the ActiveDirectory cmdlets reach the DC with no second hop (see SecondHopTest). */
    private HostSession console(String host) {
        return new HostSession(world, host, Caller.interactive("LAB\\svc-hvmigrate"));
    }

    private static PsObject first(CommandRun r) {
        return (PsObject) r.output.get(0);
    }

    @Test
    void getClusterReportsMaximumParallelMigrations() throws Exception {
        PsObject c = first(new CommandRun("Get-Cluster", on("HV-B1")).run());
        assertThat(c.get("Name")).contains("CLB");
        assertThat(c.get("MaximumParallelMigrations")).contains(new PsNumber.Unsigned(PsType.UINT32, 2));
    }

    @Test
    void clusterGroupHasOwnerNodeObjectStateAndGroupType() throws Exception {
        PsObject g = first(new CommandRun("Get-ClusterGroup", on("HV-A1")).with("Name", List.of("app-a1")).run());
        assertThat(((PsObject) g.get("OwnerNode").orElseThrow()).get("Name")).contains("HV-A1");
        assertThat(((PsEnum.Value) g.get("State").orElseThrow()).name()).isEqualTo("Online");
        assertThat(((PsEnum.Value) g.get("GroupType").orElseThrow()).name()).isEqualTo("VirtualMachine");
        assertThat(g.get("Priority")).contains(new PsNumber.Unsigned(PsType.UINT32, 3000));
    }

    /** (Get-ClusterGroup X).Priority = n is how Windows sets a role's priority: the object writes through. */
    @Test
    void assigningAClusterGroupsPriorityChangesTheRoleOnTheCluster() throws Exception {
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        PsRun r = PsRun.run(RunspaceConfig.of(b.build(), on("HV-A1"), "HV-A1"),
                "$g = Get-ClusterGroup -Name 'web-a2'; $g.Priority = '1000'; $g.Priority; (Get-ClusterGroup -Name 'web-a2').Priority");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("1000", "1000");
        assertThat(world.clusters().group("CLA", "web-a2").priority()).isEqualTo(1000);

        PsRun bad = PsRun.run(RunspaceConfig.of(b.build(), on("HV-A1"), "HV-A1"),
                "$g = Get-ClusterGroup -Name 'web-a2'; $g.Priority = 'high'");
        assertThat(bad.errorMessages()).singleElement().asString().startsWith("Exception setting \"Priority\": \"Cannot convert");
        assertThat(world.clusters().group("CLA", "web-a2").priority()).isEqualTo(1000);
    }

    /**
     * Get-ClusterResource.md, Get-ClusterParameter.md (docset/winserver2022-ps/FailoverClusters/): a VM role's
     * "Virtual Machine <vm>" resource carries the VM's Id as its private property VmID and the role as OwnerGroup,
     * whatever the role is called.
     */
    @Test
    void theVmResourceNamesItsRoleAndItsVmId() throws Exception {
        world.clusters().removeGroup("CLA", "web-a2", true);
        world.clusters().addVirtualMachineRole("CLA", null, world.vm("HV-A2", "web-a2").id(), "Web front end");
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        PsRun r = PsRun.run(RunspaceConfig.of(b.build(), on("HV-A1"), "HV-A1"),
                "Get-ClusterResource|?{[string]$_.ResourceType -eq 'Virtual Machine'}|%{[string]($_|Get-ClusterParameter -Name VmID).Value+'|'+$_.OwnerGroup.Name+'|'+$_.Name}");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).contains(world.vm("HV-A2", "web-a2").id() + "|Web front end|Virtual Machine web-a2");
    }

    /**
     * A resource object read before its role was made again under another name still names its VM's Id: it is found
     * among the cluster's resources when the role it names as OwnerGroup no longer holds it (Get-ClusterParameter.md).
     */
    @Test
    void aResourceWhoseRoleWasMadeAgainStillNamesItsVmId() throws Exception {
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        PsRun r = PsRun.run(RunspaceConfig.of(b.build(), on("HV-A1"), "HV-A1"),
                "$r=Get-ClusterResource -Name 'Virtual Machine web-a2';Remove-ClusterGroup -Name 'web-a2' -RemoveResources -Force;"
                        + "Add-ClusterVirtualMachineRole -VMName web-a2 -Name 'Web front end'|Out-Null;"
                        + "[string]($r|Get-ClusterParameter -Name VmID).Value;$r.OwnerGroup.Name");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly(world.vm("HV-A2", "web-a2").id().toString(), "web-a2");
    }

    /** Get-Cluster.md: common properties are set on the object; AntiAffinityClassNames takes an array. */
    @Test
    void assigningAGroupsAntiAffinityAndFailoverSettingsCommitsThem() throws Exception {
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        PsRun r = PsRun.run(RunspaceConfig.of(b.build(), on("HV-A1"), "HV-A1"),
                "$g=Get-ClusterGroup -Name 'web-a2';$g.AntiAffinityClassNames=@('SQL','Web');$g.FailoverThreshold=3;$g.FailoverPeriod=2;$g.AutoFailbackType=1;"
                        + "$h=Get-ClusterGroup -Name 'web-a2';@($h.AntiAffinityClassNames)-join ',';$h.FailoverThreshold;$h.FailoverPeriod;$h.AutoFailbackType");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("SQL,Web", "3", "2", "1");
    }

    @Test
    void aNodeFromThePipelineListsTheRolesItOwns() throws Exception {
        PsObject node = first(new CommandRun("Get-ClusterNode", on("HV-A1")).with("Name", List.of("HV-A2")).run());
        CommandRun r = new CommandRun("Get-ClusterGroup", on("HV-A1")).with("InputObject", node).run();
        assertThat(r.output).extracting(o -> ((PsObject) o).get("Name").orElseThrow()).containsExactly("web-a2");
    }

    @Test
    void getVmTakesAClusterGroupFromThePipeline() throws Exception {
        PsObject g = first(new CommandRun("Get-ClusterGroup", on("HV-A1")).with("Name", List.of("web-a2")).run());
        PsObject vm = first(new CommandRun("Get-VM", on("HV-A1"), "ClusterObject").with("ClusterObject", g).run());
        assertThat(vm.get("Name")).contains("web-a2");
        assertThat(vm.get("ComputerName")).contains("HV-A2");
        assertThat(vm.get("IsClustered")).contains(true);
    }

    @Test
    void moveClusterVirtualMachineRoleCancelKeepsTheOwner() throws Exception {
        World still = World.fromFile(Path.of("config/fleets/lab.yaml"), new io.hvmigrate.sim.world.ManualClock());
        HostSession a1 = still.session("HV-A1", Caller.network("LAB\\svc-hvmigrate"));
        new CommandRun("Move-ClusterVirtualMachineRole", a1).with("Name", "app-a1").with("Node", "HV-A2")
                .with("Wait", 0).run();
        PsObject g = first(new CommandRun("Move-ClusterVirtualMachineRole", a1).with("Name", "app-a1")
                .with("Cancel").run());
        assertThat(((PsObject) g.get("OwnerNode").orElseThrow()).get("Name")).contains("HV-A1");
        assertThat(((PsEnum.Value) g.get("State").orElseThrow()).name()).isEqualTo("Online");
        assertThat(still.migrationJobs("HV-A1")).singleElement().extracting(j -> j.jobState()).isEqualTo(8);
    }

    @Test
    void moveClusterVirtualMachineRoleWaitsByDefault() throws Exception {
        PsObject g = first(new CommandRun("Move-ClusterVirtualMachineRole", on("HV-A1")).with("Name", "app-a1")
                .with("Node", "HV-A2").with("MigrationType", Types.CLUSTER_VM_MIGRATION_TYPE.of("Live")).run());
        assertThat(((PsObject) g.get("OwnerNode").orElseThrow()).get("Name")).contains("HV-A2");
    }

    @Test
    void moveClusterVirtualMachineRoleWithWaitZeroReturnsAtOnce() throws Exception {
        World still = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")),
                new io.hvmigrate.sim.world.ManualClock());
        HostSession a1 = new HostSession(still, "HV-A1", Caller.network("LAB\\svc-hvmigrate"));
        PsObject g = first(new CommandRun("Move-ClusterVirtualMachineRole", a1).with("Name", "app-a1")
                .with("Node", "HV-A2").with("Wait", 0).run());
        assertThat(((PsObject) g.get("OwnerNode").orElseThrow()).get("Name")).contains("HV-A1");
        assertThat(((PsEnum.Value) g.get("State").orElseThrow()).name()).isEqualTo("Pending");
    }

    @Test
    void notAPossibleOwnerIsAClusterError() throws Exception {
        new CommandRun("Set-ClusterOwnerNode", on("HV-A1")).with("Resource", "Virtual Machine app-a1")
                .with("Owners", List.of("HV-A1", "HV-A2")).run();
        PsObject owners = first(new CommandRun("Get-ClusterOwnerNode", on("HV-A1"))
                .with("Resource", "Virtual Machine app-a1").run());
        assertThat((List<?>) owners.get("OwnerNodes").orElseThrow()).hasSize(2);
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Move-ClusterVirtualMachineRole",
                on("HV-A1")).with("Name", "app-a1").with("Node", "HV-A3").run());
        assertThat(e.record().hresult()).isEqualTo(0x80071398);
        assertThat(e.record().exceptionType())
                .isEqualTo("Microsoft.FailoverClusters.PowerShell.ClusterCmdletException");
    }

    @Test
    void anotherClusterFromAWinRmSessionNeedsCredSsp() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Get-ClusterGroup",
                on("HV-A1")).with("Cluster", "CLB").run());
        assertThat(e.record().message()).contains("You do not have administrative privileges on the cluster");
    }

    @Test
    void removeThenAddClusterRoleRoundTrips() throws Exception {
        new CommandRun("Remove-ClusterGroup", on("HV-A1")).with("Name", List.of("app-a1")).with("RemoveResources")
                .with("Force").run();
        assertThat(world.vm("HV-A1", "app-a1").isClustered()).isFalse();
        PsObject g = first(new CommandRun("Add-ClusterVirtualMachineRole", on("HV-A1")).with("VMName", "app-a1").run());
        assertThat(g.get("Name")).contains("app-a1");
        assertThat(world.vm("HV-A1", "app-a1").isClustered()).isTrue();
    }

    @Test
    void suspendWithDrainAndWaitReturnsAPausedNode() throws Exception {
        PsObject n = first(new CommandRun("Suspend-ClusterNode", on("HV-A1")).with("Name", List.of("HV-A1"))
                .with("Drain").with("Wait").run());
        assertThat(((PsEnum.Value) n.get("State").orElseThrow()).name()).isEqualTo("Paused");
        assertThat(((PsEnum.Value) n.get("DrainStatus").orElseThrow()).name()).isEqualTo("Completed");
        PsObject up = first(new CommandRun("Resume-ClusterNode", on("HV-A1")).with("Name", List.of("HV-A1")).run());
        assertThat(((PsEnum.Value) up.get("State").orElseThrow()).name()).isEqualTo("Up");
    }

    @Test
    @SuppressWarnings("unchecked")
    void getAdComputerShowsDelegationPropertiesWhenAskedFor() throws Exception {
        PsObject c = first(new CommandRun("Get-ADComputer", console("HV-S1")).with("Identity", "HV-S2")
                .with("Properties", List.of("msDS-AllowedToDelegateTo", "TrustedToAuthForDelegation",
                        "servicePrincipalName")).run());
        assertThat((List<Object>) c.get("msDS-AllowedToDelegateTo").orElseThrow())
                .contains("Microsoft Virtual System Migration Service/hv-s3.lab.test");
        assertThat(c.get("TrustedToAuthForDelegation")).contains(true);
        assertThat((List<Object>) c.get("servicePrincipalName").orElseThrow())
                .contains("Microsoft Virtual System Migration Service/HV-S2", "Hyper-V Replica Service/hv-s2.lab.test",
                        "Microsoft Virtual Console Service/hv-s2.lab.test");
        PsObject plain = first(new CommandRun("Get-ADComputer", console("HV-S1")).with("Identity", "HV-S2").run());
        assertThat(plain.has("msDS-AllowedToDelegateTo")).isFalse();
        assertThat(plain.get("SamAccountName")).contains("HV-S2$");
    }

    @Test
    void unknownComputerIsAnIdentityNotFoundError() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Get-ADComputer", console("HV-S1"))
                .with("Identity", "NOPE").run());
        assertThat(e.record().exceptionType())
                .isEqualTo("Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException");
        assertThat(e.record().message()).startsWith("Cannot find an object with identity: 'NOPE' under:");
    }

    @Test
    void setAdComputerAddsAndRemovesDelegationEntries() throws Exception {
        PsHashtable add = new PsHashtable(false);
        add.put("msDS-AllowedToDelegateTo", List.of("cifs/hv-s1.lab.test", "cifs/HV-S1"));
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-M1").with("Add", add).run();
        assertThat(world.adComputer("HV-M1").allowedToDelegateTo()).contains("cifs/hv-s1.lab.test", "cifs/HV-S1");
        PsHashtable remove = new PsHashtable(false);
        remove.put("msDS-AllowedToDelegateTo", "cifs/HV-S1");
        new CommandRun("Set-ADObject", console("HV-S1")).with("Identity", "CN=HV-M1,CN=Computers,DC=lab,DC=test")
                .with("Remove", remove).run();
        assertThat(world.adComputer("HV-M1").allowedToDelegateTo()).doesNotContain("cifs/HV-S1");
    }

    @Test
    void setAdAccountControlTurnsProtocolTransitionOn() throws Exception {
        new CommandRun("Set-ADAccountControl", console("HV-S1")).with("Identity", "HV-M8")
                .with("TrustedToAuthForDelegation", true).run();
        assertThat(world.adComputer("HV-M8").userAccountControl() & 0x1000000).isNotZero();
    }

    /**
     * TechNet wiki "Active Directory: PowerShell AD Module Properties" (learn.microsoft.com/archive/technet-wiki/12031):
     * "if you request an Active Directory attribute, and the object retrieved has no value for that attribute, then the
     * attribute will not be included in the results"; WPD docset/winserver2022-ps/ActiveDirectory/Get-ADComputer.md
     * Example 1 ({@code -Properties *}) shows no msDS-AllowedToDelegateTo.
     */
    @Test
    void getAdComputerPropertiesStarLeavesOutAnAttributeWithNoValue() throws Exception {
        PsObject c = first(new CommandRun("Get-ADComputer", console("HV-S1")).with("Identity", "HV-M7")
                .with("Properties", List.of("*")).run());
        assertThat(c.has("msDS-AllowedToDelegateTo")).isFalse();
        assertThat(c.has("msDS-AllowedToActOnBehalfOfOtherIdentity")).isFalse();
        assertThat(c.has("servicePrincipalName")).isTrue();
        assertThat(c.has("userAccountControl")).isTrue();
        PsObject asked = first(new CommandRun("Get-ADComputer", console("HV-S1")).with("Identity", "HV-M7")
                .with("Properties", List.of("msDS-AllowedToDelegateTo")).run());
        assertThat(asked.has("msDS-AllowedToDelegateTo")).isFalse();
    }

    @Test
    void aScriptReadsAnAttributeGetAdComputerLeftOutAsNoValue() throws Exception {
        // the engine's form (READ_DIRECTORY): @(... | ?{$_}) of a property that is not there is an empty array
        CommandTable.Builder b = CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        PsRun r = PsRun.run(RunspaceConfig.of(b.build(), console("HV-S1"), "HV-S1"),
                "$a=Get-ADComputer -Identity HV-M7 -Properties *; ConvertTo-Json @{a2d=@($a.'msDS-AllowedToDelegateTo'|?{$_})} -Compress");
        assertThat(r.errorMessages()).isEmpty();
        assertThat(r.strings()).containsExactly("{\"a2d\":[]}");
    }

    private static PsHashtable delegateTo(Object values) {
        PsHashtable t = new PsHashtable(false);
        t.put("msDS-AllowedToDelegateTo", values);
        return t;
    }

    /**
     * AD refuses -Add of a value the attribute holds: LDAP attributeOrValueExists (20), Win32 8323 "The specified value
     * already exists." (MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--8200-8999-.md). The AD module's
     * exception type and error id for it are unverifiable in Microsoft's documentation.
     */
    @Test
    void setAdComputerAddOfAValueAlreadyThereIsRefusedAndChangesNothing() throws Exception {
        List<String> before = world.adComputer("HV-S2").allowedToDelegateTo();
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Set-ADComputer", console("HV-S1"))
                .with("Identity", "HV-S2").with("Add", delegateTo(List.of("cifs/HV-NEW",
                        "microsoft virtual system migration service/HV-S3"))).run());
        assertThat(e.record().message()).isEqualTo("The specified value already exists");
        assertThat(e.record().fullyQualifiedErrorId()).startsWith("ActiveDirectoryServer:8323");
        assertThat(world.adComputer("HV-S2").allowedToDelegateTo()).isEqualTo(before);
        PsException twice = catchThrowableOfType(PsException.class, () -> new CommandRun("Set-ADComputer", console("HV-S1"))
                .with("Identity", "HV-S2").with("Add", delegateTo(List.of("cifs/HV-NEW", "cifs/hv-new"))).run());
        assertThat(twice.record().message()).isEqualTo("The specified value already exists");
        assertThat(world.adComputer("HV-S2").allowedToDelegateTo()).isEqualTo(before);
    }

    /**
     * AD refuses -Remove of a value the attribute does not hold: LDAP noSuchAttribute (16), Win32 8325 "The attribute
     * value cannot be removed because it is not present on the object." (MicrosoftDocs/win32
     * desktop-src/Debug/system-error-codes--8200-8999-.md); the AD module's exception type and error id: unverifiable.
     */
    @Test
    void setAdComputerRemoveOfAnAbsentValueIsRefusedAndChangesNothing() throws Exception {
        List<String> before = world.adComputer("HV-M7").allowedToDelegateTo();
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Set-ADObject", console("HV-S1"))
                .with("Identity", "CN=HV-M7,CN=Computers,DC=lab,DC=test").with("Remove", delegateTo("cifs/HV-S1"))
                .run());
        assertThat(e.record().message())
                .isEqualTo("The attribute value cannot be removed because it is not present on the object");
        assertThat(e.record().fullyQualifiedErrorId()).startsWith("ActiveDirectoryServer:8325");
        assertThat(world.adComputer("HV-M7").allowedToDelegateTo()).isEqualTo(before);
    }

    /**
     * WPD docset/winserver2022-ps/ActiveDirectory/Set-ADComputer.md (-Add, -Clear): "When you use the *Add*, *Replace*,
     * *Clear*, and *Remove* parameters together, the operations are performed in the following order: Remove, Add,
     * Replace, Clear".
     */
    @Test
    void setAdComputerRemovesBeforeItAddsAndClearsLast() throws Exception {
        // -Remove then -Add of the same value: the value is absent when -Add runs, so this is not refused
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-S2")
                .with("Remove", delegateTo("cifs/HV-S3")).with("Add", delegateTo("cifs/HV-S3")).run();
        assertThat(world.adComputer("HV-S2").allowedToDelegateTo()).contains("cifs/HV-S3");
        // -Add then -Replace: Replace wins; -Clear comes after -Replace
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-M7")
                .with("Add", delegateTo("cifs/HV-S1")).with("Replace", delegateTo("cifs/FS1")).run();
        assertThat(world.adComputer("HV-M7").allowedToDelegateTo()).containsExactly("cifs/FS1");
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-M7")
                .with("Replace", delegateTo("cifs/HV-S2")).with("Clear", List.of("msDS-AllowedToDelegateTo")).run();
        assertThat(world.adComputer("HV-M7").allowedToDelegateTo()).isEmpty();
    }

    @Test
    void principalsAllowedToDelegateToAccountReplacesTheList() throws Exception {
        // HV-P1's account is in partner.test: as in AD, a host of lab.test finds it only with -Server
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-P1")
                .with("PrincipalsAllowedToDelegateToAccount", List.of("HV-S2")).run())
                .hasMessageContaining("Cannot find an object with identity: 'HV-P1'");
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-P1").with("Server", "partner.test")
                .with("PrincipalsAllowedToDelegateToAccount", List.of("HV-S2")).run();
        assertThat(world.adComputer("HV-P1").principalsAllowedToDelegateToAccount()).containsExactly("LAB\\HV-S2$");
        new CommandRun("Set-ADComputer", console("HV-S1")).with("Identity", "HV-P1").with("Server", "partner.test")
                .with("PrincipalsAllowedToDelegateToAccount", List.of()).run();
        assertThat(world.adComputer("HV-P1").principalsAllowedToDelegateToAccount()).isEmpty();
    }
}
