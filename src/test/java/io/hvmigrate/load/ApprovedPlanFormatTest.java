package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Inventory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovedPlanFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLAYBOOK = Path.of("playbooks/seven-scenarios.yaml");
    private static final Inventory INVENTORY = InventoryFormat.load(Path.of("config/inventory.example.yaml"));
    private static final Instant MADE = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeApprovedPlan() throws Exception {
        // the reviewed JSON plan of the seven scenarios, approved for a week
        ObjectNode plan = (ObjectNode) JSON.readTree(Path.of("src/test/resources/golden/seven-scenarios.plan.json").toFile());
        ObjectNode doc = ApprovedPlanFormat.seal(plan, new ApprovedPlanFormat.Approval(MADE, MADE.plus(Duration.ofDays(7)),
                PLAYBOOK.toAbsolutePath(), ApprovedPlanFormat.fileDigest(PLAYBOOK), Path.of("config/inventory.example.yaml").toAbsolutePath(),
                ApprovedPlanFormat.inventoryDigest(INVENTORY), Path.of("config/facts.example.yaml").toAbsolutePath(),
                ApprovedPlanFormat.factsDigest(FactsFormat.load(Path.of("config/facts.example.yaml")))));
        file = dir.resolve("plan.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc), StandardCharsets.UTF_8);
    }

    @Test
    void readsBackTheMovesAsResolved() {
        ApprovedPlan p = ApprovedPlanFormat.load(file);

        assertThat(p.moves()).hasSize(7);
        ApprovedPlan.Move first = p.moves().get(0);
        assertThat(first.describe()).isEqualTo("web01 on hv-a1 → hv-a2 (S1)");
        assertThat(first.vmId()).isEqualTo("2f1c6c39-6a27-4b5e-9b6e-0c2f3c9a0101");
        assertThat(first.role()).isEqualTo("web01");
        assertThat(first.sourceCluster()).isEqualTo("CL-A");
        assertThat(first.steps()).extracting(ApprovedPlan.Step::toString).containsExactly("migrate on hv-a1", "verify on hv-a2");
        assertThat(p.playbook().name()).isEqualTo("seven-scenarios");
        assertThat(p.expiresAt()).isEqualTo(MADE.plus(Duration.ofDays(7)));
        assertThat(p.digest()).startsWith("sha256:");
    }

    @Test
    void anotherLayoutOfTheSameDocumentIsStillWhole() throws Exception {
        Files.writeString(file, JSON.writeValueAsString(JSON.readTree(file.toFile())), StandardCharsets.UTF_8);

        assertThat(ApprovedPlanFormat.load(file).moves()).hasSize(7);
    }

    @Test
    void aDocumentEditedAfterItWasWrittenIsRefused() throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("\"host\" : \"hv-a2\"", "\"host\" : \"hv-a3\""), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApprovedPlanFormat.load(file)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(pr -> {
                    assertThat(pr.message()).contains("changed after it was written", "digest");
                    assertThat(pr.fix()).contains("hvmigrate plan");
                }));
    }

    @Test
    void aDocumentWithoutItsDigestIsRefused() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        doc.remove("digest");
        Files.writeString(file, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApprovedPlanFormat.load(file)).hasMessageContaining("changed after it was written");
    }

    @Test
    void aJsonPlanThatWasNotApprovedIsNotAnApprovedPlan() {
        assertThatThrownBy(() -> ApprovedPlanFormat.load(Path.of("src/test/resources/golden/seven-scenarios.plan.json")))
                .hasMessageContaining("not an approved plan");
    }

    @Test
    void itMayRunUntilItExpires() {
        ApprovedPlan p = ApprovedPlanFormat.load(file);

        assertThat(ApprovedPlanFormat.check(p, INVENTORY, MADE.plus(Duration.ofDays(7)).minusSeconds(1))).isEmpty();
        assertThat(ApprovedPlanFormat.check(p, INVENTORY, MADE.plus(Duration.ofDays(7)))).singleElement()
                .satisfies(pr -> assertThat(pr.message()).contains("expired at 2026-03-09T09:00:00Z", "valid for 7d"));
    }

    @Test
    void aPlanMadeForAnotherInventoryIsRefused() {
        Inventory other = InventoryFormat.load(Path.of("src/test/resources/fleet/inventory.yaml"));

        assertThat(ApprovedPlanFormat.check(ApprovedPlanFormat.load(file), other, MADE)).singleElement()
                .satisfies(pr -> assertThat(pr.message()).contains("made for another inventory"));
    }

    @Test
    void theSameHostsInAnotherFileAreTheSameInventory() throws Exception {
        Path copy = dir.resolve("inventory.yaml");
        Files.writeString(copy, Files.readString(Path.of("config/inventory.example.yaml"))
                .replace("{ name: hv-a1, fqdn: hv-a1.lab.test }", "{ name: HV-A1, fqdn: hv-a1.lab.test, port: 15986 }"), StandardCharsets.UTF_8);

        assertThat(ApprovedPlanFormat.check(ApprovedPlanFormat.load(file), InventoryFormat.load(copy), MADE)).isEmpty();
    }

    @Test
    void thePlaybookMustBeTheOneItWasMadeFromByteForByte() throws Exception {
        ApprovedPlan p = ApprovedPlanFormat.load(file);
        Path changed = dir.resolve("seven-scenarios.yaml");
        Files.writeString(changed, Files.readString(PLAYBOOK) + "\n# one more line\n", StandardCharsets.UTF_8);

        assertThat(ApprovedPlanFormat.checkPlaybook(p, PLAYBOOK)).isEmpty();
        assertThat(ApprovedPlanFormat.checkPlaybook(p, changed)).singleElement()
                .satisfies(pr -> assertThat(pr.message()).contains("the playbook has changed since the plan was approved"));
        assertThat(ApprovedPlanFormat.checkPlaybook(p, dir.resolve("gone.yaml"))).singleElement()
                .satisfies(pr -> assertThat(pr.message()).contains("is not there"));
    }
}
