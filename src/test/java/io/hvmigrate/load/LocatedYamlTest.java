package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {
    private static final Path F = Path.of("x.yaml");

    @Test
    void everyKeyAndValueKnowsItsPlace() {
        Node.MapNode root = (Node.MapNode) LocatedYaml.parse(F, "a: 1\nlist:\n  - { b: 'two' }\n");
        Node.Entry a = root.entry("a").orElseThrow();
        assertThat(a.keyLocation()).isEqualTo(new Location(F, 1, 1));
        assertThat(a.value().location()).isEqualTo(new Location(F, 1, 4));
        Node.MapNode item = (Node.MapNode) ((Node.ListNode) root.get("list").orElseThrow()).items().get(0);
        assertThat(item.get("b").orElseThrow()).isEqualTo(new Node.Scalar(new Location(F, 3, 10), Node.ScalarType.STRING, "two", "two"));
    }

    @Test
    void duplicateKeysAreProblemsNotSilentOverwrites() {
        assertThatThrownBy(() -> LocatedYaml.parse(F, "a: 1\nb: 2\na: 3\n")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).isEqualTo("key 'a' appears twice in this mapping");
                    assertThat(p.location()).isEqualTo(new Location(F, 3, 1));
                }));
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() {
        Node.MapNode root = (Node.MapNode) LocatedYaml.parse(F, """
                base: &base { x: 1, y: 2 }
                copy: *base
                merged: { <<: *base, y: 3 }
                """);
        Node.MapNode copy = (Node.MapNode) root.get("copy").orElseThrow();
        assertThat(((Node.Scalar) copy.get("x").orElseThrow()).value()).isEqualTo(1L);
        Node.MapNode merged = (Node.MapNode) root.get("merged").orElseThrow();
        assertThat(merged.entries()).extracting(Node.Entry::key).containsExactly("y", "x");
        assertThat(((Node.Scalar) merged.get("y").orElseThrow()).value()).isEqualTo(3L);
    }

    @Test
    void anUnknownAliasIsASyntaxError() {
        assertThatThrownBy(() -> LocatedYaml.parse(F, "a: *nowhere\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("syntax error");
    }

    @Test
    void anEmptyValueReadsAsNothing() {
        Node.MapNode root = (Node.MapNode) LocatedYaml.parse(F, "tls:\n  # nothing here yet\nname: x\n");
        assertThat(((Node.Scalar) root.get("tls").orElseThrow()).isNull()).isTrue();
    }

    @Test
    void jsonFilesAreReadWithTheJsonParser() {
        Node.MapNode root = (Node.MapNode) LocatedYaml.parse(Path.of("f.json"), "{\n  \"a\": [1, 2.5, true, null]\n}");
        assertThat(((Node.ListNode) root.get("a").orElseThrow()).items()).extracting(n -> ((Node.Scalar) n).type())
                .containsExactly(Node.ScalarType.INTEGER, Node.ScalarType.DECIMAL, Node.ScalarType.BOOLEAN, Node.ScalarType.NULL);
        assertThatThrownBy(() -> LocatedYaml.parse(Path.of("f.json"), "{\n  \"a\": 1,\n}")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems().get(0).location().line()).isEqualTo(3));
    }
}
