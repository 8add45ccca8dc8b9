package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The artifact users run — target/hvmigrate.jar with its lib/ folder — not the class path Maven builds for tests. */
class PackagedJarIT {

    private static HvmigrateProcess.Result run(String... args) {
        return HvmigrateProcess.jar(args);
    }

    @Test
    void theDocumentedPlanCommandYieldsSevenMovesS1ToS7() throws Exception {
        HvmigrateProcess.Result r = run("plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml",
                "--facts", "config/facts.example.yaml", "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        List<String> scenarios = new ArrayList<>();
        plan.path("moves").forEach(m -> {
            scenarios.add(m.path("scenario").path("id").asText());
            assertThat(m.path("steps").size()).isGreaterThanOrEqualTo(2);
        });
        assertThat(scenarios).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
    }

    @Test
    void aBrokenPlaybookExitsWithTwoAndLocatedProblems() throws Exception {
        HvmigrateProcess.Result r = run("plan", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory.yaml",
                "--facts", "config/facts.example.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("playbook.yaml:11:9: error: destination 'hv-a9'");
    }
}
