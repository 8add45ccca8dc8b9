package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input, from {@code src/test/resources/bad-input} (the large cases are made here): every file is
 * refused with exit 2 within 5 s and 512 MB, by {@code validate} and by the commands that would act ({@code run},
 * {@code check}), naming the file and, where the file has one, the line and column; nothing is contacted (the
 * inventories point at 127.0.0.1:1, where nothing listens, and no run folder is made), and the fake password planted
 * in the inventories and settings never appears in text or JSON output.
 *
 * <p>Files in {@code bad-input/ROLE/} are given as that role (playbook, inventory, facts, settings, approved plan);
 * a file whose name starts with {@code nopos-} has no place to name (its problem is the whole file).
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final Path GOOD_INVENTORY = CORPUS.resolve("good/inventory.yaml");
    private static final Path GOOD_PLAYBOOK = CORPUS.resolve("good/playbook.yaml");
    /** Planted in the inventories and settings of the corpus; no part of it may be printed. */
    private static final String PASSWORD = "Hunter2-Pa55!word";
    private static final long TIME_LIMIT_MS = 5_000;
    private static final long MEMORY_LIMIT = 512L << 20;

    @TempDir
    static Path tmp;

    /** One bad file, in the role it is given in. */
    private record Case(String role, Path file, boolean positioned) {
        String name() {
            return role + "/" + file.getFileName();
        }
    }

    @Test
    void theCorpusHoldsAtLeast120CommittedFiles() throws IOException {
        assertThat(committed()).hasSizeGreaterThanOrEqualTo(120);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsPlaceAndNothingContacted() throws IOException {
        List<Case> cases = new ArrayList<>(committed());
        cases.addAll(generated());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static List<Case> committed() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String role : List.of("playbook", "inventory", "facts", "settings", "plan")) {
            try (Stream<Path> files = Files.list(CORPUS.resolve(role))) {
                files.sorted().forEach(f -> cases.add(new Case(role, f, !f.getFileName().toString().startsWith("nopos-"))));
            }
        }
        return cases;
    }

    /** Endless, random and oversized inputs, made here rather than committed. */
    private static List<Case> generated() throws IOException {
        List<Case> cases = new ArrayList<>();
        Path dir = Files.createDirectories(tmp.resolve("generated"));
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            if (Files.exists(Path.of(device))) {
                for (String role : List.of("playbook", "inventory", "facts", "settings", "plan")) {
                    cases.add(new Case(role, Path.of(device), device.equals("/dev/zero")));
                }
            }
        }
        Path bigPlaybook = dir.resolve("nopos-2MiB-playbook.yaml");
        Files.writeString(bigPlaybook, "version: 1\nname: big\n" + ("# " + "x".repeat(1021) + "\n").repeat(2048));
        cases.add(new Case("playbook", bigPlaybook, false));
        Path bigInventory = dir.resolve("nopos-9MiB-inventory.yaml");
        Files.writeString(bigInventory, ("# password: " + PASSWORD + " " + "x".repeat(1000) + "\n").repeat(9 * 1024));
        cases.add(new Case("inventory", bigInventory, false));
        Path bigSettings = dir.resolve("nopos-2MiB-settings.properties");
        Files.writeString(bigSettings, ("# " + "x".repeat(1021) + "\n").repeat(2048));
        cases.add(new Case("settings", bigSettings, false));
        cases.add(new Case("facts", sparse(dir.resolve("nopos-257MiB-facts.yaml"), 257L << 20), false));
        cases.add(new Case("plan", sparse(dir.resolve("nopos-65MiB-plan.json"), 65L << 20), false));
        Path longName = dir.resolve("vm-name-900KiB.yaml");
        Files.writeString(longName, "version: 1\nname: long\nmoves:\n  - { vm: " + "v".repeat(900 * 1024) + ", to: hv-a2 }\n");
        cases.add(new Case("playbook", longName, true));
        Path longKey = dir.resolve("key-900KiB.yaml");
        Files.writeString(longKey, "version: 1\nname: long\n" + "k".repeat(900 * 1024) + ": 1\nmoves:\n  - { vm: web01, to: hv-a2 }\n");
        cases.add(new Case("playbook", longKey, true));
        Path deep = dir.resolve("nesting-100000.yaml");
        Files.writeString(deep, "version: 1\nname: deep\nmoves: " + "[".repeat(100_000) + "\n");
        cases.add(new Case("playbook", deep, true));
        Path longLinePassword = dir.resolve("password-on-a-long-line.yaml");
        Files.writeString(longLinePassword, "defaults:\n  pasword: " + "x".repeat(500) + PASSWORD + "\nhosts: []\n");
        cases.add(new Case("inventory", longLinePassword, true));
        cases.add(new Case("playbook", dir.resolve("nopos-missing.yaml"), false));
        cases.add(new Case("playbook", Files.createDirectories(dir.resolve("nopos-a-folder.yaml")), false));
        return cases;
    }

    /** A file of that many NUL bytes that takes no room on disk. */
    private static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    /** The command lines that read the file in its role: validate in text and JSON, and the commands that would act. */
    private static List<List<String>> commands(Case c) {
        String f = c.file().toString();
        String pb = GOOD_PLAYBOOK.toString();
        String inv = GOOD_INVENTORY.toString();
        return switch (c.role()) {
            case "playbook" -> List.of(List.of("validate", f, "-i", inv), List.of("validate", f, "-i", inv, "-o", "json"),
                    List.of("run", f, "-i", inv, "--no-wait", "-o", "json"));
            case "inventory" -> List.of(List.of("validate", pb, "-i", f), List.of("validate", pb, "-i", f, "-o", "json"),
                    List.of("run", pb, "-i", f, "--no-wait", "-o", "json"), List.of("check", pb, "-i", f));
            case "facts" -> List.of(List.of("validate", pb, "-i", inv, "--facts", f),
                    List.of("validate", pb, "-i", inv, "--facts", f, "-o", "json"));
            case "settings" -> List.of(List.of("validate", pb, "-i", inv, "--settings", f),
                    List.of("validate", pb, "-i", inv, "--settings", f, "-o", "json"),
                    List.of("run", pb, "-i", inv, "--no-wait", "--settings", f));
            case "plan" -> List.of(List.of("run", "--plan", f, "-i", inv, "--no-wait"),
                    List.of("run", "--plan", f, "-i", inv, "--no-wait", "-o", "json"));
            default -> throw new IllegalArgumentException(c.role());
        };
    }

    private static void check(Case c) throws IOException {
        Path state = tmp.resolve("state");
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "XDG_STATE_HOME", state.toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (List<String> args : commands(c)) {
            String what = c.name() + ": hvmigrate " + String.join(" ", args).replace(tmp.toString(), "$TMP");
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            CliRun r = CliRun.with(env, args.toArray(String[]::new));
            long ms = (System.nanoTime() - start) / 1_000_000;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

            assertThat(r.exitCode()).as("%s exits 2 (invalid input)\n%s%s", what, r.out(), r.err()).isEqualTo(2);
            assertThat(ms).as("%s ends within 5 s", what).isLessThan(TIME_LIMIT_MS);
            assertThat(allocated).as("%s allocates less than 512 MB", what).isLessThan(MEMORY_LIMIT);
            assertThat(r.out() + r.err()).as("%s prints no part of the planted password", what)
                    .doesNotContain(PASSWORD).doesNotContain("Hunter2").doesNotContain("Pa55");
            assertThat(r.err()).as(what).doesNotContain("internal error");
            assertThat(state.resolve("hvmigrate")).as("%s made no run: nothing was contacted", what).doesNotExist();
            if (args.contains("json")) {
                checkJson(c, what, r);
            } else {
                checkText(c, what, r);
            }
        }
    }

    private static void checkText(Case c, String what, CliRun r) {
        String file = c.file().toString();
        assertThat(r.err()).as("%s names the file\n%s", what, r.err()).contains(file);
        if (c.positioned()) {
            assertThat(Pattern.compile(Pattern.quote(file) + ":\\d+:\\d+: error: ").matcher(r.err()).find())
                    .as("%s names the line and column\n%s", what, r.err()).isTrue();
        }
    }

    private static void checkJson(Case c, String what, CliRun r) throws IOException {
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("exitCode").asInt()).as(what).isEqualTo(2);
        List<JsonNode> ofFile = new ArrayList<>();
        doc.path("problems").forEach(p -> {
            if (c.file().toString().equals(p.path("file").asText())) {
                ofFile.add(p);
            }
        });
        assertThat(ofFile).as("%s names the file\n%s", what, r.out()).isNotEmpty();
        if (c.positioned()) {
            assertThat(ofFile).as("%s names the line and column\n%s", what, r.out())
                    .anySatisfy(p -> assertThat(p.path("line").asInt()).isPositive());
        }
        assertThat(r.out().getBytes(StandardCharsets.UTF_8).length).as(what).isLessThan(64 * 1024);
    }
}
