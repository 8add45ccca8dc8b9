package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.journal.RunLock;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.lab.junit.WithFleet;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.VmInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host that answers must be the host in the inventory. hv-a1's entry with HV-A2's address and port (a stale IP, a
 * copy-paste slip) is blocked before anything is changed: over HTTPS because HV-A2's certificate does not name
 * hv-a1.lab.test, and with the certificate check off because discovery compares what the host says it is (Get-VMHost
 * name and FQDN, the SMBIOS UUID) with the entry. Two entries that reach one host are both blocked, and two inventory
 * names for one host take one run lock.
 */
@WithFleet(timeScale = 1000)
class HostIdentityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRY = Pattern.compile("(?m)^  - \\{ name: (\\S+), fqdn: (\\S+), address: '([^']+)', port: (\\d+) }$");

    @TempDir
    Path dir;
    final SimFleet sim;
    final LabFiles.Written files;

    HostIdentityIT(SimFleet sim, LabFiles.Written files) {
        this.sim = sim;
        this.files = files;
    }

    @Test
    void anEntryWithAnotherEntrysAddressIsBlockedWithoutBeingContacted() throws Exception {
        // the stale IP: hv-a1's entry holds HV-A2's address and port, which hv-a2's entry holds too
        Path inventory = inventory(text -> replaceEntry(text, "hv-a1", e -> e.at(endpoint(text, "hv-a2"))));
        Map<String, String> before = placement();

        Result check = Cli.run(inventory, dir, "check", "playbooks/drain-host.yaml", "-o", "json");

        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(3);
        assertThat(refusal(check, "HOST_IDENTITY_MISMATCH").path("reason").asText())
                .contains("inventory entries hv-a1 and hv-a2 connect to the same address and port");
        assertThat(check.err()).contains("hv-a1: not the inventory's host (IDENTITY_MISMATCH)", "hv-a2: not the inventory's host");
        assertNothingMovesOn(inventory, before);
    }

    @Test
    void anEntryWhoseAddressReachesAnotherHostIsRefusedByThatHostsCertificate() throws Exception {
        // hv-a2 is not in this inventory: the only thing that tells is the certificate, which names hv-a2.lab.test
        Path inventory = inventory(text -> {
            Entry a2 = endpoint(text, "hv-a2");
            return replaceEntry(text, "hv-a1", e -> e.at(a2)).replace(a2.line() + "\n", "");
        });
        Map<String, String> before = placement();

        Result check = Cli.run(inventory, dir, "check", "playbooks/drain-host.yaml", "-o", "json");

        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(3);
        assertThat(refusal(check, "HOST_IDENTITY_MISMATCH").path("reason").asText())
                .contains("presented a certificate for hv-a2.lab.test", "not for hv-a1.lab.test (the inventory's fqdn)");
        assertNothingMovesOn(inventory, before);
    }

    @Test
    void withTheCertificateCheckOffDiscoveryComparesWhatTheHostSaysItIs() throws Exception {
        Path inventory = inventory(text -> {
            Entry a2 = endpoint(text, "hv-a2");
            return replaceEntry(text, "hv-a1", e -> e.at(a2).insecure()).replace(a2.line() + "\n", "");
        });
        Map<String, String> before = placement();

        Result check = Cli.run(inventory, dir, "check", "playbooks/drain-host.yaml", "-o", "json");

        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(3);
        assertThat(refusal(check, "HOST_IDENTITY_MISMATCH").path("reason").asText()).contains(
                "inventory entry hv-a1 (hv-a1.lab.test) reached a host that says it is HV-A2 (hv-a2.lab.test, SMBIOS UUID ",
                "computer name HV-A2, not HV-A1");
        assertNothingMovesOn(inventory, before);
    }

    @Test
    void twoEntriesThatReachOneHostAreBothBlockedEachNamingBoth() throws Exception {
        // a second entry for HV-A1 under another name (a DNS alias) at another spelling of its address (IPv4-mapped
        // IPv6), over TLS and with the certificate check off
        for (boolean insecure : List.of(false, true)) {
            Path inventory = inventory(text -> {
                Entry a1 = endpoint(text, "hv-a1");
                Entry alias = new Entry("a1-alias", "hv-a1-alias.lab.test", "::ffff:" + a1.address(), a1.port(), insecure);
                return text.replace(a1.line(), a1.line() + "\n" + alias.line());
            });
            Map<String, String> before = placement();

            Result check = Cli.run(inventory, dir, "check", "playbooks/drain-host.yaml", "-o", "json");

            assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(3);
            assertThat(refusal(check, "HOST_IDENTITY_MISMATCH").path("reason").asText()).as("insecure: " + insecure)
                    .contains("inventory entries hv-a1 and a1-alias reach the same host (hv-a1.lab.test)");
            assertThat(check.err()).contains("hv-a1: not the inventory's host", "a1-alias: not the inventory's host");
            assertNothingMovesOn(inventory, before);
        }
    }

    @Test
    void twoInventoryNamesForOneHostCannotLockItTwice() throws Exception {
        // another inventory (another management script, say) calls HV-A1 "alpha"; the drain still finds it by its
        // NetBIOS name. A run of the lab inventory holds HV-A1 by its verified FQDN.
        Path inventory = inventory(text -> text.replace("  - { name: hv-a1, ", "  - { name: alpha, "));
        Map<String, String> before = placement();
        Result busy;
        try (RunLock held = RunLock.acquire(dir.resolve("runs"), "run-of-the-lab-inventory", List.of("hv-a1.lab.test"))) {
            busy = Cli.run(inventory, dir, "run", "playbooks/drain-host.yaml");
        }
        assertThat(busy.exit()).as(busy.out() + busy.err()).isEqualTo(5);
        assertThat(busy.out() + busy.err()).contains("hv-a1.lab.test is in use by run run-of-the-lab-inventory");
        assertThat(placement()).as("nothing moved").isEqualTo(before);

        Result free = Cli.run(inventory, dir, "run", "playbooks/drain-host.yaml");
        assertThat(free.exit()).as(free.out() + free.err()).isZero();
        try (var locks = Files.list(dir.resolve("runs/locks"))) {
            assertThat(locks.map(p -> p.getFileName().toString()).toList()).contains("hv-a1.lab.test.lock")
                    .noneMatch(n -> n.startsWith("alpha"));
        }
        // the journal keeps what the run locked, for resume to lock the same
        JsonNode runStart;
        try (var runs = Files.list(dir.resolve("runs"))) {
            Path journal = runs.filter(p -> Files.exists(p.resolve("journal.jsonl"))).findFirst().orElseThrow().resolve("journal.jsonl");
            runStart = JSON.readTree(Files.readAllLines(journal, StandardCharsets.UTF_8).getFirst());
        }
        List<String> locked = new ArrayList<>();
        runStart.path("locks").forEach(k -> locked.add(k.asText()));
        assertThat(locked).contains("hv-a1.lab.test").allMatch(k -> k.endsWith(".lab.test"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** run refuses the drain (exit 3) and no VM of the fleet moves. */
    void assertNothingMovesOn(Path inventory, Map<String, String> before) throws Exception {
        Result run = Cli.run(inventory, dir, "run", "playbooks/drain-host.yaml");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(placement()).as("nothing moved").isEqualTo(before);
    }

    /** One host line of the inventory hvsim wrote. */
    record Entry(String name, String fqdn, String address, String port, boolean skipCheck) {
        String line() {
            return "  - { name: " + name + ", fqdn: " + fqdn + ", address: '" + address + "', port: " + port
                    + (skipCheck ? ", insecureSkipCertificateCheck: true" : "") + " }";
        }

        Entry at(Entry other) {
            return new Entry(name, fqdn, other.address, other.port, skipCheck);
        }

        Entry insecure() {
            return new Entry(name, fqdn, address, port, true);
        }
    }

    static Entry endpoint(String inventory, String name) {
        Matcher m = ENTRY.matcher(inventory);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return new Entry(m.group(1), m.group(2), m.group(3), m.group(4), false);
            }
        }
        throw new AssertionError("no entry " + name + " in\n" + inventory);
    }

    static String replaceEntry(String inventory, String name, java.util.function.UnaryOperator<Entry> change) {
        Entry e = endpoint(inventory, name);
        return inventory.replace(e.line(), change.apply(e).line());
    }

    /** A copy of the lab inventory, changed, next to its CA and password file. */
    Path inventory(java.util.function.UnaryOperator<String> change) throws Exception {
        String text = Files.readString(files.inventory(), StandardCharsets.UTF_8);
        String changed = change.apply(text);
        assertThat(changed).isNotEqualTo(text);
        Path p = files.directory().resolve("identity-" + System.nanoTime() + ".yaml");
        Files.writeString(p, changed, StandardCharsets.UTF_8);
        return p;
    }

    static JsonNode refusal(Result check, String code) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(check.out()).path("refused").forEach(r -> {
            if (code.equals(r.path("code").asText())) {
                found.add(r);
            }
        });
        assertThat(found).as(check.out()).isNotEmpty();
        return found.getFirst();
    }

    /** Where every VM of the fleet is. */
    Map<String, String> placement() throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (HostInfo h : sim.world().hosts()) {
            for (VmInfo v : sim.world().vms(h.name())) {
                m.put(v.name() + " " + v.id(), h.name() + " " + v.path() + " clustered=" + v.isClustered());
            }
        }
        return m;
    }
}
