package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.VmInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight against the simulated fleet, through discovery over WinRM: the lab tour passes; every planted
 * misconfiguration is found with its evidence and fix, and run refuses that playbook without touching a VM. The
 * simulator enforces the same rules on Move-VM, so a check that passes here where hvsim would refuse the move (or the
 * other way round) shows up in the lab tour test.
 */
class PreflightIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimFleet sim;
    static LabFiles.Written files;

    @BeforeAll
    static void startFleet() throws Exception {
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults());
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
    }

    @AfterAll
    static void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }


    static Result cli(String... args) {
        return Cli.run(files.inventory(), dir, args);
    }

    @Test
    void theLabTourPassesPreflight() throws Exception {
        Result r = cli("check", "playbooks/lab-tour.yaml", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.path("blocking").asBoolean()).isFalse();
        assertThat(report.path("counts").path("blocking").asInt()).isZero();
    }

    @Test
    void everyPlantedMisconfigurationIsFoundWithEvidenceAndFix() throws Exception {
        Result r = cli("check", "playbooks/lab-misconfigured.yaml", "-o", "json");

        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        JsonNode report = JSON.readTree(r.out());
        Map<String, Set<String>> idsByMove = new TreeMap<>();
        for (JsonNode f : report.path("findings")) {
            idsByMove.computeIfAbsent(f.path("move").isNull() ? f.path("host").asText() : f.path("move").asText(),
                    k -> new TreeSet<>()).add(f.path("id").asText());
            assertThat(f.path("evidence")).as(f.toString()).isNotEmpty();
        }
        assertThat(idsByMove.get("m001")).containsExactly("delegation.missing");            // HV-M1: no cifs/
        assertThat(idsByMove.get("m002")).containsExactly("delegation.missing");            // HV-M2: NetBIOS only
        assertThat(idsByMove.get("m003")).containsExactly("delegation.missing");            // HV-M3: SOFS nodes
        assertThat(idsByMove.get("hv-m3")).contains("delegation.sofs-nodes");
        assertThat(idsByMove.get("m004")).contains("auth.mismatch", "auth.credssp");       // HV-M4: CredSSP
        assertThat(idsByMove.get("hv-m6")).contains("delegation.useless-entry");            // folklore SPN
        assertThat(idsByMove.get("hv-m7")).contains("delegation.unconstrained");
        assertThat(idsByMove.get("m007")).containsExactly("delegation.protocol-transition"); // HV-M8
        assertThat(idsByMove.get("hv-m5")).contains("network.any");
        JsonNode m1 = findings(report, "m001").getFirst();
        assertThat(m1.path("fix").asText()).contains("'cifs/hv-s1.lab.test'", "'cifs/HV-S1'", "klist purge -li 0x3e7");
        assertThat(m1.path("evidence").get(0).asText()).contains("HV-M1$", "Microsoft Virtual System Migration Service/hv-s1.lab.test");
    }

    /**
     * Get-ADComputer leaves msDS-AllowedToDelegateTo out when it has no value (TechNet wiki "Active Directory:
     * PowerShell AD Module Properties", learn.microsoft.com/archive/technet-wiki/12031; WPD
     * docset/winserver2022-ps/ActiveDirectory/Get-ADComputer.md Example 1): HV-M7 has none, and neither its facts nor
     * the evidence about it hold an SPN "null".
     */
    @Test
    void aHostWithoutConstrainedDelegationHasNoSpnCalledNull() throws Exception {
        Result r = cli("check", "playbooks/lab-misconfigured.yaml", "-o", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("msDS-AllowedToDelegateTo = null");
        List<String> m7 = new ArrayList<>();
        JSON.readTree(r.out()).path("findings").forEach(f -> f.path("evidence").forEach(e -> {
            if (e.asText().contains("HV-M7$")) {
                m7.add(e.asText());
            }
        }));
        assertThat(m7).anySatisfy(e -> assertThat(e).contains("HV-M7$ msDS-AllowedToDelegateTo = (empty)"));

        Path facts = dir.resolve("facts-null.json");
        Result d = cli("discover", "--out", facts.toString());
        assertThat(d.exit()).as(d.err()).isZero();
        JsonNode all = JSON.readTree(facts.toFile());
        List<JsonNode> accounts = all.findParents("samAccountName");
        assertThat(accounts).anySatisfy(a -> {
            assertThat(a.path("samAccountName").asText()).isEqualToIgnoringCase("HV-M7$");
            assertThat(a.path("allowedToDelegateTo").isMissingNode() || a.path("allowedToDelegateTo").isEmpty())
                    .as(a.toString()).isTrue();
        });
        for (JsonNode a : accounts) {
            for (String list : List.of("allowedToDelegateTo", "servicePrincipalNames", "allowedToActOnBehalfOf")) {
                a.path(list).forEach(v -> assertThat(v.isNull() || v.asText().equals("null") || v.asText().isEmpty())
                        .as(a.path("samAccountName") + " " + list + " " + v).isFalse());
            }
        }
    }

    @Test
    void runRefusesTheMisconfiguredPlaybookAndChangesNothing() {
        Map<String, String> before = placement();

        Result r = cli("run", "playbooks/lab-misconfigured.yaml");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("Refused: nothing was changed", "delegation.missing");
        assertThat(placement()).isEqualTo(before);
    }

    private static List<JsonNode> findings(JsonNode report, String move) {
        List<JsonNode> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (move.equals(f.path("move").asText())) {
                out.add(f);
            }
        });
        return out;
    }

    private static Map<String, String> placement() {
        Map<String, String> m = new TreeMap<>();
        for (String vm : List.of("m1-vm", "m2-vm", "m3-vm", "m4-vm", "m6-vm", "m7-vm", "m8-vm", "iso-s1")) {
            VmInfo v = sim.world().findVm(vm).orElseThrow();
            m.put(vm, v.computerName() + " " + v.path());
        }
        return m;
    }
}
