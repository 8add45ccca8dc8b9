package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents fail fast, at their place, naming the bound; durations and timestamps never overflow. */
class BoundedInputTest {

    private static Problem only(Runnable r) {
        InvalidInputException[] caught = new InvalidInputException[1];
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidInputException.class, e -> caught[0] = e);
        assertThat(caught[0].problems()).hasSize(1);
        return caught[0].problems().get(0);
    }

    @Test
    void invalidUtf8IsNamedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.write(f, new byte[] {'a', ':', ' ', '1', '\n', 'b', (byte) 0xc3, (byte) 0xa9, ':', ' ', (byte) 0xff});
        Problem p = only(() -> LocatedYaml.read(f, Document.PLAYBOOK));
        assertThat(p.location()).isEqualTo(new Location(f, 2, 5));
        assertThat(p.message()).contains("not valid UTF-8", "0xFF");
    }

    @Test
    void aNulByteOrAUtf16ByteOrderMarkIsNotText(@TempDir Path dir) throws Exception {
        Path nul = dir.resolve("n.yaml");
        Files.write(nul, new byte[] {'a', ':', ' ', 0, '\n'});
        assertThat(only(() -> LocatedYaml.read(nul, Document.INVENTORY)).location()).isEqualTo(new Location(nul, 1, 4));
        Path utf16 = dir.resolve("u.yaml");
        Files.write(utf16, new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0});
        assertThat(only(() -> LocatedYaml.read(utf16, Document.SETTINGS)).message()).contains("UTF-16");
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.write(f, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', ':', ' ', '1'});
        assertThat(((Node.MapNode) LocatedYaml.read(f, Document.PLAYBOOK)).entry("a")).isPresent();
    }

    @Test
    void aFileLargerThanItsKindsBoundIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.yaml");
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(Document.PLAYBOOK.maxBytes() + 1);
        }
        assertThat(only(() -> LocatedYaml.read(f, Document.PLAYBOOK)).message()).contains("larger than 1 MiB", "a playbook");
    }

    @Test
    void mergeKeysAndAliasesCannotExpandPastTheBound() {
        StringBuilder y = new StringBuilder("l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*l" + (i - 1);
            y.append("l").append(i).append(": &l").append(i).append(" {<<: [").append(String.join(", ", java.util.Collections.nCopies(9, prev)))
                    .append("], k: [").append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]}\n");
        }
        Problem p = only(() -> LocatedYaml.parse(Path.of("bomb.yaml"), y.toString(), Document.PLAYBOOK));
        assertThat(p.message()).contains("more than 200000 values", "aliases", "merge keys", "the limit of a playbook");
        assertThat(p.location().line()).isBetween(2, 10);
    }

    @Test
    void nestingAndSecondDocumentsAreRefusedAtTheirPlace() {
        Problem deep = only(() -> LocatedYaml.parse(Path.of("d.yaml"), "a: " + "[".repeat(40) + "]".repeat(40), Document.PLAYBOOK));
        assertThat(deep.location()).isEqualTo(new Location(Path.of("d.yaml"), 1, 3 + 32));
        assertThat(deep.message()).contains("deeper than 32 levels");
        Problem second = only(() -> LocatedYaml.parse(Path.of("s.yaml"), "a: 1\n---\nb: 2\n", Document.PLAYBOOK));
        assertThat(second.location()).isEqualTo(new Location(Path.of("s.yaml"), 3, 1));
        assertThat(second.message()).contains("a second document");
    }

    @Test
    void syntaxErrorsInInventoriesQuoteNoValue() {
        Problem json = only(() -> LocatedYaml.parse(Path.of("i.json"), "{\"credential\": Hunter2pw}", Document.INVENTORY));
        assertThat(json.message()).doesNotContain("Hunter2").contains("'null'");
        Problem yaml = only(() -> LocatedYaml.parse(Path.of("i.yaml"), "a: 1\npassword: \"Hunter2\nb: 2\n", Document.INVENTORY));
        assertThat(yaml.message()).doesNotContain("Hunter2").contains("from line 2, column 11");
    }

    @Test
    void durationsAndTimestampsStayWithinWhatTheClockCanHold() {
        assertThat(Units.duration("99999999999999999999h")).isNull();
        assertThat(Units.checkDuration("99999999999999999999h")).contains("longer than ten years");
        assertThat(Units.checkDuration("2562047788015216h")).contains("longer than ten years");
        assertThat(Units.checkDuration("PT-5M")).contains("negative");
        assertThat(Units.duration("87600h")).isEqualTo(Duration.ofHours(87600));
        assertThat(Units.timestamp("+999999999-12-31T23:59:59Z")).isNull();
        assertThat(Units.checkTimestamp("+10000-01-01T00:00:00Z")).contains("between the years 1970 and 9999");
        assertThat(Units.timestamp("2026-11-22T22:00:00+01:00")).isNotNull();
    }

    @Test
    void aFactsFileMayBeLargerThanTheYamlParsersOwnDefaultBound() {
        // SnakeYAML stops at 3 MB by default; a fleet of 100,000 VMs is tens of MiB
        StringBuilder y = new StringBuilder("vms:\n");
        for (int i = 0; y.length() < (4 << 20); i++) {
            y.append("  - { name: vm").append(i).append(", host: hv-a1, path: 'D:\\VMs\\vm").append(i).append("', memory: 4GB }\n");
        }
        Node.MapNode root = (Node.MapNode) LocatedYaml.parse(Path.of("f.yaml"), y.toString(), Document.FACTS);
        assertThat(((Node.ListNode) root.entry("vms").orElseThrow().value()).items()).hasSizeGreaterThan(50_000);
        assertThat(only(() -> LocatedYaml.parse(Path.of("p.yaml"), y.toString(), Document.PLAYBOOK)).message())
                .contains("the limit of a playbook");
    }
}
