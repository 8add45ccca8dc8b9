package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an independent WinRM client sees of the whole lab fleet (config/fleets/lab.yaml), each host through its own
 * endpoint: Get-VMHost and Get-VM as Windows PowerShell 5.1's ConvertTo-Json writes them (enums as numbers, the
 * property names of the Hyper-V module, reference §0), and a live migration with shared SMB storage (scenario 3,
 * {@code Move-VM -Name file-s1 -DestinationHost hv-s2.lab.test}) that the destination's own endpoint then shows.
 *
 * <p>Each subclass is one client on one transport, with a fleet of its own ({@code @WithFleet}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetConformanceContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimFleet sim;
    private WinRmPeer peer;

    /** The client under test, logging on as the fleet's service account. */
    abstract WinRmPeer connect(SimFleet sim, LabFiles.Written files) throws Exception;

    @BeforeAll
    void connectClient(SimFleet fleet, LabFiles.Written files) throws Exception {
        sim = fleet;
        peer = connect(fleet, files);
    }

    @AfterAll
    void closeClient() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void getVmHostNamesTheHostAndItsMigrationSettings() throws Exception {
        JsonNode host = json(run("HV-S1", "Get-VMHost | ConvertTo-Json").ok());

        assertThat(host.path("Name").asText()).isEqualTo("HV-S1");
        assertThat(host.path("ComputerName").asText()).isEqualTo("HV-S1");
        assertThat(host.path("FullyQualifiedDomainName").asText()).isEqualTo("hv-s1.lab.test");
        assertThat(host.path("VirtualMachineMigrationEnabled").isBoolean()).isTrue();
        assertThat(host.path("VirtualMachineMigrationEnabled").asBoolean()).isTrue();
        assertThat(host.path("VirtualMachineMigrationAuthenticationType").asInt()).as("Kerberos").isEqualTo(1);
        assertThat(host.path("VirtualMachineMigrationPerformanceOption").asInt()).as("Compression").isEqualTo(1);
        assertThat(host.path("UseAnyNetworkForMigration").asBoolean(true)).isFalse();
        assertThat(host.path("MaximumVirtualMachineMigrations").asInt()).isEqualTo(2);
        assertThat(host.path("MaximumStorageMigrations").asInt()).isEqualTo(2);
        assertThat(host.has("MigrationNetworks")).as("the VMHost object has no MigrationNetworks property").isFalse();
        assertThat(host.path("SupportedVmVersions")).extracting(JsonNode::asText)
                .as("Windows Server 2022 runs configuration versions 8.0 to 10.0").contains("8.0", "9.0", "10.0")
                .doesNotContain("5.0", "11.0");
    }

    @Test
    void getVmListsEveryVmOfTheHostWithItsStateAsTheEnumNumber() throws Exception {
        JsonNode vms = json(run("HV-M1", "Get-VM | ConvertTo-Json").ok());

        assertThat(vms.isArray()).as("two VMs serialize as a JSON array").isTrue();
        assertThat(vms).extracting(v -> v.path("Name").asText()).containsExactlyInAnyOrder("m1-vm", "old-m1");
        for (JsonNode vm : vms) {
            assertThat(vm.path("ComputerName").asText()).isEqualTo("HV-M1");
            assertThat(vm.path("IsClustered").asBoolean(true)).isFalse();
            assertThat(vm.path("Id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(vm.path("MemoryStartup").asLong()).as("bytes").isEqualTo(4L << 30);
        }
        JsonNode running = find(vms, "m1-vm");
        assertThat(running.path("State").asInt()).as("Running").isEqualTo(2);
        assertThat(running.path("Version").asText()).isEqualTo("9.0");
        assertThat(running.path("Path").asText()).isEqualTo("D:\\VMs\\m1-vm");
        JsonNode off = find(vms, "old-m1");
        assertThat(off.path("State").asInt()).as("Off").isEqualTo(3);
        assertThat(off.path("Version").asText()).isEqualTo("5.0");
    }

    @Test
    void moveVmWithSharedSmbStorageLeavesTheVmRunningOnTheDestination() throws Exception {
        JsonNode before = json(run("HV-S1", "Get-VM -Name file-s1 | ConvertTo-Json").ok());
        assertThat(before.path("ComputerName").asText()).isEqualTo("HV-S1");

        PsResult move = run("HV-S1", "Move-VM -Name file-s1 -DestinationHost hv-s2.lab.test");
        assertThat(move.ok()).as("Move-VM writes nothing without -Passthru").isBlank();

        JsonNode after = json(run("HV-S2", "Get-VM -Name file-s1 | ConvertTo-Json").ok());
        assertThat(after.path("Id").asText()).isEqualTo(before.path("Id").asText());
        assertThat(after.path("ComputerName").asText()).isEqualTo("HV-S2");
        assertThat(after.path("State").asInt()).as("Running").isEqualTo(2);
        assertThat(after.path("Path").asText()).as("the files stay on the share").isEqualTo("\\\\FS1\\vmstore\\file-s1");
        assertThat(after.path("HardDrives").path(0).path("Path").asText())
                .isEqualTo("\\\\FS1\\vmstore\\file-s1\\Virtual Hard Disks\\file-s1.vhdx");

        PsResult gone = run("HV-S1", "Get-VM -Name file-s1");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(unwrapped(gone.stderr()))
                .contains("Hyper-V was unable to find a virtual machine with name \"file-s1\".");
    }

    PsResult run(String host, String script) throws Exception {
        SimFleet.Endpoint endpoint = sim.endpoint(host).orElseThrow();
        return peer.runPs(endpoint, script);
    }

    SimFleet sim() {
        return sim;
    }

    /** PowerShell's error view wraps lines at the console width; the tests read the message as one line. */
    static String unwrapped(String text) {
        return text.replaceAll("\r?\n", "");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode find(JsonNode vms, String name) {
        for (JsonNode vm : vms) {
            if (vm.path("Name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name + " in " + vms);
    }
}
