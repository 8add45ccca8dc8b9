package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherCommandsTest {

    @Test
    void configShowSaysWhereEachValueComesFrom() {
        CliRun r = CliRun.with(Map.of("HVMIGRATE_LOG_LEVEL", "info"), "config", "show", "--set", "color=never");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("log\\.level\\s+info\\s+environment \\(HVMIGRATE_LOG_LEVEL\\)")
                .containsPattern("color\\s+never\\s+command line \\(--set color\\)")
                .containsPattern("output\\s+text\\s+built-in default");
    }

    @Test
    void configShowAsJson() throws Exception {
        CliRun r = CliRun.of("config", "show", "-o", "json");
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.path("settings").findValuesAsText("key")).contains("inventory", "facts", "output", "color", "log.level");
        assertThat(o.path("settings").get(2).path("source").asText()).isEqualTo("command-line");
    }

    @Test
    void validateChecksWithoutFacts() {
        CliRun r = CliRun.of("validate", "playbooks/seven-scenarios.yaml", "-i", "config/inventory.example.yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("valid (7 move entries");
        CliRun bad = CliRun.of("validate", "src/test/resources/broken/playbook.yaml", "-i", "src/test/resources/broken/inventory.yaml");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void schemaWritesTheThreeSchemas(@TempDir Path dir) {
        CliRun r = CliRun.of("schema", "--write", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(dir.resolve("playbook.schema.json")).exists();
        assertThat(dir.resolve("inventory.schema.json")).exists();
        assertThat(dir.resolve("facts.schema.json")).exists();
    }

    @Test
    void schemaPrintsOneJsonObjectKeyedBySchemaName() throws Exception {
        CliRun r = CliRun.of("schema");
        assertThat(r.exitCode()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all.isObject()).isTrue();
        assertThat(all.fieldNames()).toIterable().containsExactly("playbook", "inventory", "facts");
        assertThat(all.path("playbook").path("$id").asText()).endsWith("/playbook.schema.json");
    }

    @Test
    void schemaNamePrintsThatSchemaAsPublished(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("schema", "inventory");
        assertThat(r.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(r.out())).isEqualTo(new ObjectMapper().readTree(Path.of("schema/inventory.schema.json").toFile()));
        CliRun one = CliRun.of("schema", "facts", "--write", dir.toString());
        assertThat(one.exitCode()).isZero();
        assertThat(dir).isDirectoryContaining("glob:**/facts.schema.json").isDirectoryNotContaining("glob:**/playbook.schema.json");
    }

    @Test
    void schemaOfAnUnknownNameIsInvalidInput() {
        CliRun r = CliRun.of("schema", "fact");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no schema 'fact': did you mean 'facts'?");
    }

    @Test
    void discoverRefusesAFormatNameAsTheSnapshotFile() {
        for (String name : new String[] {"json", "text", "yaml", "JSON"}) {
            CliRun r = CliRun.of("discover", "-i", "config/inventory.example.yaml", "--out", name);
            assertThat(r.exitCode()).as(name).isEqualTo(2);
            assertThat(r.err()).contains("--out " + name + " looks like a format, not a file name", "-o/--output text|json");
        }
        assertThat(CliRun.of("discover", "-i", "config/inventory.example.yaml", "-O", "json").exitCode()).isEqualTo(2);
        assertThat(Path.of("json")).doesNotExist();
    }

    @Test
    void discoverSaysWhereTheSnapshotFileGoesWhenGivenOneAsTheFormat() {
        CliRun r = CliRun.of("discover", "-i", "config/inventory.example.yaml", "-o", "facts.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("-o is the output format (text or json)", "use --out facts.yaml");
        assertThat(Path.of("facts.yaml")).doesNotExist();
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).startsWith("hvmigrate ");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("plan").contains("validate").contains("config").contains("completion").contains("Exit codes");
    }

    @Test
    void discoverWritesNoSnapshotWhenNoHostAnswers(@TempDir Path dir) throws Exception {
        // two hosts on closed loopback ports: nothing answers
        Path inv = dir.resolve("inventory.yaml");
        java.nio.file.Files.writeString(inv, """
                version: 1
                defaults: { transport: https, auth: ntlm, user: 'LAB\\svc', credential: 'env:HVM_TEST_PW' }
                hosts:
                  - { name: hv-a1, fqdn: hv-a1.lab.test, address: 127.0.0.1, port: 1 }
                  - { name: hv-a2, fqdn: hv-a2.lab.test, address: 127.0.0.1, port: 2 }
                """);
        Path facts = dir.resolve("facts.yaml");
        java.nio.file.Files.writeString(facts, "an earlier snapshot");
        CliRun r = CliRun.with(Map.of("HVM_TEST_PW", "x"), "discover", "-i", inv.toString(), "--out", facts.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("could not read hv-a1", "no inventory host could be read", "was not written");
        assertThat(facts).hasContent("an earlier snapshot");
    }

    @Test
    void resumingARunThatEndedGivesItsExitCode(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("runs").resolve("20261203T010203Z-nightly");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Files.writeString(run.resolve("journal.jsonl"), """
                {"ts":"2026-12-03T01:02:03Z","run":"20261203T010203Z-nightly","type":"run-start","playbook":"nightly","jobs":[]}
                {"ts":"2026-12-03T01:09:03Z","run":"20261203T010203Z-nightly","type":"run-end","exitCode":1,"states":{"FAILED":1}}
                """);
        CliRun r = CliRun.of("resume", "20261203T010203Z-nightly", "--set", "runs.dir=" + dir.resolve("runs"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("finished already with exit code 1", "run the playbook again");
    }
}
