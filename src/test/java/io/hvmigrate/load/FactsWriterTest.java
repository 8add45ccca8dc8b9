package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.model.Facts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsWriterTest {

    @Test
    void whatIsWrittenReadsBackAsTheSameFacts(@TempDir Path dir) throws Exception {
        for (Path source : new Path[] {Path.of("config/facts.example.yaml"), Path.of("src/test/resources/fleet/facts.yaml")}) {
            Facts original = FactsFormat.load(source);
            Path yaml = dir.resolve("f.yaml");
            Files.writeString(yaml, FactsWriter.yaml(original));
            assertThat(FactsFormat.load(yaml)).as("YAML of %s", source).isEqualTo(original);
            Path json = dir.resolve("f.json");
            Files.writeString(json, FactsWriter.json(original));
            assertThat(FactsFormat.load(json)).as("JSON of %s", source).isEqualTo(original);
        }
    }

    @Test
    void usersTicketsAndWhenChangedSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
        Facts f = FactsFormat.load(Path.of("src/test/resources/fleet/facts.yaml"));
        Facts.DirectoryFacts d = f.directory();
        java.util.List<Facts.ComputerAccount> computers = new java.util.ArrayList<>(d.computers());
        computers.add(new Facts.ComputerAccount("s1", "S1$", java.util.List.of(), java.util.List.of("cifs/s2"), true, false,
                java.util.List.of(), java.time.Instant.parse("2026-03-06T18:10:00Z")));
        Facts original = new Facts(f.collectedAt(), f.hosts(), f.clusters(), f.fileServers(), f.vms(), new Facts.DirectoryFacts(
                d.domains(), d.trusts(), computers,
                java.util.List.of(new Facts.UserAccount("LAB\\admin-sensitive", "admin-sensitive", "LAB", java.util.List.of("s1", "s2"),
                        true, java.util.List.of("CN=Protected Users,CN=Users,DC=lab,DC=test"))),
                java.util.List.of(new Facts.SystemTicket("s1", java.time.Instant.parse("2026-03-06T18:07:09Z"),
                        java.time.Instant.parse("2026-03-07T04:07:09Z")))));
        Path yaml = dir.resolve("f.yaml");
        Files.writeString(yaml, FactsWriter.yaml(original));

        Facts back = FactsFormat.load(yaml);

        assertThat(back).isEqualTo(original);
        assertThat(back.directory().userOf("s2")).hasValueSatisfying(u -> assertThat(u.protectedUsers()).isTrue());
    }
}
