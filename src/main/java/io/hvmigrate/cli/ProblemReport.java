package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints problems the way compilers do: file:line:col, the line itself with a caret, the message and the fix. */
final class ProblemReport {
    private ProblemReport() {}

    static void text(List<Problem> problems, PrintWriter err) {
        Map<Path, List<String>> cache = new HashMap<>();
        err.println(problems.size() == 1 ? "1 problem; nothing was contacted:" : problems.size() + " problems; nothing was contacted:");
        for (Problem p : problems) {
            Location at = p.location();
            err.println();
            err.println(at + ": error: " + p.message());
            String line = p.sensitive() ? null : sourceLine(at, cache);
            if (line != null) {
                String num = Integer.toString(at.line());
                err.println("  " + num + " | " + line);
                err.println("  " + " ".repeat(num.length()) + " | " + " ".repeat(Math.max(0, at.column() - 1)) + "^");
            }
            if (!p.fix().isEmpty()) {
                err.println("  fix: " + p.fix());
            }
        }
        err.flush();
    }

    static ObjectNode json(List<Problem> problems) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("error", "invalid-input");
        root.put("exitCode", ExitCode.INVALID_INPUT.code());
        ArrayNode list = root.putArray("problems");
        for (Problem p : problems) {
            ObjectNode o = list.addObject();
            o.put("file", p.location().file() == null ? null : p.location().file().toString());
            if (p.location().known()) {
                o.put("line", p.location().line());
                o.put("column", p.location().column());
            }
            o.put("message", p.message());
            o.put("fix", p.fix());
        }
        return root;
    }

    private static String sourceLine(Location at, Map<Path, List<String>> cache) {
        if (!at.known() || at.file() == null) {
            return null;
        }
        List<String> lines = cache.computeIfAbsent(at.file(), f -> {
            try {
                return Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        if (at.line() > lines.size()) {
            return null;
        }
        String l = lines.get(at.line() - 1).replace('\t', ' ');
        return l.length() > 160 ? l.substring(0, 160) + "…" : l;
    }
}
