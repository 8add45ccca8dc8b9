package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] EXAMPLE = {"-i", "config/inventory.example.yaml", "--facts", "config/facts.example.yaml"};

    private static String[] args(String... a) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(EXAMPLE));
        return all.toArray(String[]::new);
    }

    @Test
    void plansTheSevenScenariosAsJson() throws Exception {
        CliRun r = CliRun.of(args("plan", "playbooks/seven-scenarios.yaml", "--output", "json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        assertThat(plan.path("kind").asText()).isEqualTo("hvmigrate-plan");
        List<String> scenarios = new ArrayList<>();
        for (JsonNode m : plan.path("moves")) {
            scenarios.add(m.path("scenario").path("id").asText());
            assertThat(m.path("outcome").asText()).isEqualTo("planned");
            assertThat(m.path("steps")).isNotEmpty();
            // the last step verifies: verify itself, or add-ha, whose answer is the VM and its role read on the destination
            JsonNode last = m.path("steps").get(m.path("steps").size() - 1);
            assertThat(last.path("kind").asText()).isIn("verify", "add-ha");
            if (last.path("kind").asText().equals("add-ha")) {
                assertThat(last.path("title").asText()).contains("and verify");
            }
            for (JsonNode s : m.path("steps")) {
                assertThat(s.path("script").asText()).startsWith("$ErrorActionPreference='Stop'");
                assertThat(s.path("host").asText()).isNotBlank();
            }
        }
        assertThat(scenarios).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
    }

    @Test
    void theJsonPlanMatchesTheReviewedGoldenFile() throws Exception {
        CliRun r = CliRun.of(args("plan", "playbooks/seven-scenarios.yaml", "--output", "json"));
        Path golden = Path.of("src/test/resources/golden/seven-scenarios.plan.json");
        if (Boolean.getBoolean("hvmigrate.updateGolden")) {
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(JSON.readTree(r.out())).isEqualTo(JSON.readTree(golden.toFile()));
    }

    @Test
    void refusalsExitWithThreeAndNameEveryReason() throws Exception {
        CliRun r = CliRun.of(args("plan", "playbooks/refusals.yaml", "-o", "json"));
        assertThat(r.exitCode()).isEqualTo(3);
        List<String> codes = new ArrayList<>();
        for (JsonNode m : JSON.readTree(r.out()).path("moves")) {
            assertThat(m.path("outcome").asText()).isEqualTo("refused");
            assertThat(m.path("steps")).isEmpty();
            codes.add(m.path("refusal").path("code").asText());
        }
        assertThat(codes).containsExactly("VM_NOT_FOUND", "VM_AMBIGUOUS", "DESTINATION_NOT_UP", "STORAGE_ONLY_MOVE",
                "IN_CLUSTER_STORAGE_PATH", "CLUSTERED_VM_NOT_ON_CLUSTER_STORAGE", "DESTINATION_PATH_NOT_CLUSTER_STORAGE",
                "DESTINATION_PATH_NOT_REACHABLE", "SHARE_NOT_REACHABLE", "UNKNOWN_FILE_SERVER", "NO_CLUSTER_STORAGE",
                "WOULD_LEAVE_UNPROTECTED", "NO_FOREST_TRUST", "EXTERNAL_TRUST_ONLY", "HOST_NOT_DISCOVERED", "SCRIPT_TOO_LONG",
                "UNSAFE_VALUE");
    }

    @Test
    void textPlanShowsScenarioReasonsStepsAndScripts() {
        CliRun r = CliRun.of(args("plan", "playbooks/seven-scenarios.yaml", "--set", "color=never"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("m005  db01  hv-a1 → hv-b1  S5 cluster to another cluster: HA off before, on after")
                .contains("remove-ha  on hv-a1")
                .contains("if($g){$null=Remove-ClusterGroup -Name 'db01' -RemoveResources -Force}")
                .contains("compensation:")
                .contains("The envelope:")
                .doesNotContain("\u001b[");
    }

    @Test
    void aBrokenPlaybookGetsEveryProblemWithItsPlaceAndExitTwo() {
        CliRun r = CliRun.of("plan", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory.yaml",
                "--facts", "config/facts.example.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("8 problems; nothing was contacted:")
                .contains("src/test/resources/broken/playbook.yaml:3:19: error: 'kerberose' is not a valid value")
                .contains("src/test/resources/broken/playbook.yaml:15:5: error: unknown key 'tragets' in a move entry")
                .contains("  15 |     tragets: [hv-s2]\n     |     ^\n  fix: did you mean 'to'?");
    }

    @Test
    void problemsAreJsonToo() throws Exception {
        CliRun r = CliRun.of("plan", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory.yaml",
                "--facts", "config/facts.example.yaml", "--output", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.path("error").asText()).isEqualTo("invalid-input");
        assertThat(o.path("problems")).hasSize(8);
        assertThat(o.path("problems").get(6).path("line").asInt()).isEqualTo(15);
        assertThat(o.path("problems").get(6).path("column").asInt()).isEqualTo(5);
    }

    @Test
    void problemsOfInventoryAndPlaybookAreReportedTogether() {
        CliRun r = CliRun.of("plan", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory-password.yaml",
                "--facts", "config/facts.example.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("inventory-password.yaml:3:15").contains("playbook.yaml:15:5: error: unknown key 'tragets'")
                .doesNotContain("Hunter2");
    }

    @Test
    void planningWithoutFactsSaysWhatToPass() {
        CliRun r = CliRun.of("plan", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no facts given").contains("--facts FILE");
    }

    @Test
    void settingsSupplyTheInventoryAndTheOutputFormat() {
        CliRun r = CliRun.with(Map.of("HVMIGRATE_INVENTORY", "config/inventory.example.yaml", "HVMIGRATE_FACTS", "config/facts.example.yaml",
                "HVMIGRATE_OUTPUT", "json"), "plan", "playbooks/seven-scenarios.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{");
    }

    @Test
    void aMissingFileIsInvalidInput() {
        CliRun r = CliRun.of(args("plan", "playbooks/nope.yaml"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("playbooks/nope.yaml: error: file not found");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        CliRun r = CliRun.of("plan", "--outptu", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
    }
}
