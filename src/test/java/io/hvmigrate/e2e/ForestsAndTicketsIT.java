package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.e2e.Cli.Result;
import io.hvmigrate.e2e.UserWinRm.PsResult;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that need the directory and the hosts' tickets, live through the CLI against a fresh lab fleet (real
 * time, so the fleet's 15-minute tickets do not expire during the test): forests and trusts read with Get-ADDomain and
 * Get-ADTrust refuse HV-S1 → HV-X1 (external trust only) and accept HV-S1 → HV-P1 (forest trust, and HV-P1's account,
 * read from partner.test with -Server, allows HV-S1 by resource-based delegation); the engine's user marked sensitive
 * or in Protected Users blocks; and a delegation change the source has not picked up yet warns until its tickets are
 * purged.
 */
class ForestsAndTicketsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimFleet sim;
    static LabFiles.Written files;

    @BeforeAll
    static void startFleet() throws Exception {
        sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withTimeScale(1));
        files = LabFiles.write(sim, dir.resolve("lab"), LabFiles.serviceAccount(sim));
    }

    @AfterAll
    static void stopFleet() {
        if (sim != null) {
            sim.close();
        }
    }


    static Result cli(Path inventory, String... args) {
        return Cli.run(inventory, dir, args);
    }

    static Path playbook(String name, String moves) throws Exception {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "name: " + name + "\nmoves:\n" + moves);
        return p;
    }

    static JsonNode check(Path inventory, Path playbook, int expectedExit) throws Exception {
        Result r = cli(inventory, "check", playbook.toString(), "-o", "json");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(expectedExit);
        return JSON.readTree(r.out());
    }

    static List<JsonNode> findings(JsonNode report, String id) {
        return StreamSupport.stream(report.path("findings").spliterator(), false)
                .filter(f -> f.path("id").asText().equals(id)).toList();
    }

    @Test
    void aForestTrustWithResourceBasedDelegationIsAcceptedAnExternalTrustIsRefused() throws Exception {
        Path toX1 = playbook("to-x1", "  - { vm: x1-vm, to: hv-x1, storagePath: 'D:\\VMs\\x1-vm' }\n");
        Path toP1 = playbook("to-p1", "  - { vm: x1-vm, to: hv-p1, storagePath: 'D:\\VMs\\x1-vm' }\n");

        JsonNode x1 = check(files.inventory(), toX1, 3);
        assertThat(x1.path("refused")).singleElement().satisfies(r -> {
            assertThat(r.path("code").asText()).isEqualTo("EXTERNAL_TRUST_ONLY");
            assertThat(r.path("reason").asText()).contains("forest lab.test", "forest isolated.test", "external trust");
            assertThat(r.path("fix").asText()).contains("forest trust between lab.test and isolated.test");
        });

        // a discovery snapshot carries the trusts, so plan --facts refuses the same move without contacting a host
        Path facts = dir.resolve("facts.yaml");
        Result discovered = cli(files.inventory(), "discover", "--out", facts.toString());
        assertThat(discovered.exit()).as(discovered.err()).isZero();
        Result planned = cli(files.inventory(), "plan", toX1.toString(), "--facts", facts.toString());
        assertThat(planned.exit()).as(planned.out() + planned.err()).isEqualTo(3);
        assertThat(planned.out()).contains("EXTERNAL_TRUST_ONLY");

        JsonNode p1 = check(files.inventory(), toP1, 0);
        assertThat(p1.path("refused")).isEmpty();
        assertThat(findings(p1, "delegation.cross-domain")).isEmpty();

        // the acceptance rests on HV-P1's account as read from partner.test: without the entry, the move blocks
        // an administrator writes AD through HV-S3, the lab's DC (partner.test's DC accepts it by resource-based
        // delegation): on any other host the AD module's hop to a DC fails
        PsResult cleared = runPs("HV-S3", "Set-ADComputer -Identity 'HV-P1' -Server partner.test -PrincipalsAllowedToDelegateToAccount $null");
        assertThat(cleared.exit()).as(cleared.out() + cleared.err()).isZero();
        JsonNode without = check(files.inventory(), toP1, 3);
        assertThat(findings(without, "delegation.cross-domain")).singleElement().satisfies(f -> {
            assertThat(f.path("evidence").toString()).contains("HV-P1$ (partner.test) msDS-AllowedToActOnBehalfOfOtherIdentity = (empty)");
            assertThat(f.path("fix").asText()).contains("--mode resource-based");
        });
        // the fix the finding names, across domains: HV-S1's account is looked up in lab.test, HV-P1's written in partner.test
        String fix = findings(without, "delegation.cross-domain").getFirst().path("fix").asText();
        assertThat(fix).isEqualTo("hvmigrate delegation apply --mode resource-based --hosts hv-s1,hv-p1");
        Result applied = cli(files.inventory(), "delegation", "apply", "--yes", "--mode", "resource-based", "--hosts", "hv-s1,hv-p1");
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(sim.world().directory().computer("HV-P1$").orElseThrow().principalsAllowedToDelegateToAccount())
                .containsExactly("LAB\\HV-S1$");
        assertThat(findings(check(files.inventory(), toP1, 0), "delegation.cross-domain")).isEmpty();
    }

    @Test
    void aSensitiveOrProtectedEngineAccountBlocksWithItsFix() throws Exception {
        Path s3 = playbook("s3", "  - { vm: file-s1, to: hv-s2 }\n");
        assertThat(findings(check(files.inventory(), s3, 0), "delegation.sensitive")).isEmpty();

        Path sensitive = LabFiles.write(sim, dir.resolve("sensitive"), "LAB\\admin-sensitive").inventory();
        assertThat(findings(check(sensitive, s3, 3), "delegation.sensitive")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("blocking");
            assertThat(f.path("host").asText()).isEqualTo("hv-s1");
            assertThat(f.path("evidence").toString()).contains("admin-sensitive AccountNotDelegated = True");
            assertThat(f.path("fix").asText()).contains("Set-ADAccountControl -Identity 'admin-sensitive' -AccountNotDelegated $false");
        });

        Path protectedUser = LabFiles.write(sim, dir.resolve("protected"), "LAB\\ops-protected").inventory();
        assertThat(findings(check(protectedUser, s3, 3), "delegation.sensitive")).singleElement().satisfies(f -> {
            assertThat(f.path("evidence").toString()).contains("CN=Protected Users,CN=Users,DC=lab,DC=test");
            assertThat(f.path("fix").asText()).contains("Remove-ADGroupMember -Identity 'Protected Users' -Members 'ops-protected'");
        });
    }

    /**
     * A child domain's external trust (src/test/resources/fleets/child-external-trust.yaml): child.lab.test and
     * isolated.test trust each other, lab.test (child.lab.test's forest root) and isolated.test do not. External trusts
     * are not transitive, so the move from the child is refused as EXTERNAL_TRUST_ONLY, the one from the root as
     * NO_FOREST_TRUST, both read through Get-ADDomain and Get-ADTrust.
     */
    @Test
    void aChildDomainsExternalTrustJoinsOnlyThatDomain() throws Exception {
        Path here = dir.resolve("child-external");
        try (SimFleet child = SimFleet.start(Path.of("src/test/resources/fleets/child-external-trust.yaml"),
                SimFleet.Options.defaults().withTimeScale(1))) {
            Path inventory = LabFiles.write(child, here, LabFiles.serviceAccount(child)).inventory();
            Path fromChild = playbook("from-child", "  - { vm: c1-vm, to: hv-i1, storagePath: 'D:\\VMs\\c1-vm' }\n");
            Path fromRoot = playbook("from-root", "  - { vm: r1-vm, to: hv-i1, storagePath: 'D:\\VMs\\r1-vm' }\n");

            JsonNode c = check(inventory, fromChild, 3);
            assertThat(c.path("refused")).as(c.toString()).singleElement().satisfies(r -> {
                assertThat(r.path("code").asText()).isEqualTo("EXTERNAL_TRUST_ONLY");
                assertThat(r.path("reason").asText()).contains("forest lab.test", "forest isolated.test",
                        "child.lab.test, isolated.test");
            });
            JsonNode r = check(inventory, fromRoot, 3);
            assertThat(r.path("refused")).as(r.toString()).singleElement()
                    .satisfies(x -> assertThat(x.path("code").asText()).isEqualTo("NO_FOREST_TRUST"));

            // the discovery snapshot holds the trust as read from the child, and the child's forest
            Path facts = here.resolve("facts.json");
            Result d = cli(inventory, "discover", "--out", facts.toString());
            assertThat(d.exit()).as(d.err()).isZero();
            assertThat(Files.readString(facts)).contains("child.lab.test", "isolated.test");
        }
    }

    @Test
    void aDelegationChangeTheSourceHasNotPickedUpWarnsUntilItsTicketsArePurged() throws Exception {
        Path s3 = playbook("s3-tickets", "  - { vm: file-s1, to: hv-s2 }\n");
        assertThat(findings(check(files.inventory(), s3, 0), "delegation.stale-tickets")).isEmpty();

        Thread.sleep(1100);   // whenChanged and klist both count whole seconds
        // a value HV-S1 does not hold (AD refuses -Add of one it holds: HV-S1 already delegates cifs/hv-s3.lab.test),
        // written through HV-S3, the lab's DC: on any other host the AD module's hop to a DC fails
        PsResult change = runPs("HV-S3", "Set-ADComputer -Identity 'HV-S1' -Add @{'msDS-AllowedToDelegateTo'=@('cifs/hv-m5.lab.test')}");
        assertThat(change.exit()).as(change.out() + change.err()).isZero();
        assertThat(findings(check(files.inventory(), s3, 0), "delegation.stale-tickets")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("warning");
            assertThat(f.path("host").asText()).isEqualTo("hv-s1");
            assertThat(f.path("evidence").toString()).contains("HV-S1$ whenChanged = ", "klist -li 0x3e7 tgt StartTime = ");
            assertThat(f.path("fix").asText()).contains("klist purge -li 0x3e7");
        });

        PsResult purge = runPs("HV-S1", "klist purge -li 0x3e7");
        assertThat(purge.exit()).as(purge.out() + purge.err()).isZero();
        assertThat(findings(check(files.inventory(), s3, 0), "delegation.stale-tickets")).isEmpty();
    }

    private static PsResult runPs(String host, String script) throws Exception {
        return UserWinRm.runPs(sim, host, script);
    }
}
