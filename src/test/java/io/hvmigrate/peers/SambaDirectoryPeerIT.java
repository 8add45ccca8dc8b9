package io.hvmigrate.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.hvmigrate.cli.Main;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LDAP directory backend against a real Samba AD DC (.ci/samba-lab.sh): the engine, through the command line,
 * reads the delegation the script planted on HV1$ and HV2$ over LDAPS, plans only what is missing, applies it with
 * minimal LDAP modifies, and samba-tool and an independent LDAP read show the result; a second apply changes nothing.
 * The hosts are hvsim's (discovery needs Hyper-V hosts); the directory is Samba's. Runs with -Dhvmigrate.peers=true.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SambaDirectoryPeerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** KDC_ERR_BADOPTION, as the JDK's Kerberos reports it: "KDC cannot accommodate requested option (13)". */
    private static final String BADOPTION = "requested option (13)";

    @TempDir
    static Path dir;
    static SambaLab lab;
    static SimFleet sim;
    static Path inventory;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        lab = SambaLab.start(dir);
        sim = SimFleet.start(Path.of("src/test/resources/peers/samba-fleet.yaml"), SimFleet.Options.defaults());
        LabFiles.Written files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim), """
                directory:
                  kind: ldap
                  url: %s
                  baseDn: %s
                  caFile: %s
                  bind:
                    user: %s
                    credential: env:LAB_DIRECTORY_PASSWORD
                """.formatted(lab.get("ldapsUrl"), lab.get("baseDn"), lab.get("caFile"), "Administrator@LAB.TEST"));
        inventory = files.inventory();
        env = Map.of("HOME", dir.toString(), "LAB_DIRECTORY_PASSWORD", lab.adminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    record Result(int exit, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", inventory.toString(), "--set", "runs.dir=" + dir.resolve("runs")));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }

    static List<String> values(SearchResultEntry e, String attribute) {
        String[] v = e.getAttributeValues(attribute);
        return v == null ? List.of() : List.of(v);
    }

    @Test
    @Order(1)
    void planReadsThePlantedDelegationAndAsksOnlyForWhatIsMissing() throws Exception {
        Result r = cli("delegation", "plan", "--hosts", "hv1,hv2", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).doesNotContain("could not read");
        JsonNode plan = JSON.readTree(r.out());
        String script = plan.path("script").asText();
        // HV1 has cifs/HV2 and the migration service to hv2.lab.test: it lacks cifs/hv2.lab.test and the NetBIOS form
        assertThat(script).contains("cifs/hv2.lab.test", "Microsoft Virtual System Migration Service/HV2");
        assertThat(plan.path("present").asInt()).isEqualTo(2);
        // HV2 delegates nothing that works (only the folklore SPN) and has no protocol transition; HV1 has it
        assertThat(script).contains("HV2$").contains("Microsoft Virtual System Migration Service/hv1.lab.test");
        assertThat(script).doesNotContain("'cifs/HV2'");
    }

    static String s4u(String source, String target) throws Exception {
        return S4uProbe.run(Path.of(lab.get("krb5Conf")), Path.of(lab.get("keytabDir"), source.toLowerCase(java.util.Locale.ROOT) + ".keytab"),
                source + "$@LAB.TEST", "alice@LAB.TEST", target + "@LAB.TEST");
    }

    @Test
    @Order(2)
    void beforeTheFixTheKdcRefusesTheMissingServiceAndGrantsThePlantedOne() throws Exception {
        assertThat(s4u("HV1", "cifs/HV2")).as("planted: HV1 may delegate to cifs/HV2").isEqualTo("GRANTED");
        assertThat(s4u("HV1", "cifs/hv2.lab.test")).startsWith("REFUSED").contains(BADOPTION);
    }

    @Test
    @Order(3)
    void applyWritesTheFixOverLdapAndSambaShowsIt() throws Exception {
        Result r = cli("delegation", "apply", "--yes", "--hosts", "hv1,hv2", "--prune", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode applied = JSON.readTree(r.out());
        assertThat(applied.path("changed").asBoolean()).isTrue();
        assertThat(applied.path("via").asText()).isEqualTo(lab.get("ldapsUrl"));
        assertThat(applied.path("after").path("complete").asBoolean()).as(r.out()).isTrue();

        String hv1 = lab.sambaTool("delegation", "show", "HV1$");
        assertThat(hv1).contains("cifs/hv2.lab.test", "cifs/HV2", "Microsoft Virtual System Migration Service/hv2.lab.test",
                "Microsoft Virtual System Migration Service/HV2", "UF_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION: True");
        String hv2 = lab.sambaTool("delegation", "show", "HV2$");
        assertThat(hv2).contains("cifs/hv1.lab.test", "Microsoft Virtual System Migration Service/hv1.lab.test",
                "UF_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION: True");
        assertThat(hv2).as("--prune removed the folklore SPN").doesNotContain("Microsoft Virtual Machine Migration Service");

        SearchResultEntry e = lab.account("HV1$", "msDS-AllowedToDelegateTo", "userAccountControl");
        // added to, never replaced: the planted NetBIOS entry is still there, once
        assertThat(values(e, "msDS-AllowedToDelegateTo")).containsOnlyOnce("cifs/HV2").hasSize(4);
        assertThat(Long.parseLong(e.getAttributeValue("userAccountControl")) & 0x1000000L).isNotZero();
        // the account's other flags are untouched: still an enabled workstation trust account
        assertThat(Long.parseLong(e.getAttributeValue("userAccountControl")) & 0x1002L).isEqualTo(0x1000L);
    }

    @Test
    @Order(4)
    void afterTheFixTheKdcGrantsTheDelegatedServiceOnlyAndStillRefusesOthers() throws Exception {
        assertThat(s4u("HV1", "cifs/hv2.lab.test")).isEqualTo("GRANTED");
        assertThat(s4u("HV2", "cifs/hv1.lab.test")).isEqualTo("GRANTED");
        // never delegated: HV1 -> HV3 was not in the selection
        assertThat(s4u("HV1", "cifs/hv3.lab.test")).startsWith("REFUSED").contains(BADOPTION);
    }

    @Test
    @Order(5)
    void aSecondApplyChangesNothing() throws Exception {
        String before = lab.sambaTool("delegation", "show", "HV1$") + lab.sambaTool("delegation", "show", "HV2$");

        Result r = cli("delegation", "apply", "--yes", "--hosts", "hv1,hv2", "--prune", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(JSON.readTree(r.out()).path("changed").asBoolean()).isFalse();
        assertThat(lab.sambaTool("delegation", "show", "HV1$") + lab.sambaTool("delegation", "show", "HV2$")).isEqualTo(before);
    }

    @Test
    @Order(6)
    void ldifPlanReadsDistinguishedNamesFromTheDirectory() throws Exception {
        Result r = cli("delegation", "plan", "--hosts", "hv1,hv3", "--format", "ldif");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("dn: CN=HV3,CN=Computers," + lab.get("baseDn"), "add: msDS-AllowedToDelegateTo", "cifs/hv1.lab.test");
    }

    // ---- resource-based delegation over LDAP ----------------------------------------------------------------------------

    @Test
    @Order(7)
    void resourceBasedDelegationSetBySambaIsReadAndSamba417RefusesTheWriteOverLdapReadably() throws Exception {
        // entries set with samba-tool (as system, on the database): FS1 and HV2 may already delegate to HV3
        lab.sambaTool("delegation", "add-principal", "HV3$", "FS1$");
        lab.sambaTool("delegation", "add-principal", "HV3$", "HV2$");
        assertThat(lab.sambaTool("delegation", "show", "HV3$")).contains("CN=FS1,CN=Computers", "CN=HV2,CN=Computers");

        // read over LDAP: the security descriptor's SIDs named, so HV3's side is already there and only HV2's is missing
        Result plan = cli("delegation", "plan", "--hosts", "hv2,hv3", "--mode", "resource-based", "-o", "json");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        JsonNode planned = JSON.readTree(plan.out());
        assertThat(planned.path("changes").toString()).contains("\"account\":\"HV2$\"", "HV3$").doesNotContain("\"account\":\"HV3$\"");

        // Samba 4.17's LDAP server lets no client write msDS-AllowedToActOnBehalfOfOtherIdentity (Windows lets an
        // account with write access): the apply fails, says why, and changes nothing
        String before = lab.sambaTool("delegation", "show", "HV3$") + lab.sambaTool("delegation", "show", "HV2$");
        Result r = cli("delegation", "apply", "--yes", "--hosts", "hv2,hv3", "--mode", "resource-based", "-o", "json");
        assertThat(r.exit()).as(r.out() + r.err()).isNotZero();
        assertThat(r.out()).contains("msDS-AllowedToActOnBehalfOfOtherIdentity", "can only be modified as system");
        assertThat(JSON.readTree(r.out()).path("changed").asBoolean()).isFalse();
        assertThat(lab.sambaTool("delegation", "show", "HV3$") + lab.sambaTool("delegation", "show", "HV2$")).isEqualTo(before);
    }

    // ---- trusts over LDAP -------------------------------------------------------------------------------------------

    static final String TRUST_DN = "CN=isolated.test,CN=System,";

    @Test
    @Order(8)
    void anExternalTrustReadOverLdapRefusesTheCrossForestMoveInCheckAndPlan() throws Exception {
        // the directory's record of a trust, not a working one: no second domain exists
        lab.ldbadd("""
                dn: %s%s
                objectClass: trustedDomain
                trustPartner: isolated.test
                flatName: ISOLATED
                trustDirection: 3
                trustType: 2
                trustAttributes: 0
                """.formatted(TRUST_DN, lab.get("baseDn")));
        Path playbook = dir.resolve("cross-forest.yaml");
        Files.writeString(playbook, """
                version: 1
                name: cross-forest
                moves:
                  - { vm: app1, to: hvx, storagePath: 'D:\\VMs\\app1' }
                """);

        Result check = cli("check", playbook.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(3);
        assertThat(check.out() + check.err()).contains("external trust", "(forest isolated.test)");

        Path facts = dir.resolve("facts.yaml");
        Result discover = cli("discover", "--out", facts.toString());
        assertThat(discover.exit()).as(discover.out() + discover.err()).isZero();
        assertThat(Files.readString(facts)).contains("isolated.test");
        Result plan = cli("plan", playbook.toString(), "--facts", facts.toString());
        assertThat(plan.out() + plan.err()).contains("external trust");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isNotZero();
    }

    @Test
    @Order(9)
    void withForestTransitiveTheSameMoveIsNoLongerRefusedForItsTrust() throws Exception {
        lab.ldbmodify("""
                dn: %s%s
                changetype: modify
                replace: trustAttributes
                trustAttributes: 8
                """.formatted(TRUST_DN, lab.get("baseDn")));
        Path playbook = dir.resolve("cross-forest.yaml");

        Result check = cli("check", playbook.toString());

        assertThat(check.out() + check.err()).doesNotContain("external trust", "different forests with no trust");
        // what remains is delegation across forests: resource-based, on HVX, which this directory does not hold
        assertThat(check.out() + check.err()).contains("delegation.cross-domain");
    }
}
