package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delegation plan|apply} at the scale of a 64-node cluster with a Scale-Out File Server and a file server, on a
 * fleet generated into a temp dir: every ordered pair, both services, both name forms, plus cifs to the two file servers
 * (64·63·4 + 64·2·2 = 16,384 grants); apply makes them in a bounded number of directory round trips (a few per account,
 * not one per SPN), in seconds; a second apply changes nothing.
 */
class DelegationScaleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 64;

    @TempDir
    static Path dir;
    static SimFleet sim;
    static LabFiles.Written files;

    @BeforeAll
    static void startFleet() throws Exception {
        Path fleet = dir.resolve("scale64.yaml");
        Files.writeString(fleet, fleetYaml());
        sim = SimFleet.start(fleet, SimFleet.Options.defaults().withTimeScale(50));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
    }

    @AfterAll
    static void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }

    static String fleetYaml() {
        // every node's computer account has Full Control on both shares, as a cluster's file shares are set up
        List<String> nodes = new ArrayList<>(List.of("'CL64$'"));
        for (int i = 1; i <= NODES; i++) {
            nodes.add(String.format(Locale.ROOT, "'N%02d$'", i));
        }
        StringBuilder y = new StringBuilder("""
                name: scale64
                domains:
                  - { name: scale.test, netbios: SCALE }
                users:
                  - { sam: svc-hvmigrate, domain: scale.test }
                clusters:
                  - name: CL64
                    domain: scale.test
                    maximumParallelMigrations: 2
                    csvVolumes:
                      - { path: 'C:\\ClusterStorage\\Volume1', sizeGB: 65536, freeGB: 60000 }
                    networks:
                      - { name: LiveMigration, address: 198.51.100.0/24, role: Cluster }
                    migrationNetworkOrder: [LiveMigration]
                fileServers:
                  - name: SOFS64
                    domain: scale.test
                    sofs: true
                    nodes: [SOFS64-N1, SOFS64-N2]
                    shares:
                      - { name: vms, sizeGB: 8192, freeGB: 6000, fullControl: [%FC%] }
                  - name: FS64
                    domain: scale.test
                    shares:
                      - { name: vmstore, sizeGB: 4096, freeGB: 3000, fullControl: [%FC%] }
                hosts:
                """.replace("%FC%", String.join(", ", nodes)));
        for (int i = 1; i <= NODES; i++) {
            y.append(String.format(Locale.ROOT, """
                      - name: N%02d
                        domain: scale.test
                        os: 2022
                        cluster: CL64
                        winrm: { address: 127.0.3.%d }
                        migrationAddresses: [198.51.100.%d]
                        migration: { enabled: true, authenticationType: Kerberos, useAnyNetwork: false }
                        migrationNetworks: [{ subnet: 198.51.100.0/24 }]
                        switches: [LAN]
                        processor: { vendor: GenuineIntel, family: IceLake }
                        memoryTotalGB: 512
                        memoryFreeGB: 400
                        volumes: [{ path: 'D:\\', sizeGB: 2000, freeGB: 1500 }]
                    """, i, i, i));
        }
        y.append("""
                vms:
                  - name: sofs-vm
                    host: N01
                    path: '\\\\SOFS64\\vms\\sofs-vm'
                    disks: [{ path: '\\\\SOFS64\\vms\\sofs-vm\\sofs-vm.vhdx', sizeGB: 40 }]
                    switches: [LAN]
                    clusterGroup: {}
                  - name: fs-vm
                    host: N02
                    path: '\\\\FS64\\vmstore\\fs-vm'
                    disks: [{ path: '\\\\FS64\\vmstore\\fs-vm\\fs-vm.vhdx', sizeGB: 40 }]
                    switches: [LAN]
                    clusterGroup: {}
                faults: []
                """);
        // N01 is also the domain's DC: the inventory reads and writes the directory through it (directory: {via: n01});
        // on any other node the ActiveDirectory module's hop to a DC would fail
        return y.toString().replace("  - name: N01\n    domain: scale.test\n",
                "  - name: N01\n    domain: scale.test\n    domainController: true\n");
    }


    static Result cli(String... args) {
        return Cli.run(files.inventory(), dir, args);
    }

    @Test
    void aSixtyFourNodeClusterIsDelegatedInBoundedRoundTripsAndOnlyOnce() throws Exception {
        int grants = NODES * (NODES - 1) * 4 + NODES * 2 * 2;
        Result plan = cli("delegation", "plan", "--hosts", "CL64", "-o", "json");
        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode p = JSON.readTree(plan.out());
        assertThat(p.path("grants").asInt()).as(plan.err()).isEqualTo(grants);
        assertThat(p.path("needed").asInt()).isEqualTo(grants);
        assertThat(p.path("present").asInt()).isZero();
        String script = p.path("script").asText();
        assertThat(script).contains("'cifs/SOFS64'", "'cifs/sofs64.scale.test'", "'cifs/FS64'")
                .doesNotContain("SOFS64-N1");

        long before = sim.commandsRun("N01");
        long started = System.nanoTime();
        Result apply = cli("delegation", "apply", "--yes", "--hosts", "CL64", "--via", "N01", "-o", "json");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        long roundTrips = sim.commandsRun("N01") - before;
        JsonNode a = JSON.readTree(apply.out());
        assertThat(a.path("after").path("complete").asBoolean()).isTrue();
        // one account after another, a few scripts each (SPNs grouped by host part), never one per SPN
        assertThat(roundTrips).as("round trips through the management host").isLessThanOrEqualTo(6L * NODES);
        assertThat(took).as("apply of " + grants + " grants").isLessThan(Duration.ofSeconds(60));

        for (int i = 1; i <= NODES; i++) {
            ComputerAccount acct = sim.world().directory().computer(String.format(Locale.ROOT, "N%02d$", i)).orElseThrow();
            assertThat(acct.allowedToDelegateTo()).hasSize((NODES - 1) * 4 + 4);
            assertThat(acct.trustedToAuthForDelegation()).isTrue();
        }
        String directory = sim.world().directory().computers().toString();

        Result again = cli("delegation", "apply", "--yes", "--hosts", "CL64", "--via", "N01");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Nothing to change");
        assertThat(sim.world().directory().computers().toString()).isEqualTo(directory);
        System.out.printf(Locale.ROOT, "delegation apply: %d grants, %d round trips through N01, %d ms%n", grants,
                roundTrips, took.toMillis());
    }
}
