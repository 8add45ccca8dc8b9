package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The published schemas are the ones hvmigrate validates with, and every shipped example satisfies them. */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedSchemasAreTheGeneratedOnes() throws IOException {
        for (var e : Schemas.all().entrySet()) {
            JsonNode committed = JSON.readTree(Path.of("schema").resolve(e.getKey()).toFile());
            JsonNode generated = JSON.readTree(JSON.writeValueAsString(e.getValue()));   // same number types as a parsed file
            assertThat(committed).as("schema/%s is stale: run bin/hvmigrate schema --write schema", e.getKey()).isEqualTo(generated);
        }
    }

    static Stream<Arguments> examples() throws IOException {
        Stream<Arguments> playbooks;
        try (Stream<Path> files = Files.list(Path.of("playbooks"))) {
            playbooks = files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> Arguments.of(p, "playbook.schema.json")).toList().stream();
        }
        return Stream.concat(playbooks, Stream.of(
                Arguments.of(Path.of("config/inventory.example.yaml"), "inventory.schema.json"),
                Arguments.of(Path.of("config/facts.example.yaml"), "facts.schema.json"),
                Arguments.of(Path.of("src/test/resources/fleet/facts.yaml"), "facts.schema.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shippedFilesSatisfyTheirSchema(Path file, String schemaName) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Path.of("schema").resolve(schemaName).toFile()));
        JsonNode doc = toJson(LocatedYaml.read(file, Document.FACTS));   // anchors and aliases resolved, as editors resolve them
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).as("%s against %s", file, schemaName).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatHvmigrateRejects() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Path.of("schema/playbook.schema.json").toFile()));
        JsonNode doc = toJson(LocatedYaml.read(Path.of("src/test/resources/broken/playbook.yaml"), Document.PLAYBOOK));
        assertThat(schema.validate(doc)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("tragets"))
                .anySatisfy(m -> assertThat(m).startsWith("$.policy.authentication").contains("enumeration"))
                .anySatisfy(m -> assertThat(m).startsWith("$.policy.concurrency.global"));
    }

    static JsonNode toJson(Node n) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (n) {
            case Node.MapNode m -> {
                var o = f.objectNode();
                m.entries().forEach(e -> o.set(e.key(), toJson(e.value())));
                yield o;
            }
            case Node.ListNode l -> {
                var a = f.arrayNode();
                l.items().forEach(i -> a.add(toJson(i)));
                yield a;
            }
            case Node.Scalar s -> switch (s.type()) {
                case STRING -> f.textNode(s.text());
                case INTEGER -> s.value() instanceof Long v ? f.numberNode(v) : f.numberNode((java.math.BigInteger) s.value());
                case DECIMAL -> f.numberNode((Double) s.value());
                case BOOLEAN -> f.booleanNode((Boolean) s.value());
                case NULL -> f.nullNode();
            };
        };
    }
}
