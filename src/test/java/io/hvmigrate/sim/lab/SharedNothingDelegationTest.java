package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.sim.lab.junit.WithFleet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 3's done-when, all over the wire with WinRM4J: the lab's HV-M1 delegates only "Microsoft Virtual System
 * Migration Service" to HV-S1, so a shared-nothing Move-VM (which also needs {@code cifs/<destination>}, reference
 * §3.2) fails at the source; adding the cifs entries in Active Directory does not help HV-M1 until it drops its cached
 * tickets with {@code klist purge -li 0x3e7} (reference §3.2 "Propagation"); then the move succeeds.
 *
 * <p>The fleet runs 10 times faster than real time, and the test starts by purging HV-M1's tickets: they then live
 * 15 simulated minutes (90 s here), far longer than the first steps take, so the move that "still fails" fails
 * because of the cache, not by chance of timing; the test checks that premise rather than assume it.
 */
@WithFleet(timeScale = 10)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedNothingDelegationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOVE = "Move-VM -Name m1-vm -DestinationHost hv-s1.lab.test -IncludeStorage "
            + "-DestinationStoragePath 'D:\\VMs\\m1-vm'";
    private static final String ADD_CIFS = "Set-ADComputer -Identity HV-M1 -Add "
            + "@{'msDS-AllowedToDelegateTo'=@('cifs/hv-s1.lab.test','cifs/HV-S1')}";

    private final SimFleet sim;
    private WinRm4jPeer winrm;

    SharedNothingDelegationTest(SimFleet sim) {
        this.sim = sim;
    }

    @BeforeAll
    void connect() {
        winrm = new WinRm4jPeer(sim, LabFiles.serviceAccount(sim));
    }

    @AfterAll
    void disconnect() {
        winrm.close();
    }

    @Test
    void sharedNothingMoveNeedsCifsDelegationAndATicketPurgeOnTheSource() throws Exception {
        // HV-M1 starts from fresh tickets, so the premise checked below counts from here, not from the fleet's start
        Instant fresh = sim.world().clock().now();
        assertThat(run("HV-M1", "klist purge -li 0x3e7").ok()).contains("Ticket(s) purged!");

        PsResult refused = run("HV-M1", MOVE);
        assertMoveRefusedForMissingCifs(refused);
        assertThat(vmsOn("HV-M1")).contains("m1-vm");

        // written through HV-S3, the lab's domain controller: from any other host the AD module's hop to a DC fails
        assertThat(run("HV-S3", ADD_CIFS).ok()).isBlank();
        assertThat(delegationOf("HV-M1")).contains("cifs/hv-s1.lab.test", "cifs/HV-S1",
                "Microsoft Virtual System Migration Service/hv-s1.lab.test");

        Duration ticketLifetime = Duration.ofMinutes(sim.fleet().kerberos().ticketLifetimeMinutes());
        PsResult stillRefused = run("HV-M1", MOVE);
        assertThat(Duration.between(fresh, sim.world().clock().now()))
                .as("the steps so far ran within HV-M1's ticket lifetime (else raise the time scale)")
                .isLessThan(ticketLifetime);
        assertMoveRefusedForMissingCifs(stillRefused);

        PsResult purge = run("HV-M1", "klist purge -li 0x3e7");
        assertThat(purge.ok()).contains("Targeted LogonId is 0:0x3e7").contains("Ticket(s) purged!");

        assertThat(run("HV-M1", MOVE).ok()).isBlank();
        JsonNode moved = JSON.readTree(run("HV-S1",
                "Get-VM -Name m1-vm | Select-Object Name, ComputerName, State, Path | ConvertTo-Json").ok());
        assertThat(moved.path("ComputerName").asText()).isEqualTo("HV-S1");
        assertThat(moved.path("State").asInt()).as("Running").isEqualTo(2);
        assertThat(moved.path("Path").asText()).isEqualTo("D:\\VMs\\m1-vm");
        assertThat(vmsOn("HV-M1")).doesNotContain("m1-vm");
    }

    private static void assertMoveRefusedForMissingCifs(PsResult move) {
        assertThat(move.exitCode()).isEqualTo(1);
        assertThat(FleetConformanceContract.unwrapped(move.stderr()))
                .startsWith("Move-VM : Virtual machine migration operation for 'm1-vm' failed at migration source "
                        + "'HV-M1'.")
                .contains("hv-s1.lab.test")
                .contains("General access denied error (0x80070005).")
                .contains("FullyQualifiedErrorId : OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVM");
    }

    private String vmsOn(String host) throws Exception {
        return run(host, "Get-VM | Select-Object -ExpandProperty Name").ok();
    }

    private String delegationOf(String computer) throws Exception {
        return run("HV-S3", "(Get-ADComputer -Identity " + computer + " -Properties msDS-AllowedToDelegateTo)"
                + ".'msDS-AllowedToDelegateTo' | ConvertTo-Json").ok();
    }

    private PsResult run(String host, String script) throws Exception {
        return winrm.runPs(sim.endpoint(host).orElseThrow(), script);
    }
}
