package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.ApprovedPlanFormat;
import io.hvmigrate.load.CanonicalJson;
import io.hvmigrate.model.ApprovedPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --out and run --plan at the command line, up to the point where a run would contact a host. */
class ApprovedPlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path approve(String... more) {
        Path out = dir.resolve("approved.json");
        String[] args = {"plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml", "--facts", "config/facts.example.yaml",
                "--out", out.toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
        CliRun r = CliRun.of(all);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return out;
    }

    @Test
    void planOutWritesAnApprovedPlanThatReadsBackWholeWithEveryMoveAsPlanned() {
        Instant before = Instant.now().minusSeconds(1);
        ApprovedPlan p = ApprovedPlanFormat.load(approve("--valid-for", "36h"));

        assertThat(p.moves()).hasSize(7).allSatisfy(m -> assertThat(m.outcome()).isEqualTo(ApprovedPlan.Outcome.PLANNED));
        assertThat(p.moves()).extracting(ApprovedPlan.Move::scenario).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
        assertThat(p.playbook().file()).isEqualTo(Path.of("playbooks/seven-scenarios.yaml").toAbsolutePath());
        assertThat(p.createdAt()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(Duration.between(p.createdAt(), p.expiresAt())).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void validForIsSevenDaysUnlessGivenAndGoesWithOut() {
        ApprovedPlan p = ApprovedPlanFormat.load(approve());
        assertThat(Duration.between(p.createdAt(), p.expiresAt())).isEqualTo(Duration.ofDays(7));

        CliRun alone = CliRun.of("plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml", "--facts",
                "config/facts.example.yaml", "--valid-for", "7d");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--valid-for goes with --out");
        CliRun nonsense = CliRun.of("plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml", "--facts",
                "config/facts.example.yaml", "--out", dir.resolve("x.json").toString(), "--valid-for", "a week");
        assertThat(nonsense.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
    }

    @Test
    void anExpiredPlanIsRefusedWithExitTwo() throws Exception {
        Path plan = approve();
        // moved into the past, and its digest computed again, as a tool that knows the format could: the digest
        // shows edits by hand, not by such a tool (the README says so)
        ObjectNode doc = (ObjectNode) JSON.readTree(plan.toFile());
        ((ObjectNode) doc.path("approval")).put("createdAt", "2026-01-01T00:00:00Z").put("expiresAt", "2026-01-08T00:00:00Z");
        doc.remove("digest");
        doc.put("digest", CanonicalJson.digest(doc));
        Files.writeString(plan, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);

        CliRun r = CliRun.of("run", "--plan", plan.toString(), "-i", "config/inventory.example.yaml");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the approved plan expired at 2026-01-08T00:00:00Z", "valid for 7d");
    }

    @Test
    void runNeedsAPlaybookOrAnApprovedPlan() {
        CliRun r = CliRun.of("run", "-i", "config/inventory.example.yaml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("run needs a PLAYBOOK, or --plan PLAN.json");
    }
}
