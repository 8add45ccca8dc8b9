package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.lab.junit.WithFleet;
import io.hvmigrate.sim.world.VmInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a scheduler can trust when part of the fleet is wrong: with --skip-refused, the moves preflight blocks are left
 * out (each with its finding) and the others run; a host that refuses the credentials is reported as AUTH_FAILED, and
 * the moves that depend on it are refused for that cause — never as a VM that does not exist; a run where no host
 * could be read exits as a connection problem (6), not as a refused plan.
 */
@WithFleet(timeScale = 200)
class PartialRunsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final SimFleet sim;
    final LabFiles.Written files;

    /** One simulated fleet for the class (its world is shared: each test compares before and after). */
    PartialRunsIT(SimFleet sim, LabFiles.Written files) {
        this.sim = sim;
        this.files = files;
    }



    @Test
    void skipRefusedLeavesPreflightBlockedMovesOutAndRunsTheOthers() throws Exception {
        // two moves preflight blocks (HV-M1 delegates no cifs/, HV-M4 uses CredSSP) among two it lets through
        Path playbook = dir.resolve("mixed.yaml");
        Files.writeString(playbook, """
                version: 1
                name: mixed
                policy:
                  authentication: kerberos
                  migrationNetwork: 198.51.100.0/24
                moves:
                  - { vm: app-a1, to: hv-a2 }
                  - { vm: m1-vm, to: hv-s1, storagePath: 'D:\\VMs\\m1-vm' }
                  - { vm: dev-s2, to: hv-s3, storagePath: 'D:\\VMs\\dev-s2' }
                  - { vm: m4-vm, to: hv-s1, storagePath: 'D:\\VMs\\m4-vm' }
                """, StandardCharsets.UTF_8);
        Result check = Cli.run(files.inventory(), dir, "check", playbook.toString(), "-o", "json");
        assertThat(check.exit()).as(check.err()).isEqualTo(3);
        Set<String> blockedMoves = new HashSet<>();
        for (JsonNode f : JSON.readTree(check.out()).path("findings")) {
            if ("blocking".equals(f.path("severity").asText()) && !f.path("move").isNull()) {
                blockedMoves.add(f.path("move").asText());
            }
        }
        Map<String, String> before = placement();

        Result r = Cli.run(files.inventory(), dir, "run", playbook.toString(), "--skip-refused", "-o", "json");

        // some moves were left out: not everything asked was done, so not 0; nothing failed, so not 1
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        JsonNode report = JSON.readTree(Files.readString(reportOf(r), StandardCharsets.UTF_8));
        Map<String, String> stateByMove = new TreeMap<>();
        Map<String, String> vmByMove = new HashMap<>();
        for (JsonNode m : report.path("moves")) {
            stateByMove.put(m.path("id").asText(), m.path("state").asText());
            vmByMove.put(m.path("id").asText(), m.path("vm").asText());
        }
        assertThat(blockedMoves).containsExactlyInAnyOrder("m002", "m004");
        assertThat(stateByMove.keySet()).containsAll(blockedMoves);
        for (String id : blockedMoves) {
            assertThat(stateByMove.get(id)).as(id).isEqualTo("refused");
            String vm = vmByMove.get(id);
            assertThat(placement().get(vm)).as(vm + " must not have moved").isEqualTo(before.get(vm));
        }
        List<String> ran = stateByMove.entrySet().stream().filter(e -> !blockedMoves.contains(e.getKey())).map(Map.Entry::getKey).toList();
        assertThat(ran).as("moves without a blocking finding").isNotEmpty();
        for (String id : ran) {
            assertThat(stateByMove.get(id)).as(id).isEqualTo("done");
            String vm = vmByMove.get(id);
            assertThat(sim.world().findVm(vm).orElseThrow().computerName()).as(vm).isEqualToIgnoringCase(destinationOf(id, report));
        }
        // each left-out move says why, with the finding's id
        for (JsonNode m : report.path("moves")) {
            if ("refused".equals(m.path("state").asText())) {
                assertThat(m.path("detail").asText()).matches("^[a-z]+\\.[a-z-]+: .*");
            }
        }
    }

    @Test
    void withoutSkipRefusedOneBlockedVmStillRefusesTheRun() {
        Map<String, String> before = placement();

        Result r = Cli.run(files.inventory(), dir, "run", "playbooks/lab-misconfigured.yaml");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("Refused: nothing was changed");
        assertThat(placement()).isEqualTo(before);
    }

    @Test
    void aHostThatRefusesTheCredentialsIsAuthFailedAndItsMovesAreRefusedForThatCause() throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-the-password\n", StandardCharsets.UTF_8);
        Path inventory = inventoryWith(files.inventory(), "hv-m1", "credential: \"file:" + wrong + "\"");
        Map<String, String> before = placement();

        Result r = Cli.run(inventory, dir, "run", "playbooks/lab-misconfigured.yaml", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        JsonNode m1 = null;
        for (String line : r.out().strip().split("\n")) {
            JsonNode e = JSON.readTree(line);
            if ("move-refused".equals(e.path("event").asText()) && "m1-vm".equals(e.path("vm").asText())) {
                m1 = e;
            }
        }
        assertThat(m1).as(r.out()).isNotNull();
        assertThat(m1.path("why").asText()).startsWith("AUTH_FAILED: ").contains("hv-m1").doesNotContain("VM_NOT_FOUND");
        JsonNode last = lastJson(r.out());
        assertThat(last.path("event").asText()).isEqualTo("run-finished");
        assertThat(last.path("outcome").asText()).isEqualTo("refused");
        assertThat(last.path("exitCode").asInt()).isEqualTo(3);
        assertThat(placement()).isEqualTo(before);
    }

    @Test
    void aRunWhereNoHostCanBeReadExitsAsAConnectionProblemNamingTheCausePerHost() throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "not-the-password\n", StandardCharsets.UTF_8);
        String text = Files.readString(files.inventory(), StandardCharsets.UTF_8)
                .replaceAll("(?m)^  credential: .*$", "  credential: \"file:" + wrong + "\"");
        assertThat(text).contains(wrong.toString());
        Path inventory = files.inventory().resolveSibling("all-wrong.yaml");
        Files.writeString(inventory, text, StandardCharsets.UTF_8);

        Result r = Cli.run(inventory, dir, "run", "playbooks/lab-tour.yaml");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(6);
        assertThat(r.err()).contains("no host could be read", "hv-a1: authentication failed (AUTH_FAILED)")
                .doesNotContain("VM_NOT_FOUND");
        assertThat(r.out()).doesNotContain("every check passed");

        Result check = Cli.run(inventory, dir, "check", "playbooks/lab-tour.yaml");
        assertThat(check.exit()).isEqualTo(6);
        assertThat(check.out()).doesNotContain("every check passed");
    }

    @Test
    void aClosedPortIsHostUnreachable() throws Exception {
        // a port bound on hv-m1's address but listening to nothing: connections are refused, and no other socket can
        // take the port while the test runs (a port merely freed could be handed to a listener in the meantime)
        Result r;
        try (java.net.Socket reserved = new java.net.Socket()) {
            reserved.bind(new java.net.InetSocketAddress(
                    java.net.InetAddress.getByName(sim.endpoint("HV-M1").orElseThrow().address()), 0));
            Path inventory = inventoryWith(files.inventory(), "hv-m1", "port: " + reserved.getLocalPort());
            r = Cli.run(inventory, dir, "check", "playbooks/lab-misconfigured.yaml", "-o", "json");
        }

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("hv-m1: host unreachable (HOST_UNREACHABLE)");
        JsonNode refused = JSON.readTree(r.out()).path("refused");
        assertThat(refused.toString()).contains("HOST_UNREACHABLE").doesNotContain("VM_NOT_FOUND");
    }

    /** The inventory with one host's entry given an extra (or overriding) key. */
    private Path inventoryWith(Path inventory, String host, String entry) throws Exception {
        String text = Files.readString(inventory, StandardCharsets.UTF_8);
        String start = "  - { name: " + host + ",";
        int at = text.indexOf(start);
        assertThat(at).as(text).isPositive();
        int end = text.indexOf(" }", at);
        String line = text.substring(at, end);
        String key = entry.substring(0, entry.indexOf(':'));
        line = line.replaceAll(", " + key + ": [^,]*", "");
        text = text.substring(0, at) + line + ", " + entry + text.substring(end);
        Path out = files.inventory().resolveSibling("inventory-" + host + "-" + dir.getFileName() + ".yaml");
        Files.writeString(out, text, StandardCharsets.UTF_8);
        return out;
    }

    private static JsonNode lastJson(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private Path reportOf(Result r) throws Exception {
        try (var runs = Files.list(dir.resolve("runs"))) {
            return runs.filter(Files::isDirectory).map(p -> p.resolve("report.json")).filter(Files::exists).findFirst().orElseThrow(
                    () -> new AssertionError("no report.json: " + r.out() + r.err()));
        }
    }

    private static String destinationOf(String id, JsonNode report) {
        for (JsonNode m : report.path("moves")) {
            if (id.equals(m.path("id").asText())) {
                return m.path("destination").asText();
            }
        }
        throw new AssertionError("no move " + id);
    }

    private Map<String, String> placement() {
        Map<String, String> m = new TreeMap<>();
        for (String vm : List.of("m1-vm", "m2-vm", "m3-vm", "m4-vm", "m6-vm", "m7-vm", "m8-vm", "iso-s1", "app-a1", "dev-s2")) {
            VmInfo v = sim.world().findVm(vm).orElseThrow();
            m.put(vm, v.computerName() + " " + v.path());
        }
        return m;
    }
}
