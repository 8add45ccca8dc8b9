package io.hvmigrate.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a journal back. A last line cut short by a crash is ignored: it was never acknowledged as written. */
public final class JournalReader {
    private JournalReader() {}

    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            try {
                out.add(Journal.JSON.readTree(l));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break;   // torn final write
                }
                throw new IOException(file + ":" + (i + 1) + ": the journal is damaged: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
