package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.world.ad.AccountControl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kerberos and CredSSP as Hyper-V live migration needs them, on the lab's planted misconfigurations. */
class DelegationRulesTest {
    private final Lab lab = new Lab();
    private final World world = lab.world;

    private static final String VMMS = "Microsoft Virtual System Migration Service/";

    private WorldException refused(MoveVmRequest r) {
        return (WorldException) org.assertj.core.api.Assertions.catchThrowable(() -> world.startMove(r));
    }

    @Test
    void sharedNothingWithoutCifsFailsUntilDelegationIsAddedAndTicketsArePurged() throws Exception {
        MoveVmRequest move = Lab.shareNothing("m1-vm", "HV-M1", "hv-s1.lab.test", "D:\\VMs\\m1-vm");
        WorldException e = refused(move);
        assertThat(e.hresult()).isEqualTo(WindowsErrors.E_ACCESSDENIED);
        assertThat(e.getMessage()).startsWith("Virtual machine migration operation for 'm1-vm' failed at migration "
                + "source 'HV-M1'.").contains("hv-s1.lab.test").contains("(0x80070005)");

        world.adAddAllowedToDelegateTo("HV-M1", List.of("cifs/hv-s1.lab.test", "cifs/HV-S1"));
        assertThat(refused(move).hresult()).as("HV-M1 still acts on its cached tickets")
                .isEqualTo(WindowsErrors.E_ACCESSDENIED);

        world.purgeSystemTickets("HV-M1");
        assertThat(lab.moveAndWait(move)).isEmpty();
        assertThat(world.vm("HV-S1", "m1-vm").path()).isEqualTo("D:\\VMs\\m1-vm");
    }

    @Test
    void delegationChangeTakesEffectOnceTheTicketLifetimeHasPassed() throws Exception {
        MoveVmRequest move = Lab.shareNothing("m1-vm", "HV-M1", "hv-s1.lab.test", "D:\\VMs\\m1-vm");
        world.adAddAllowedToDelegateTo("HV-M1", List.of("cifs/hv-s1.lab.test"));
        lab.clock.advance(Duration.ofMinutes(14));
        assertThat(refused(move).hresult()).isEqualTo(WindowsErrors.E_ACCESSDENIED);
        lab.clock.advance(Duration.ofMinutes(1));
        assertThat(lab.moveAndWait(move)).isEmpty();
    }

    @Test
    void rebootRefreshesTheHostsTickets() throws Exception {
        MoveVmRequest move = Lab.shareNothing("m1-vm", "HV-M1", "hv-s1.lab.test", "D:\\VMs\\m1-vm");
        world.adAddAllowedToDelegateTo("HV-M1", List.of("cifs/hv-s1.lab.test"));
        world.rebootHost("HV-M1");
        assertThat(lab.moveAndWait(move)).isEmpty();
    }

    @Test
    void netbiosOnlyDelegationRefusesAMoveThatNamesTheFqdn() {
        WorldException e = refused(Lab.shareNothing("m2-vm", "HV-M2", "hv-s1.lab.test", "D:\\VMs\\m2-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
        assertThat(e.getMessage()).contains("Failed to establish a connection with host 'hv-s1.lab.test': The "
                + "credentials supplied to the package were not recognized (0x8009030D).")
                .contains("no suitable credentials available");
        assertThat(e.category()).isEqualTo(ErrorCategory.NotSpecified);
        assertThat(e.toErrorRecord("Microsoft.HyperV.PowerShell.Commands.MoveVM").fullyQualifiedErrorId())
                .isEqualTo("OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVM");
    }

    @Test
    void netbiosOnlyDelegationServesAMoveThatNamesTheNetbiosName() throws Exception {
        assertThat(lab.moveAndWait(Lab.shareNothing("m2-vm", "HV-M2", "HV-S1", "D:\\VMs\\m2-vm"))).isEmpty();
    }

    @Test
    void delegatingTheSofsNodesInsteadOfTheAccessPointIsRefused() throws Exception {
        WorldException e = refused(Lab.move("m3-vm", "HV-M3", "hv-s1.lab.test", StorageMove.NONE));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.E_ACCESSDENIED);
        assertThat(e.getMessage()).contains("'SOFS1'");

        world.adAddAllowedToDelegateTo("HV-M3", List.of("cifs/SOFS1"));
        world.purgeSystemTickets("HV-M3");
        assertThat(lab.moveAndWait(Lab.move("m3-vm", "HV-M3", "hv-s1.lab.test", StorageMove.NONE))).isEmpty();
    }

    @Test
    void mismatchedAuthenticationTypesAreRefusedWith0x8009030D() throws Exception {
        WorldException e = refused(Lab.shareNothing("m4-vm", "HV-M4", "hv-s1.lab.test", "D:\\VMs\\m4-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
    }

    @Test
    void credSspFromAWinRmSessionFailsWith0x8009030E() throws Exception {
        world.setVmHost("HV-S1", HostSettings.NONE.withAuthentication(MigrationAuthenticationType.CredSSP));
        WorldException e = refused(Lab.shareNothing("m4-vm", "HV-M4", "HV-S1", "D:\\VMs\\m4-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_NO_CREDENTIALS);
        assertThat(e.getMessage()).contains("Failed to establish a connection with host 'HV-S1': No credentials are "
                + "available in the security package (0x8009030E).");
    }

    @Test
    void credSspFromTheSourceConsoleSucceeds() throws Exception {
        world.setVmHost("HV-S1", HostSettings.NONE.withAuthentication(MigrationAuthenticationType.CredSSP));
        MoveVmRequest console = new MoveVmRequest("m4-vm", null, "HV-M4", "HV-S1",
                new StorageMove.All("D:\\VMs\\m4-vm"), Caller.interactive("LAB\\admin"));
        assertThat(lab.moveAndWait(console)).isEmpty();
    }

    @Test
    void credentialGuardOnTheSourceBlocksCredSspEvenFromTheConsole() throws Exception {
        world.setVmHost("HV-B1", HostSettings.NONE.withAuthentication(MigrationAuthenticationType.CredSSP));
        world.setVmHost("HV-B2", HostSettings.NONE.withAuthentication(MigrationAuthenticationType.CredSSP));
        world.clusters().removeGroup("CLB", "rpt-b2", true);
        MoveVmRequest console = new MoveVmRequest("rpt-b2", null, "HV-B2", "HV-B1", StorageMove.NONE,
                Caller.interactive("LAB\\admin"));
        assertThat(refused(console).hresult()).isEqualTo(WindowsErrors.SEC_E_NO_CREDENTIALS);
    }

    @Test
    void folkloreSpnIsNotTheMigrationServiceSpn() {
        WorldException e = refused(Lab.shareNothing("m6-vm", "HV-M6", "hv-s1.lab.test", "D:\\VMs\\m6-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
    }

    @Test
    void unconstrainedDelegationDoesNotServeALiveMigration() throws Exception {
        assertThat(world.adComputer("HV-M7").trustedForDelegation()).isTrue();
        WorldException e = refused(Lab.shareNothing("m7-vm", "HV-M7", "hv-s1.lab.test", "D:\\VMs\\m7-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
    }

    @Test
    void kerberosOnlyDelegationFailsOverWinRmUntilProtocolTransitionIsOn() throws Exception {
        MoveVmRequest move = Lab.shareNothing("m8-vm", "HV-M8", "hv-s1.lab.test", "D:\\VMs\\m8-vm");
        WorldException e = refused(move);
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_NO_CREDENTIALS);
        assertThat(e.getMessage()).contains("(0x8009030E)");

        world.adSetAccountControl("HV-M8", AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION, true);
        world.purgeSystemTickets("HV-M8");
        assertThat(lab.moveAndWait(move)).isEmpty();
    }

    @Test
    void kerberosOnlyDelegationServesAMoveStartedAtTheSourceConsole() throws Exception {
        MoveVmRequest console = new MoveVmRequest("m8-vm", null, "HV-M8", "hv-s1.lab.test",
                new StorageMove.All("D:\\VMs\\m8-vm"), Caller.interactive("LAB\\svc-hvmigrate"));
        assertThat(lab.moveAndWait(console)).isEmpty();
    }

    @Test
    void crossForestWithoutForestTrustIsRefusedEvenWithResourceBasedDelegation() {
        WorldException e = refused(Lab.shareNothing("x1-vm", "HV-S1", "hv-x1.isolated.test", "D:\\VMs\\x1-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_TARGET_UNKNOWN);
        assertThat(e.getMessage()).contains("The specified target is unknown or unreachable (0x80090303)");
    }

    @Test
    void crossForestWithForestTrustWorksThroughResourceBasedDelegation() throws Exception {
        assertThat(lab.moveAndWait(Lab.shareNothing("x1-vm", "HV-S1", "hv-p1.partner.test", "D:\\VMs\\x1-vm")))
                .isEmpty();
    }

    @Test
    void classicDelegationDoesNotCrossDomains() throws Exception {
        world.adSetPrincipalsAllowedToDelegateToAccount("HV-P1", List.of());
        world.adAddAllowedToDelegateTo("HV-S1", List.of(VMMS + "hv-p1.partner.test", "cifs/hv-p1.partner.test"));
        world.purgeSystemTickets("HV-S1");
        WorldException e = refused(Lab.shareNothing("x1-vm", "HV-S1", "hv-p1.partner.test", "D:\\VMs\\x1-vm"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
    }

    @Test
    void resourceBasedDelegationOnTheDestinationReplacesClassicDelegation() throws Exception {
        MoveVmRequest move = Lab.shareNothing("m7-vm", "HV-M7", "hv-s1.lab.test", "D:\\VMs\\m7-vm");
        world.adSetPrincipalsAllowedToDelegateToAccount("HV-S1", List.of("LAB\\HV-M7$"));
        world.purgeSystemTickets("HV-M7");
        assertThat(lab.moveAndWait(move)).isEmpty();
    }

    @Test
    void sensitiveCallerCannotBeDelegated() {
        MoveVmRequest r = new MoveVmRequest("dev-s2", null, "HV-S2", "hv-s3.lab.test",
                new StorageMove.All("D:\\VMs\\dev-s2"), Caller.network("LAB\\admin-sensitive"));
        assertThat(refused(r).hresult()).isEqualTo(WindowsErrors.SEC_E_NO_CREDENTIALS);
    }

    @Test
    void protectedUsersMemberCannotBeDelegated() {
        MoveVmRequest r = new MoveVmRequest("dev-s2", null, "HV-S2", "hv-s3.lab.test",
                new StorageMove.All("D:\\VMs\\dev-s2"), Caller.network("LAB\\ops-protected"));
        assertThat(refused(r).hresult()).isEqualTo(WindowsErrors.SEC_E_NO_CREDENTIALS);
    }

    @Test
    void destinationThatNeverRegisteredTheMigrationSpnIsUnknownToTheKdc() throws Exception {
        var hvS3 = world.adComputer("HV-S3");
        world.directory().setServicePrincipalNames("HV-S3", hvS3.servicePrincipalNames().stream()
                .filter(s -> !s.startsWith("Microsoft Virtual System Migration Service/")).toList());
        world.purgeSystemTickets("HV-S2");
        WorldException e = refused(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test", "D:\\VMs\\dev-s2"));
        assertThat(e.hresult()).isEqualTo(WindowsErrors.SEC_E_TARGET_UNKNOWN);
    }

    @Test
    void removingTheMigrationServiceSpnBreaksTheMoveAfterAPurge() throws Exception {
        world.adRemoveAllowedToDelegateTo("HV-S2", List.of(VMMS + "hv-s3.lab.test"));
        world.purgeSystemTickets("HV-S2");
        assertThatThrownBy(() -> world.startMove(Lab.shareNothing("dev-s2", "HV-S2", "hv-s3.lab.test",
                "D:\\VMs\\dev-s2"))).isInstanceOf(WorldException.class)
                .extracting(t -> ((WorldException) t).hresult()).isEqualTo(WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS);
    }
}
