package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON report a run leaves in its folder ({@code report.json}); its shape is documented in the README. */
public final class RunReport {
    private RunReport() {}

    public static ObjectNode json(RunSummary s) {
        return json(s, java.util.Map.of());
    }

    /**
     * @param retries remote calls retried, by move id (from the run's journal, so a resumed run counts the attempts made
     *                before the interruption too)
     */
    public static ObjectNode json(RunSummary s, java.util.Map<String, Integer> retries) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "hvmigrate-run-report");
        o.put("formatVersion", 1);
        o.put("run", s.runId());
        o.put("exitCode", s.exitCode());
        o.put("elapsedSeconds", s.elapsed().toMillis() / 1000.0);
        o.put("roundTrips", s.roundTrips());
        o.put("notStartedBecause", s.notStartedBecause());
        o.put("interrupted", s.interrupted());
        o.put("retries", retries.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode counts = o.putObject("states");
        s.counts().forEach((k, v) -> counts.put(RunService.lower(k), v));
        ArrayNode moves = o.putArray("moves");
        for (RunSummary.MoveResult m : s.moves()) {
            moves.addObject().put("id", m.id()).put("vm", m.vm()).put("source", m.source()).put("destination", m.destination())
                    .put("scenario", m.scenario()).put("state", RunService.lower(m.state())).put("detail", m.detail())
                    .put("seconds", m.duration().toMillis() / 1000.0).put("retries", retries.getOrDefault(m.id(), 0));
        }
        return o;
    }

    /** The {@code retry} records of a journal, counted by move. */
    public static java.util.Map<String, Integer> retries(java.nio.file.Path journal) throws java.io.IOException {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        if (java.nio.file.Files.exists(journal)) {
            for (com.fasterxml.jackson.databind.JsonNode r : io.hvmigrate.journal.JournalReader.read(journal)) {
                if ("retry".equals(r.path("type").asText()) && r.hasNonNull("move")) {
                    out.merge(r.path("move").asText(), 1, Integer::sum);
                }
            }
        }
        return out;
    }
}
