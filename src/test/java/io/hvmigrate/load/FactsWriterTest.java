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
}
