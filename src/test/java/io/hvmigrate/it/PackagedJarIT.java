package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The artifact users run — target/hvmigrate.jar with its lib/ folder — not the class path Maven builds for tests. */
class PackagedJarIT {

    private static Result run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", System.getProperty("hvmigrate.jar", "target/hvmigrate.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {}

    @Test
    void theDocumentedPlanCommandYieldsSevenMovesS1ToS7() throws Exception {
        Result r = run("plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml",
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
        Result r = run("plan", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory.yaml",
                "--facts", "config/facts.example.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("playbook.yaml:11:9: error: destination 'hv-a9'");
    }
}
