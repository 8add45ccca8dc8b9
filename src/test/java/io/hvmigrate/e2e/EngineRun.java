package io.hvmigrate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.cli.Main;
import io.hvmigrate.sim.lab.LabFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code hvmigrate run|resume … -o json} in this JVM, as a user runs it, with a hook that sees each JSON event the
 * moment the engine prints it — in the engine's own thread, so a fault injected there lands before the engine's next
 * remote call. Also reads what a run leaves behind: its journal and report.
 */
final class EngineRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, List<JsonNode> events, String err) {
        JsonNode last() {
            return events.isEmpty() ? JSON.createObjectNode() : events.getLast();
        }

        List<JsonNode> named(String event) {
            return events.stream().filter(e -> event.equals(e.path("event").asText())).toList();
        }
    }

    private EngineRun() {}

    static Result run(LabFiles.Written files, Path runs, Consumer<JsonNode> onEvent, String... args) {
        List<JsonNode> events = new ArrayList<>();
        StringWriter err = new StringWriter();
        Writer lines = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] c, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (c[i] == '\n') {
                        String l = line.toString();
                        line.setLength(0);
                        if (l.startsWith("{")) {
                            try {
                                JsonNode e = JSON.readTree(l);
                                events.add(e);
                                onEvent.accept(e);
                            } catch (IOException ex) {
                                throw new IllegalStateException("not JSON: " + l, ex);
                            }
                        }
                    } else {
                        line.append(c[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", files.inventory().toString(), "-o", "json", "--set", "runs.dir=" + runs));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(lines, true), new PrintWriter(err, true),
                Map.of("HOME", runs.getParent().toString()));
        return new Result(code, events, err.toString());
    }

    static Result run(LabFiles.Written files, Path runs, String... args) {
        return run(files, runs, e -> { }, args);
    }

    /** The one run folder under {@code runs} whose id the events name. */
    static Path runDir(Path runs, Result r) {
        String id = r.named("run-started").getFirst().path("run").asText();
        return runs.resolve(id);
    }

    static List<JsonNode> journal(Path runDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(runDir.resolve("journal.jsonl"))) {
            for (String l : lines.toList()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    static JsonNode report(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("report.json").toFile());
    }

    static boolean is(JsonNode event, String name, String step, String vm) {
        return name.equals(event.path("event").asText()) && step.equals(event.path("step").asText()) && vm.equals(event.path("vm").asText());
    }
}
