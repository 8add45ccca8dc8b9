package io.hvmigrate.sim.world.cmdlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.world.Caller;
import io.hvmigrate.sim.world.HostSession;
import io.hvmigrate.sim.world.ManualClock;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.ad.AccountControl;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The second hop on the lab fleet. Microsoft, "Making the second hop in PowerShell Remoting" (MicrosoftDocs/
 * PowerShell-Docs, reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md): "A command you run on ServerB
 * via your PowerShell Remoting session attempts to access a resource on ServerC. … Access to the resource on ServerC is
 * denied, because the credentials you used to create the PowerShell Remoting session aren't passed from ServerB to
 * ServerC." The same page lets the hop through with Kerberos constrained delegation "with the option 'Use any
 * authentication protocol'" (one domain) or resource-based delegation on ServerC, never for an account "sensitive and
 * can't be delegated". hvsim's WinRM logons are network logons (it has no CredSSP listener).
 */
class SecondHopTest {
    private static final String VHD = "\\\\FS1\\vmstore\\file-s1\\Virtual Hard Disks\\file-s1.vhdx";
    private final World world;

    SecondHopTest() throws Exception {
        world = new World(new FleetLoader().load(Path.of("config/fleets/lab.yaml")),
                new ManualClock(Instant.parse("2026-01-05T08:00:00Z")));
    }

    private PsRun run(String host, Caller caller, String script) {
        CommandTable.Builder b = CommandTable.builder();
        var natives = WorldCommands.natives();
        WorldCommands.all().values().stream().filter(i -> !natives.containsKey(i.name().toLowerCase(java.util.Locale.ROOT)))
                .forEach(b::cmdlet);
        natives.forEach(b::nativeCommand);
        return PsRun.run(RunspaceConfig.of(b.build(), new HostSession(world, host, caller), host), script);
    }

    private PsRun winrm(String host, String script) {
        return run(host, Caller.network("LAB\\svc-hvmigrate"), script);
    }

    private static PsError only(PsRun r) {
        assertThat(r.errors).hasSize(1);
        return r.errors.getFirst();
    }

    private void refreshTickets(String host) throws Exception {
        world.purgeSystemTickets(host);
    }

    @Test
    void theAdCmdletsFromAWinRmSessionOnAHostThatIsNoDcCannotReachTheDirectory() {
        for (String script : List.of("Get-ADComputer -Identity HV-S2", "Get-ADUser -Identity svc-hvmigrate",
                "Get-ADDomain", "Get-ADTrust -Filter *", "Set-ADComputer -Identity HV-M1 -Add @{'msDS-AllowedToDelegateTo'=@('cifs/HV-S1')}",
                "Set-ADAccountControl -Identity HV-M8 -TrustedToAuthForDelegation $true")) {
            PsError e = only(winrm("HV-S1", script));
            assertThat(e.record().exceptionType()).as(script).isEqualTo("Microsoft.ActiveDirectory.Management.ADServerDownException");
            assertThat(e.record().message()).startsWith("Unable to contact the server. This may be because this server "
                    + "does not exist, it is currently down, or it does not have the Active Directory Web Services running.");
            assertThat(e.record().category()).isEqualTo(ErrorCategory.ResourceUnavailable);
        }
        // nothing was written
        assertThat(world.directory().computer("HV-M1$").orElseThrow().allowedToDelegateTo()).doesNotContain("cifs/HV-S1");
    }

    @Test
    void aHostThatIsTheDcReadsItsOwnDomainAndAConsoleSessionHasCredentialsToPassOn() {
        assertThat(winrm("HV-S3", "(Get-ADComputer -Identity HV-S2).SamAccountName").strings()).containsExactly("HV-S2$");
        assertThat(run("HV-S1", Caller.interactive("LAB\\svc-hvmigrate"), "(Get-ADComputer -Identity HV-S2).SamAccountName")
                .strings()).containsExactly("HV-S2$");
        // partner.test's DC accepts HV-S3 by resource-based delegation (lab.yaml); HV-S1 it does not
        assertThat(winrm("HV-S3", "(Get-ADComputer -Identity HV-P1 -Server partner.test).SamAccountName").strings())
                .containsExactly("HV-P1$");
        assertThat(only(winrm("HV-S1", "Get-ADComputer -Identity HV-P1 -Server partner.test")).record().exceptionType())
                .endsWith("ADServerDownException");
    }

    @Test
    void constrainedDelegationToLdapOfTheDcNeedsProtocolTransitionAndTheExactService() throws Exception {
        world.adAddAllowedToDelegateTo("HV-S2$", List.of("cifs/hv-s3.lab.test"));
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "Get-ADDomain").errors).as("cifs/ is not ldap/").hasSize(1);

        world.adAddAllowedToDelegateTo("HV-S2$", List.of("ldap/hv-s3.lab.test"));
        world.adSetAccountControl("HV-S2$", AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION, false);
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "Get-ADDomain").errors).as("Kerberos only: no protocol transition").hasSize(1);

        world.adSetAccountControl("HV-S2$", AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION, true);
        assertThat(winrm("HV-S2", "Get-ADDomain").errors).as("the host's tickets predate the change").hasSize(1);
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "(Get-ADDomain).DNSRoot").strings()).containsExactly("lab.test");
        // "Account is sensitive and can't be delegated"
        assertThat(run("HV-S2", Caller.network("LAB\\admin-sensitive"), "Get-ADDomain").errors).hasSize(1);
    }

    @Test
    void resourceBasedDelegationOnTheDcLetsTheHostThrough() throws Exception {
        world.adSetPrincipalsAllowedToDelegateToAccount("HV-S3$", List.of("LAB\\HV-S2$"));
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "(Get-ADComputer -Identity HV-S1).Name").strings()).containsExactly("HV-S1");
    }

    @Test
    void aUncPathFromTheSessionIsASecondHopButHyperVReadsTheDiskAsTheHost() throws Exception {
        PsError denied = only(winrm("HV-S2", "Get-Item -LiteralPath '" + VHD + "'"));
        assertThat(denied.record().exceptionType()).isEqualTo("System.UnauthorizedAccessException");
        assertThat(denied.record().message()).isEqualTo("Access is denied");
        assertThat(denied.record().category()).isEqualTo(ErrorCategory.PermissionDenied);
        assertThat(winrm("HV-S2", "Test-Path -LiteralPath '" + VHD + "'").strings()).containsExactly("False");
        // HV-S2 (no cifs/ delegation to FS1) may still ask Hyper-V: VMMS opens it as HV-S2$, which the share grants
        assertThat(winrm("HV-S2", "(Get-VHD -Path '" + VHD + "').FileSize").strings())
                .containsExactly(String.valueOf(100L * 1024 * 1024 * 1024));
        // local paths are no hop
        assertThat(winrm("HV-S2", "(Get-Item -LiteralPath 'D:\\VMs\\dev-s2\\Virtual Hard Disks\\dev-s2.vhdx').Length")
                .strings()).containsExactly(String.valueOf(40L * 1024 * 1024 * 1024));

        world.adAddAllowedToDelegateTo("HV-S2$", List.of("cifs/FS1"));
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "(Get-Item -LiteralPath '" + VHD + "').Length").strings())
                .containsExactly(String.valueOf(100L * 1024 * 1024 * 1024));
        assertThat(winrm("HV-S2", "Test-Path -LiteralPath '" + VHD + "'").strings()).containsExactly("True");
    }
    @Test
    void hyperVsComputerNameIsASecondHopUnlessTheHostMayDelegateToTheTarget() throws Exception {
        PsError denied = only(winrm("HV-S2", "Get-VM -ComputerName HV-S1"));
        assertThat(denied.record().exceptionType()).isEqualTo("Microsoft.HyperV.PowerShell.VirtualizationException");
        assertThat(denied.record().message()).startsWith("You do not have the required permission to complete this task.");
        assertThat(denied.record().category()).isEqualTo(ErrorCategory.PermissionDenied);
        // the local host by name is no hop
        assertThat(winrm("HV-S2", "(Get-VM -ComputerName HV-S2 -Name dev-s2).Name").strings()).containsExactly("dev-s2");

        // cifs/ of the target is not management of it
        world.adAddAllowedToDelegateTo("HV-S2$", List.of("cifs/hv-s1.lab.test"));
        world.adSetAccountControl("HV-S2$", AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION, true);
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "Get-VM -ComputerName HV-S1").errors).hasSize(1);

        world.adAddAllowedToDelegateTo("HV-S2$", List.of("HOST/hv-s1.lab.test"));
        refreshTickets("HV-S2");
        assertThat(winrm("HV-S2", "Get-VM -ComputerName HV-S1").errors).isEmpty();
        // a user who is "sensitive and can't be delegated" still cannot
        assertThat(run("HV-S2", Caller.network("LAB\\admin-sensitive"), "Get-VM -ComputerName HV-S1").errors).hasSize(1);
        // a console session has credentials to pass on
        assertThat(run("HV-S3", Caller.interactive("LAB\\svc-hvmigrate"), "Get-VM -ComputerName HV-S1").errors).isEmpty();
    }
}
