package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.fleet.HostSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approve, then run exactly that: a drain planned against a snapshot and written for approval ({@code plan --out}),
 * then the fleet changes by hand before {@code run --plan}. The move whose VM is no longer where it was approved is
 * refused with what was approved and what is so now; a VM already on its approved destination is skipped; the rest
 * run as approved; a VM the drain would now take is left where it is. An approved plan edited since, made for another
 * inventory, or whose playbook changed since, is refused before any host is contacted.
 */
class ApprovedPlanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DRAINED = List.of("app-a1", "app-a1b", "app-a1c");

    @TempDir
    Path dir;
    SimFleet sim;
    LabFiles.Written files;
    Path playbook;

    @BeforeEach
    void startFleet() throws Exception {
        // the lab fleet with two more clustered VMs on HV-A1, so that draining it makes three moves
        String lab = Files.readString(Path.of("config/fleets/lab.yaml"), StandardCharsets.UTF_8);
        StringBuilder more = new StringBuilder();
        for (String vm : List.of("app-a1b", "app-a1c")) {
            more.append("""
                      - name: %1$s
                        host: HV-A1
                        memoryStartupMB: 4096
                        path: 'C:\\ClusterStorage\\Volume1\\%1$s'
                        disks: [{ path: 'C:\\ClusterStorage\\Volume1\\%1$s\\Virtual Hard Disks\\%1$s.vhdx', sizeGB: 40 }]
                        switches: [LAN]
                        clusterGroup: {}
                    """.formatted(vm));
        }
        int at = lab.indexOf("\nfaults:");
        assertThat(at).isPositive();
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, lab.substring(0, at + 1) + more + lab.substring(at + 1), StandardCharsets.UTF_8);
        sim = SimFleet.start(fleet, SimFleet.Options.defaults().withTimeScale(200));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
        playbook = dir.resolve("drain-a1.yaml");
        Files.writeString(playbook, """
                version: 1
                name: drain-a1
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                moves:
                  - drain: hv-a1
                """, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }

    /** discover, then plan the drain against that snapshot and write it for approval. */
    private Path approve() throws Exception {
        Path facts = dir.resolve("facts.json");
        Result d = Cli.run(files.inventory(), dir, "discover", "--out", facts.toString());
        assertThat(d.exit()).as(d.out() + d.err()).isZero();
        Path plan = dir.resolve("approved.json");
        Result p = Cli.run(files.inventory(), dir, "plan", playbook.toString(), "--facts", facts.toString(), "--out", plan.toString());
        assertThat(p.exit()).as(p.out() + p.err()).isZero();
        assertThat(p.out()).contains("Plan for approval written to " + plan);
        return plan;
    }

    /** VM name → the destination host the approved plan gives it. */
    private static Map<String, String> approvedDestinations(Path plan) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode m : JSON.readTree(plan.toFile()).path("moves")) {
            assertThat(m.path("outcome").asText()).isEqualTo("planned");
            out.put(m.path("vm").path("name").asText(), m.path("destination").path("host").asText());
        }
        return out;
    }

    @Test
    void aDriftedMoveIsRefusedWithTheDiffTheOthersRunAsApprovedAndNothingIsAdded() throws Exception {
        Path plan = approve();
        Map<String, String> to = approvedDestinations(plan);
        assertThat(to.keySet()).containsExactlyElementsOf(DRAINED);
        // by hand, since the approval: app-a1 goes to the CLA node it was not approved for, app-a1b to the one it was,
        // and web-a2 arrives on the drained host
        String elsewhere = to.get("app-a1").equalsIgnoreCase("hv-a2") ? "HV-A3" : "HV-A2";
        sim.world().clusters().moveVirtualMachineRole("CLA", "app-a1", elsewhere, "Quick");
        sim.world().clusters().moveVirtualMachineRole("CLA", "app-a1b", to.get("app-a1b").toUpperCase(), "Quick");
        sim.world().clusters().moveVirtualMachineRole("CLA", "web-a2", "HV-A1", "Quick");
        String diff = "approved: app-a1 on hv-a1 → " + to.get("app-a1") + " (S1); now: app-a1 is on " + elsewhere.toLowerCase();

        Result refused = Cli.run(files.inventory(), dir, "run", "--plan", plan.toString());

        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(refused.out()).contains("Refused: nothing was changed", "NOT_AS_APPROVED", diff);
        assertThat(host("app-a1c")).isEqualToIgnoringCase("HV-A1");

        Result r = Cli.run(files.inventory(), dir, "run", "--plan", plan.toString(), "--skip-refused", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);   // a move was left out: not all that was asked was done
        Map<String, JsonNode> byVm = new HashMap<>();
        for (JsonNode m : JSON.readTree(Files.readString(reportOf(r), StandardCharsets.UTF_8)).path("moves")) {
            byVm.put(m.path("vm").asText(), m);
        }
        assertThat(byVm.keySet()).containsExactlyInAnyOrderElementsOf(DRAINED);
        assertThat(byVm.get("app-a1").path("state").asText()).isEqualTo("refused");
        assertThat(byVm.get("app-a1").path("detail").asText()).startsWith("NOT_AS_APPROVED: " + diff);
        assertThat(byVm.get("app-a1").path("source").asText()).as("the approved route").isEqualTo("hv-a1");
        assertThat(byVm.get("app-a1b").path("state").asText()).isEqualTo("skipped");
        assertThat(byVm.get("app-a1c").path("state").asText()).isEqualTo("done");
        assertThat(host("app-a1")).isEqualToIgnoringCase(elsewhere);
        assertThat(host("app-a1c")).isEqualToIgnoringCase(to.get("app-a1c"));
        assertThat(host("web-a2")).as("not in the approved plan").isEqualToIgnoringCase("HV-A1");
        assertThat(r.out()).containsIgnoringCase("web-a2 (on hv-a1) is not in the approved plan");
    }

    @Test
    void anApprovedPlanEditedSinceIsRefusedBeforeAnyHostIsContacted() throws Exception {
        Path plan = approve();
        Map<String, String> to = approvedDestinations(plan);
        String other = to.get("app-a1").equalsIgnoreCase("hv-a2") ? "hv-a3" : "hv-a2";
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("(\"destination\" : \\{\\s*\"host\" : \")" + to.get("app-a1") + "\"", "$1" + other + "\"");
        assertThat(edited).isNotEqualTo(text);
        Files.writeString(plan, edited, StandardCharsets.UTF_8);
        long before = commandsRun();

        Result r = Cli.run(files.inventory(), dir, "run", "--plan", plan.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the approved plan was changed after it was written", "nothing was contacted");
        assertThat(commandsRun()).isEqualTo(before);
        assertThat(DRAINED).allSatisfy(vm -> assertThat(host(vm)).isEqualToIgnoringCase("HV-A1"));
    }

    @Test
    void aPlanMadeForAnotherInventoryIsRefused() throws Exception {
        Path plan = approve();
        String text = Files.readString(files.inventory(), StandardCharsets.UTF_8);
        String fewer = text.replaceFirst("(?m)^  - \\{ name: hv-p1,.*\\n", "");
        assertThat(fewer).isNotEqualTo(text);
        Path other = dir.resolve("lab/other-inventory.yaml");
        Files.writeString(other, fewer, StandardCharsets.UTF_8);
        long before = commandsRun();

        Result r = Cli.run(other, dir, "run", "--plan", plan.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the approved plan was made for another inventory");
        assertThat(commandsRun()).isEqualTo(before);
    }

    @Test
    void aPlaybookChangedSinceTheApprovalIsRefused() throws Exception {
        Path plan = approve();
        Files.writeString(playbook, Files.readString(playbook, StandardCharsets.UTF_8) + "  - { vm: web-a2, to: hv-a3 }\n", StandardCharsets.UTF_8);

        Result r = Cli.run(files.inventory(), dir, "run", "--plan", plan.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the playbook has changed since the plan was approved");
    }

    private String host(String vm) {
        return sim.world().findVm(vm).orElseThrow().computerName();
    }

    private long commandsRun() {
        long n = 0;
        for (HostSpec h : sim.fleet().hosts()) {
            n += sim.commandsRun(h.name());
        }
        return n;
    }

    private Path reportOf(Result r) throws Exception {
        try (var runs = Files.list(dir.resolve("runs"))) {
            return runs.filter(Files::isDirectory).map(p -> p.resolve("report.json")).filter(Files::exists).findFirst().orElseThrow(
                    () -> new AssertionError("no report.json: " + r.out() + r.err()));
        }
    }
}
