package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.e2e.UserWinRm.PsResult;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's done-when through the CLI entry point, on a fresh lab fleet: {@code check} finds every planted
 * misconfiguration of playbooks/lab-misconfigured.yaml with its fix (exit 3); the LDIF form of the change is valid and
 * minimal; {@code delegation apply} and {@code network pin} fix them and the ISO is ejected with the command the check
 * printed, run over WinRM as a user would; a second check is clean; a second apply and pin change nothing (the directory
 * and the hosts are exactly as before); then {@code run} moves all eight VMs.
 */
class DelegationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAYBOOK = "playbooks/lab-misconfigured.yaml";
    private static final Map<String, String> MOVES = new LinkedHashMap<>();

    static {
        for (String vm : List.of("m1-vm", "m2-vm", "m3-vm", "m4-vm", "m6-vm", "m7-vm", "m8-vm")) {
            MOVES.put(vm, "HV-S1");
        }
        MOVES.put("iso-s1", "HV-M5");
    }

    @TempDir
    static Path dir;
    static SimFleet sim;
    static LabFiles.Written files;

    @BeforeAll
    static void startFleet() throws Exception {
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withTimeScale(200));
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
    void applyAndPinWithoutYesWhereNoOneCanConfirmStopBeforeContactingAnything() {
        long before = sim.fleet().hosts().stream().mapToLong(h -> sim.commandsRun(h.name())).sum();

        Result apply = cli("delegation", "apply", "--playbook", PLAYBOOK, "--fix-auth", "--prune");
        Result pin = cli("network", "pin", "--subnet", "198.51.100.0/24", "hv-m5");

        assertThat(apply.exit()).as(apply.out() + apply.err()).isEqualTo(2);
        assertThat(apply.err()).contains("nothing was contacted", "--yes");
        assertThat(pin.exit()).as(pin.out() + pin.err()).isEqualTo(2);
        assertThat(pin.err()).contains("nothing was contacted", "--yes");
        assertThat(sim.fleet().hosts().stream().mapToLong(h -> sim.commandsRun(h.name())).sum()).isEqualTo(before);
    }

    @Test
    void checkFindsEveryPlantedMisconfigurationApplyAndPinFixThemAndTheMovesSucceed() throws Exception {
        // 1. check refuses, finding each planted misconfiguration with its fix
        Result first = cli("check", PLAYBOOK, "-o", "json");
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(3);
        JsonNode report = JSON.readTree(first.out());
        assertFinding(report, "delegation.missing", "hv-m1", "'cifs/hv-s1.lab.test'", "'cifs/HV-S1'", "klist purge -li 0x3e7");
        assertFinding(report, "delegation.missing", "hv-m2", "'Microsoft Virtual System Migration Service/hv-s1.lab.test'",
                "'cifs/hv-s1.lab.test'");
        assertFinding(report, "delegation.missing", "hv-m3", "'cifs/SOFS1'", "'cifs/sofs1.lab.test'");
        assertFinding(report, "delegation.sofs-nodes", "hv-m3", "hvmigrate delegation apply");
        assertFinding(report, "auth.mismatch", "hv-m4,hv-s1", "Set-VMHost -ComputerName hv-m4 -VirtualMachineMigrationAuthenticationType Kerberos");
        assertFinding(report, "auth.credssp", "hv-m4", "-VirtualMachineMigrationAuthenticationType Kerberos");
        assertFinding(report, "delegation.useless-entry", "hv-m6", "-Remove", "'Microsoft Virtual Machine Migration Service/HV-S1'");
        assertFinding(report, "delegation.protocol-transition", "hv-m7", "-TrustedToAuthForDelegation $true");
        assertFinding(report, "delegation.unconstrained", "hv-m7", "-TrustedForDelegation $false");
        assertFinding(report, "delegation.protocol-transition", "hv-m8", "Set-ADAccountControl -Identity 'HV-M8$' -TrustedToAuthForDelegation $true");
        assertFinding(report, "network.any", "hv-m5", "hvmigrate network pin --subnet 198.51.100.0/24 hv-m5");
        assertFinding(report, "delegation.missing", "hv-s1", "'Microsoft Virtual System Migration Service/hv-m5.lab.test'");
        JsonNode media = assertFinding(report, "vm.media", "hv-s1", "Set-VMDvdDrive -ComputerName 'HV-S1' -VMName 'iso-s1' -Path $null");
        assertThat(media.path("severity").asText()).isEqualToIgnoringCase("blocking");
        assertThat(media.path("evidence").toString()).contains("D:\\\\ISO\\\\tools.iso");

        // 2. the LDIF form of the change is valid LDIF, and adds exactly what the directory lacks
        Map<String, ComputerAccount> before = accounts();
        Result ldif = cli("delegation", "plan", "--playbook", PLAYBOOK, "--format", "ldif", "--prune", "--clear-unconstrained");
        assertThat(ldif.exit()).as(ldif.err()).isZero();
        List<LdifRecord> records = LdifRecord.parse(ldif.out());
        Map<String, Set<String>> ldifAdds = new TreeMap<>();
        for (LdifRecord r : records) {
            ComputerAccount acct = before.values().stream().filter(a -> a.distinguishedName().equalsIgnoreCase(r.dn()))
                    .findFirst().orElseThrow(() -> new AssertionError("LDIF names an unknown entry: " + r.dn()));
            for (LdifRecord.Op op : r.ops()) {
                if (op.attribute().equalsIgnoreCase("msDS-AllowedToDelegateTo") && op.kind().equals("add")) {
                    for (String v : op.values()) {
                        assertThat(acct.allowedToDelegateTo()).as("already held, so not minimal: " + v).doesNotContain(v);
                        assertThat(ldifAdds.computeIfAbsent(acct.samAccountName(), k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)).add(v))
                                .as("added twice: " + v).isTrue();
                    }
                }
                if (op.attribute().equalsIgnoreCase("msDS-AllowedToDelegateTo") && op.kind().equals("delete")) {
                    assertThat(acct.allowedToDelegateTo()).containsAll(op.values());
                }
            }
        }
        assertThat(ldifAdds.get("HV-M1$")).containsExactlyInAnyOrder("cifs/hv-s1.lab.test", "cifs/HV-S1");
        assertThat(ldifAdds).doesNotContainKey("HV-M8$");

        // 3. apply (with the flags a user needs) and pin fix what the directory and hosts lack
        Result apply = cli("delegation", "apply", "--yes", "--playbook", PLAYBOOK, "--fix-auth", "--prune", "--clear-unconstrained",
                "-o", "json");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        JsonNode applied = JSON.readTree(apply.out());
        assertThat(applied.path("changed").asBoolean()).isTrue();
        Map<String, Set<String>> applyAdds = new TreeMap<>();
        for (JsonNode r : applied.path("results")) {
            assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("changed");
            if (r.path("change").asText().equals("add-allowed-to-delegate-to")) {
                r.path("done").forEach(v -> applyAdds.computeIfAbsent(r.path("account").asText(),
                        k -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)).add(v.asText()));
            }
        }
        assertThat(applyAdds).as("the LDIF says what apply does").isEqualTo(ldifAdds);
        assertThat(applied.path("after").path("complete").asBoolean()).isTrue();
        Result pin = cli("network", "pin", "--yes", "--subnet", "198.51.100.0/24", "hv-m5");
        assertThat(pin.exit()).as(pin.out() + pin.err()).isZero();

        // 4. the ISO, ejected with the command the check printed, run on the source over WinRM
        PsResult eject = runPs("HV-S1", media.path("fix").asText());
        assertThat(eject.exit()).as(eject.err()).isZero();
        assertThat(sim.world().findVm("iso-s1").orElseThrow().dvdPaths()).isEmpty();

        // 5. a second check is clean
        Result second = cli("check", PLAYBOOK, "-o", "json");
        assertThat(second.exit()).as(second.out()).isZero();
        JsonNode clean = JSON.readTree(second.out());
        assertThat(clean.path("blocking").asBoolean()).isFalse();
        assertThat(clean.path("findings").findValuesAsText("severity")).as(clean.toString())
                .allSatisfy(s -> assertThat(s).isEqualToIgnoringCase("info"));

        // 6. a second apply and a second pin change nothing
        String directory = directoryState();
        String hosts = hostState();
        Result again = cli("delegation", "apply", "--yes", "--playbook", PLAYBOOK, "--fix-auth", "--prune", "--clear-unconstrained");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Nothing to change");
        Result againJson = cli("delegation", "apply", "--yes", "--playbook", PLAYBOOK, "--fix-auth", "--prune", "--clear-unconstrained", "-o", "json");
        assertThat(JSON.readTree(againJson.out()).path("nothingToDo").asBoolean()).isTrue();
        assertThat(JSON.readTree(againJson.out()).path("changed").asBoolean()).isFalse();
        Result pinAgain = cli("network", "pin", "--yes", "--subnet", "198.51.100.0/24", "hv-m5");
        assertThat(pinAgain.exit()).as(pinAgain.out() + pinAgain.err()).isZero();
        assertThat(pinAgain.out()).contains("hv-m5: already pinned to 198.51.100.0/24").contains("nothing changed");
        assertThat(directoryState()).isEqualTo(directory);
        assertThat(hostState()).isEqualTo(hosts);

        // 7. run moves all eight
        Result run = cli("run", PLAYBOOK);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        MOVES.forEach((vm, host) -> assertThat(sim.world().findVm(vm).map(VmInfo::computerName)).as(vm).contains(host));
    }

    private static JsonNode assertFinding(JsonNode report, String id, String host, String... fixContains) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().equals(id) && f.path("host").asText().equalsIgnoreCase(host)) {
                assertThat(f.path("evidence")).as(f.toString()).isNotEmpty();
                assertThat(f.path("fix").asText()).as(f.toString()).contains(fixContains);
                return f;
            }
        }
        throw new AssertionError("no " + id + " finding on " + host + " in " + report.toPrettyString());
    }

    private static Map<String, ComputerAccount> accounts() {
        Map<String, ComputerAccount> m = new TreeMap<>();
        sim.world().directory().computers().forEach(c -> m.put(c.samAccountName().toUpperCase(Locale.ROOT), c));
        return m;
    }

    /** Every computer account exactly as the directory holds it. */
    private static String directoryState() {
        StringBuilder b = new StringBuilder();
        accounts().values().forEach(c -> b.append(c).append('\n'));
        return b.toString();
    }

    /** Every host's migration settings and networks. */
    private static String hostState() throws Exception {
        StringBuilder b = new StringBuilder();
        for (var h : sim.world().hosts()) {
            b.append(h).append(' ').append(sim.world().migrationNetworks(h.name())).append('\n');
        }
        return b.toString();
    }

    private static PsResult runPs(String host, String script) throws Exception {
        return UserWinRm.runPs(sim, host, script);
    }
}
