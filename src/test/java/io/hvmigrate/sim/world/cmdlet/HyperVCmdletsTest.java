package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Hyper-V cmdlets against the lab fleet, on a clock 5000 times faster than the wall clock. */
class HyperVCmdletsTest {
    private final ScaledClock clock = new ScaledClock(Instant.parse("2026-01-05T08:00:00Z"), 5000,
            Duration.ofMillis(2));
    private final World world;

    HyperVCmdletsTest() throws Exception {
        world = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")), clock);
    }

    @AfterEach
    void stopClock() {
        clock.close();
    }

    private HostSession on(String host) {
        return new HostSession(world, host, Caller.network("LAB\\svc-hvmigrate"));
    }

    private static PsObject first(CommandRun r) {
        return (PsObject) r.output.get(0);
    }

    @Test
    void getVmHostReportsMigrationSettingsWithWindowsTypes() throws Exception {
        PsObject h = first(new CommandRun("Get-VMHost", on("HV-M4")).run());
        assertThat(h.typeNames().get(0)).isEqualTo("Microsoft.HyperV.PowerShell.VMHost");
        assertThat(h.get("VirtualMachineMigrationEnabled")).contains(true);
        PsEnum.Value auth = (PsEnum.Value) h.get("VirtualMachineMigrationAuthenticationType").orElseThrow();
        assertThat(auth.name()).isEqualTo("CredSSP");
        assertThat(auth.number()).isZero();
        assertThat(((PsEnum.Value) h.get("VirtualMachineMigrationPerformanceOption").orElseThrow()).number())
                .isEqualTo(1);
        assertThat(h.get("MaximumVirtualMachineMigrations")).contains(new PsNumber.Unsigned(PsType.UINT32, 2));
        assertThat(h.get("FullyQualifiedDomainName")).contains("hv-m4.lab.test");
        assertThat(h.has("MigrationNetworks")).isFalse();
    }

    /**
     * Who the host is, as Windows answers it: Win32_ComputerSystem Name (NetBIOS), Domain and PartOfDomain
     * (learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystem) and Win32_ComputerSystemProduct UUID, the
     * SMBIOS system UUID, upper-case (learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystemproduct): the
     * same on every start, different for every host.
     */
    @Test
    void theHostSaysWhoItIsThroughWin32ComputerSystemAndItsProductUuid() throws Exception {
        PsObject cs = first(new CommandRun("Get-CimInstance", on("HV-A1")).with("ClassName", "Win32_ComputerSystem").run());
        assertThat(cs.get("Name")).contains("HV-A1");
        assertThat(cs.get("Domain")).contains("lab.test");
        assertThat(cs.get("PartOfDomain")).contains(true);
        PsObject a1 = first(new CommandRun("Get-CimInstance", on("HV-A1")).with("ClassName", "Win32_ComputerSystemProduct").run());
        PsObject a1Again = first(new CommandRun("Get-CimInstance", on("HV-A1")).with("ClassName", "Win32_ComputerSystemProduct").run());
        PsObject a2 = first(new CommandRun("Get-CimInstance", on("HV-A2")).with("ClassName", "Win32_ComputerSystemProduct").run());
        String uuid = (String) a1.get("UUID").orElseThrow();
        assertThat(uuid).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(a1Again.get("UUID")).contains(uuid);
        assertThat(a2.get("UUID")).isPresent().isNotEqualTo(a1.get("UUID"));
    }

    @Test
    void setVmHostChangesTheAuthenticationType() throws Exception {
        new CommandRun("Set-VMHost", on("HV-M4")).with("VirtualMachineMigrationAuthenticationType",
                Types.MIGRATION_AUTH.of("Kerberos")).run();
        assertThat(world.vmHost("HV-M4").authenticationType().name()).isEqualTo("Kerberos");
    }

    @Test
    void migrationNetworksAreAddedListedAndRemoved() throws Exception {
        new CommandRun("Add-VMMigrationNetwork", on("HV-M5")).with("Subnet", "203.0.113.0/24")
                .with("Priority", new PsNumber.Unsigned(PsType.UINT32, 5)).run();
        CommandRun get = new CommandRun("Get-VMMigrationNetwork", on("HV-M5")).with("Subnet", List.of("203.*"))
                .run();
        assertThat(get.output).hasSize(1);
        assertThat(first(get).get("Priority")).contains(5);
        new CommandRun("Remove-VMMigrationNetwork", on("HV-M5")).with("Subnet", "203.0.113.0/24").run();
        assertThat(new CommandRun("Get-VMMigrationNetwork", on("HV-M5")).run().output).isEmpty();
    }

    @Test
    void setVmMigrationNetworkChangesAnExistingEntryOnly() throws Exception {
        new CommandRun("Set-VMMigrationNetwork", on("HV-S1")).with("Subnet", "198.51.100.0/24")
                .with("NewPriority", new PsNumber.Unsigned(PsType.UINT32, 7)).run();
        assertThat(world.migrationNetworks("HV-S1")).singleElement().extracting(n -> n.priority()).isEqualTo(7);
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Set-VMMigrationNetwork",
                on("HV-S1")).with("Subnet", "192.0.2.10").run());
        assertThat(e.record().category()).isEqualTo(ErrorCategory.ObjectNotFound);
    }

    @Test
    void disableVmMigrationPassesTheHostThrough() throws Exception {
        PsObject h = first(new CommandRun("Disable-VMMigration", on("HV-S1")).with("Passthru").run());
        assertThat(h.get("VirtualMachineMigrationEnabled")).contains(false);
        assertThat(world.vmHost("HV-S1").migrationEnabled()).isFalse();
    }

    @Test
    void getVmFindsAVmByIdOnTheLocalHostOnly() throws Exception {
        UUID id = world.vm("HV-S2", "dev-s2").id();
        PsObject vm = first(new CommandRun("Get-VM", on("HV-S2"), "Id").with("Id", id).run());
        assertThat(vm.get("Name")).contains("dev-s2");
        CommandRun elsewhere = new CommandRun("Get-VM", on("HV-S1"), "Id").with("Id", id).run();
        assertThat(elsewhere.output).isEmpty();
        assertThat(elsewhere.errors).singleElement().satisfies(e -> assertThat(e.message()).contains(id.toString()));
    }

    @Test
    void getVmMatchesWildcardsAndReportsUnknownNamesWithoutStopping() throws Exception {
        CommandRun r = new CommandRun("Get-VM", on("HV-S1")).with("Name", List.of("*-s1", "missing")).run();
        assertThat(r.output).extracting(o -> ((PsObject) o).get("Name").orElseThrow())
                .containsExactlyInAnyOrder("file-s1", "iso-s1");
        assertThat(r.errors).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("Hyper-V was unable to find a virtual machine with name \"missing\".");
            assertThat(e.fullyQualifiedErrorId())
                    .isEqualTo("InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM");
            assertThat(e.category()).isEqualTo(ErrorCategory.InvalidArgument);
        });
    }

    @Test
    void getVmReportsStateAsTheVmStateEnumAndMemoryInBytes() throws Exception {
        PsObject vm = first(new CommandRun("Get-VM", on("HV-S2")).with("Name", List.of("dev-s2")).run());
        PsEnum.Value state = (PsEnum.Value) vm.get("State").orElseThrow();
        assertThat(state.name()).isEqualTo("Running");
        assertThat(state.number()).isEqualTo(2);
        assertThat(vm.get("MemoryStartup")).contains(4096L * 1024 * 1024);
        assertThat(vm.get("IsClustered")).contains(false);
        assertThat(vm.get("Id")).get().isInstanceOf(UUID.class);
    }

    @Test
    void anotherHostFromAWinRmSessionIsASecondHop() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Get-VM", on("HV-S1"))
                .with("ComputerName", List.of("HV-S2")).run());
        assertThat(e.record().message()).contains("You do not have the required permission to complete this task");
        assertThat(e.record().category()).isEqualTo(ErrorCategory.PermissionDenied);
    }

    @Test
    void moveVmWaitsForTheMigrationAndPassesTheVmThrough() throws Exception {
        CommandRun r = new CommandRun("Move-VM", on("HV-S2")).with("Name", "dev-s2")
                .with("DestinationHost", "hv-s3.lab.test").with("IncludeStorage")
                .with("DestinationStoragePath", "D:\\VMs\\dev-s2").with("Passthru").run();
        PsObject vm = first(r);
        assertThat(vm.get("ComputerName")).contains("HV-S3");
        assertThat(vm.get("Path")).contains("D:\\VMs\\dev-s2");
    }

    @Test
    void moveVmTakesTheVmObjectInItsVmParameterSet() throws Exception {
        PsObject vm = first(new CommandRun("Get-VM", on("HV-S1")).with("Name", List.of("file-s1")).run());
        new CommandRun("Move-VM", on("HV-S1"), "VMSingleDestination").with("VM", vm).with("DestinationHost", "HV-S2")
                .run();
        assertThat(world.vm("HV-S2", "file-s1").computerName()).isEqualTo("HV-S2");
    }

    @Test
    void moveVmFailureIsATerminatingErrorWithWindowsTextAndCode() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Move-VM", on("HV-M8"))
                .with("Name", "m8-vm").with("DestinationHost", "hv-s1.lab.test").with("IncludeStorage")
                .with("DestinationStoragePath", "D:\\VMs\\m8-vm").run());
        assertThat(e.record().hresult()).isEqualTo(0x8009030E);
        assertThat(e.record().exceptionType()).isEqualTo("Microsoft.HyperV.PowerShell.VirtualizationException");
        assertThat(e.record().fullyQualifiedErrorId())
                .isEqualTo("OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVM");
        assertThat(e.record().message()).contains("No credentials are available in the security package");
    }

    @Test
    void includeStorageWithoutAPathIsRefused() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Move-VM", on("HV-S2"))
                .with("Name", "dev-s2").with("DestinationHost", "HV-S3").with("IncludeStorage").run());
        assertThat(e.record().message()).contains("DestinationStoragePath");
    }

    @Test
    void perItemMoveUsesTheVhdsHashtables() throws Exception {
        io.hvmigrate.sim.ps.PsHashtable vhd = new io.hvmigrate.sim.ps.PsHashtable(false);
        vhd.put("SourceFilePath", "D:\\VMs\\dev-s2\\Virtual Hard Disks\\dev-s2.vhdx");
        vhd.put("DestinationFilePath", "D:\\New\\dev-s2.vhdx");
        new CommandRun("Move-VM", on("HV-S2"), "NameMultipleDestinations").with("Name", "dev-s2")
                .with("DestinationHost", "HV-S3").with("VirtualMachinePath", "D:\\New")
                .with("Vhds", List.of(vhd)).run();
        assertThat(world.vm("HV-S3", "dev-s2").disks().get(0).path()).isEqualTo("D:\\New\\dev-s2.vhdx");
    }

    @Test
    void aLocalIsoBlocksTheMoveUntilSetVmDvdDriveEjectsIt() throws Exception {
        CommandRun before = new CommandRun("Get-VMDvdDrive", on("HV-S1")).with("VMName", List.of("iso-s1")).run();
        assertThat(first(before).get("Path")).contains("D:\\ISO\\tools.iso");
        assertThat(first(before).get("ControllerType")).contains("SCSI");
        PsObject report = first(new CommandRun("Compare-VM", on("HV-S1")).with("Name", "iso-s1")
                .with("DestinationHost", "HV-S2").with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs\\iso-s1")
                .run());
        assertThat((List<?>) report.get("Incompatibilities").orElseThrow()).isNotEmpty();

        new CommandRun("Set-VMDvdDrive", on("HV-S1")).with("VMName", "iso-s1").with("Path", null).run();

        PsObject drive = first(new CommandRun("Get-VMDvdDrive", on("HV-S1")).with("VMName", List.of("iso-s1")).run());
        assertThat(drive.get("Path")).isEmpty();
        assertThat(drive.get("DvdMediaType")).contains("None");
        assertThat(world.vm("HV-S1", "iso-s1").dvdPaths()).isEmpty();
        PsObject after = first(new CommandRun("Compare-VM", on("HV-S1")).with("Name", "iso-s1")
                .with("DestinationHost", "HV-S2").with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs\\iso-s1")
                .run());
        assertThat((List<?>) after.get("Incompatibilities").orElseThrow()).isEmpty();
    }

    /**
     * Move-VM.md (docset/winserver2022-ps/Hyper-V/Move-VM.md), OUTPUTS: "Microsoft.HyperV.PowerShell.CompatibilityReport
     * if the migration fails because of an incompatibility" — without -Passthru too, so a script must discard it.
     */
    @Test
    void moveVmRefusedForAnIncompatibilityWritesTheCompatibilityReport() {
        io.hvmigrate.sim.ps.CommandTable.Builder b = io.hvmigrate.sim.ps.CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        var config = io.hvmigrate.sim.ps.RunspaceConfig.of(b.build(), on("HV-S1"), "HV-S1");
        String move = "Move-VM -Name iso-s1 -DestinationHost HV-S2 -IncludeStorage -DestinationStoragePath D:\\VMs\\iso-s1";

        io.hvmigrate.sim.ps.PsRun bare = io.hvmigrate.sim.ps.PsRun.run(config, "try{" + move + "}catch{'refused'}");
        assertThat(bare.output).hasSize(2);
        assertThat(((PsObject) bare.output.get(0)).typeNames().get(0)).isEqualTo("Microsoft.HyperV.PowerShell.VMCompatibilityReport");
        assertThat(bare.output.get(1)).isEqualTo("refused");

        io.hvmigrate.sim.ps.PsRun discarded = io.hvmigrate.sim.ps.PsRun.run(config, "try{$null=" + move + "}catch{'refused'}");
        assertThat(discarded.strings()).containsExactly("refused");
    }

    /**
     * Move-VM.md (docset/winserver2022-ps/Hyper-V/Move-VM.md), SYNTAX: -VM and -DestinationHost are in both
     * VMSingleDestination and VMMultipleDestinations, neither is the default set, so PowerShell cannot pick one;
     * -IncludeStorage is only in the single-destination sets, and :$false binds the set without moving storage.
     */
    @Test
    void moveVmByObjectNeedsAParameterOfOneSetOnly() throws Exception {
        io.hvmigrate.sim.ps.CommandTable.Builder b = io.hvmigrate.sim.ps.CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        var config = io.hvmigrate.sim.ps.RunspaceConfig.of(b.build(), on("HV-S1"), "HV-S1");

        io.hvmigrate.sim.ps.PsRun ambiguous = io.hvmigrate.sim.ps.PsRun.run(config,
                "$v=Get-VM -Name file-s1; Move-VM -VM $v -DestinationHost hv-s2.lab.test");
        assertThat(ambiguous.errorMessages()).singleElement().asString()
                .isEqualTo("Parameter set cannot be resolved using the specified named parameters.");
        assertThat(world.vm("HV-S1", "file-s1")).isNotNull();

        io.hvmigrate.sim.ps.PsRun single = io.hvmigrate.sim.ps.PsRun.run(config,
                "$v=Get-VM -Name file-s1; Move-VM -VM $v -DestinationHost hv-s2.lab.test -IncludeStorage:$false");
        assertThat(single.errorMessages()).isEmpty();
        assertThat(single.output).isEmpty();
        assertThat(world.vm("HV-S2", "file-s1").path()).as("the files stay on the share").isEqualTo("\\\\FS1\\vmstore\\file-s1");
    }

    /**
     * Get-VM.md -Name "Accept wildcard characters: True"; about_Wildcards (PowerShell-Docs
     * reference/5.1/Microsoft.PowerShell.Core/About/about_Wildcards.md): a pattern that matches nothing writes nothing,
     * a name without wildcard characters that matches nothing is an error.
     */
    @Test
    void getVmNameIsAWildcardPattern() {
        io.hvmigrate.sim.ps.CommandTable.Builder b = io.hvmigrate.sim.ps.CommandTable.builder();
        WorldCommands.all().values().forEach(b::cmdlet);
        var config = io.hvmigrate.sim.ps.RunspaceConfig.of(b.build(), on("HV-S1"), "HV-S1");

        io.hvmigrate.sim.ps.PsRun none = io.hvmigrate.sim.ps.PsRun.run(config, "Get-VM -Name 'nothing*'");
        assertThat(none.output).isEmpty();
        assertThat(none.errors).isEmpty();
        io.hvmigrate.sim.ps.PsRun literal = io.hvmigrate.sim.ps.PsRun.run(config, "Get-VM -Name 'nothing'");
        assertThat(literal.errorMessages()).singleElement().asString().contains("unable to find a virtual machine with name \"nothing\"");
        io.hvmigrate.sim.ps.PsRun set = io.hvmigrate.sim.ps.PsRun.run(config, "(Get-VM -Name 'file-s[0-9]').Name");
        assertThat(set.strings()).containsExactly("file-s1");
        io.hvmigrate.sim.ps.PsRun escaped = io.hvmigrate.sim.ps.PsRun.run(config, "Get-VM -Name 'file-s`[1`]'");
        assertThat(escaped.errorMessages()).as("escaped brackets are literal, so the name is missing").hasSize(1);
    }

    @Test
    void setVmDvdDriveRefusesAnIsoTheHostCannotOpen() {
        PsException e = catchThrowableOfType(PsException.class, () -> new CommandRun("Set-VMDvdDrive", on("HV-S2"))
                .with("VMName", "dev-s2").with("Path", "D:\\ISO\\missing.iso").run());
        assertThat(e).isNotNull();
    }

    @Test
    void compareVmListsTheMissingSwitchWithItsAdapterAsSource() throws Exception {
        world.clusters().removeGroup("CLA", "db-a3", true);
        PsObject report = first(new CommandRun("Compare-VM", on("HV-A3")).with("Name", "db-a3")
                .with("DestinationHost", "HV-S1").with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs")
                .run());
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) report.get("Incompatibilities").orElseThrow();
        PsObject switchItem = items.stream().map(PsObject.class::cast)
                .filter(i -> i.get("MessageId").orElseThrow().equals(33012L)).findFirst().orElseThrow();
        assertThat(switchItem.get("Message")).contains("Could not find Ethernet switch 'Backend'.");
        PsObject source = (PsObject) switchItem.get("Source").orElseThrow();
        assertThat(source.typeNames().get(0)).isEqualTo("Microsoft.HyperV.PowerShell.VMNetworkAdapter");
    }

    @Test
    void migrationJobIsVisibleThroughCimAndCanBeTerminated() throws Exception {
        // time stands still: the job runs until it is terminated
        World still = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")),
                new io.hvmigrate.sim.world.ManualClock());
        HostSession s2 = new HostSession(still, "HV-S2", Caller.network("LAB\\svc-hvmigrate"));
        CompletableFuture<Throwable> move = CompletableFuture.supplyAsync(() -> {
            try {
                new CommandRun("Move-VM", s2).with("Name", "dev-s2").with("DestinationHost", "HV-S3")
                        .with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs\\dev-s2").run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        PsObject job = null;
        for (int i = 0; i < 200 && job == null; i++) {
            CommandRun get = new CommandRun("Get-CimInstance", s2).with("ClassName", "Msvm_MigrationJob")
                    .with("Namespace", "root\\virtualization\\v2").run();
            job = get.output.isEmpty() ? null : (PsObject) get.output.get(0);
            if (job == null) {
                try {
                    move.get(10, TimeUnit.MILLISECONDS); // bounded wait for the Move-VM thread to start its job
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // poll again
                }
            }
        }
        assertThat(job).isNotNull();
        assertThat(job.get("JobState")).contains(new PsNumber.Unsigned(PsType.UINT16, 4));
        assertThat(job.get("VirtualSystemName")).contains(still.vm("HV-S2", "dev-s2").id().toString().toUpperCase());
        io.hvmigrate.sim.ps.PsHashtable args = new io.hvmigrate.sim.ps.PsHashtable(false);
        args.put("RequestedState", new PsNumber.Unsigned(PsType.UINT16, 4));
        CommandRun invoke = new CommandRun("Invoke-CimMethod", s2).with("InputObject", job)
                .with("MethodName", "RequestStateChange").with("Arguments", args).run();
        assertThat(((PsObject) invoke.output.get(0)).get("ReturnValue"))
                .contains(new PsNumber.Unsigned(PsType.UINT32, 0));
        Throwable t = move.get(10, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(PsException.class);
        assertThat(((PsException) t).record().hresult()).isEqualTo(0x800704C7);
        assertThat(still.vm("HV-S2", "dev-s2").computerName()).isEqualTo("HV-S2");
    }

    @Test
    void stoppingMoveVmStopsTheWaitButNotTheMigration() throws Exception {
        World still = World.fromFile(Path.of("config/fleets/lab.yaml"), new io.hvmigrate.sim.world.ManualClock());
        HostSession s2 = still.session("HV-S2", Caller.network("LAB\\svc-hvmigrate"));
        CommandRun run = new CommandRun("Move-VM", s2).with("Name", "dev-s2").with("DestinationHost", "HV-S3")
                .with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs\\dev-s2");
        CompletableFuture<Throwable> move = CompletableFuture.supplyAsync(() -> {
            try {
                run.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        for (int i = 0; i < 200 && still.migrationJobs("HV-S2").isEmpty(); i++) {
            try {
                move.get(10, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // poll again
            }
        }
        run.stopping.set(true);
        Throwable t = move.get(10, TimeUnit.SECONDS);
        assertThat(((PsException) t).record().fullyQualifiedErrorId()).startsWith("PipelineStopped");
        assertThat(still.migrationJobs("HV-S2")).singleElement().extracting(j -> j.jobState()).isEqualTo(4);
    }

    @Test
    void klistPurgeMakesADelegationChangeEffective() throws Exception {
        world.adAddAllowedToDelegateTo("HV-M1", List.of("cifs/hv-s1.lab.test"));
        CommandRun k = new CommandRun("klist", on("HV-M1")).with("Arguments", List.of("purge", "-li", "0x3e7"))
                .run();
        assertThat(k.output).contains("\tTicket(s) purged!");
        new CommandRun("Move-VM", on("HV-M1")).with("Name", "m1-vm").with("DestinationHost", "hv-s1.lab.test")
                .with("IncludeStorage").with("DestinationStoragePath", "D:\\VMs\\m1-vm").run();
        assertThat(world.vm("HV-S1", "m1-vm").name()).isEqualTo("m1-vm");
    }

    @Test
    void testPathSeesCsvFromClusterNodesOnly() throws Exception {
        String disk = "C:\\ClusterStorage\\Volume1\\app-a1\\Virtual Hard Disks\\app-a1.vhdx";
        assertThat(new CommandRun("Test-Path", on("HV-A2")).with("Path", List.of(disk)).run().output)
                .containsExactly(true);
        assertThat(new CommandRun("Test-Path", on("HV-S1")).with("Path", List.of(disk)).run().output)
                .containsExactly(false);
    }

    @Test
    void supportedVersionsFollowTheRelease() throws Exception {
        CommandRun r = new CommandRun("Get-VMHostSupportedVersion", on("HV-S1")).run();
        assertThat(r.output).extracting(o -> ((PsObject) ((PsObject) o).get("Version").orElseThrow()).toStringValue())
                .contains("8.0", "10.0").doesNotContain("5.0", "11.0");
    }
}
