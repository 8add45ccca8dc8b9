package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.journal.Journal;
import io.hvmigrate.journal.JournalCodec;
import io.hvmigrate.journal.JournalReader;
import io.hvmigrate.plan.MoveJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run as its journal tells it: the moves it set out to do, the last state each reached, the role settings recorded
 * before a removal, the steps started but never seen to end, and whether the run finished.
 */
public record RunRecord(String runId, Path dir, Instant started, String playbookName, String playbookFile, String inventoryFile,
                        List<MoveJob> jobs, Map<String, MoveState> lastState, Map<String, MoveJob.Role> recordedRoles,
                        Map<String, String> inFlightStep, Map<String, String> detail, JsonNode runStart, JsonNode runEnd) {

    public boolean finished() {
        return runEnd != null;
    }

    public static RunRecord read(Path runDir) throws IOException {
        List<JsonNode> records = JournalReader.read(runDir.resolve(Journal.FILE_NAME));
        JsonNode start = null;
        JsonNode end = null;
        List<MoveJob> jobs = new ArrayList<>();
        Map<String, MoveState> last = new LinkedHashMap<>();
        Map<String, MoveJob.Role> roles = new LinkedHashMap<>();
        Map<String, String> inFlight = new LinkedHashMap<>();
        Map<String, String> detail = new LinkedHashMap<>();
        for (JsonNode r : records) {
            String move = r.path("move").asText(null);
            switch (r.path("type").asText()) {
                case "run-start" -> {
                    if (start == null) {
                        start = r;
                        for (JsonNode j : r.path("jobs")) {
                            MoveJob job = JournalCodec.job(j);
                            jobs.add(job);
                            last.put(job.id(), MoveState.PENDING);
                        }
                    }
                }
                case "run-resumed" -> end = null;
                case "state" -> {
                    last.put(move, MoveState.valueOf(r.path("to").asText()));
                    if (r.has("detail")) {
                        detail.put(move, r.path("detail").asText());
                    }
                }
                case "role-recorded" -> roles.put(move, JournalCodec.role(r.path("role")));
                case "step-start" -> inFlight.put(move, r.path("step").asText());
                case "step-end" -> inFlight.remove(move);
                case "run-end" -> end = r;
                default -> { }
            }
        }
        if (start == null) {
            throw new IOException(runDir + ": the journal has no run-start record");
        }
        return new RunRecord(start.path("run").asText(), runDir, Instant.parse(start.path("ts").asText()), start.path("playbook").asText(),
                start.path("playbookFile").asText(), start.path("inventoryFile").asText(), jobs, last, roles, inFlight, detail, start, end);
    }

    /** Every run under the runs folder, oldest first. */
    public static List<Path> list(Path runsDir) throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(Journal.FILE_NAME))).sorted().toList();
        }
    }
}
