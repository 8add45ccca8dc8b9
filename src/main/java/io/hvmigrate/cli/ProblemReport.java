package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.Problem;
import io.hvmigrate.load.SecretMask;
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

    /** The longest message printed: a value quoted from an input (a 1 MiB name) is cut. */
    private static final int MESSAGE_CHARS = 2_000;

    static void text(List<Problem> problems, PrintWriter err) {
        Map<Path, List<String>> cache = new HashMap<>();
        err.println(problems.size() == 1 ? "1 problem; nothing was contacted:" : problems.size() + " problems; nothing was contacted:");
        for (Problem p : problems) {
            Location at = p.location();
            err.println();
            err.println(printable(at.toString(), MESSAGE_CHARS) + ": error: " + printable(p.message(), MESSAGE_CHARS));
            String line = p.sensitive() ? null : sourceLine(at, cache);
            if (line != null) {
                String num = Integer.toString(at.line());
                err.println("  " + num + " | " + line);
                err.println("  " + " ".repeat(num.length()) + " | " + " ".repeat(Math.max(0, at.column() - 1)) + "^");
            }
            if (!p.fix().isEmpty()) {
                err.println("  fix: " + printable(p.fix(), MESSAGE_CHARS));
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
            o.put("message", printable(p.message(), MESSAGE_CHARS));
            o.put("fix", printable(p.fix(), MESSAGE_CHARS));
        }
        return root;
    }

    private static String sourceLine(Location at, Map<Path, List<String>> cache) {
        if (!at.known() || at.file() == null) {
            return null;
        }
        List<String> lines = cache.computeIfAbsent(at.file(), f -> {
            // a plain file's first lines only, never a device such as /dev/zero
            if (!Files.isRegularFile(f)) {
                return List.of();
            }
            try (java.util.stream.Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
                return SecretMask.lines(s.limit(EXCERPT_LINES).toList());
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        if (at.line() > lines.size()) {
            return null;
        }
        return printable(lines.get(at.line() - 1).replace('\t', ' '), 160);
    }

    /** Lines read for excerpts: problems past them are reported without one. */
    private static final int EXCERPT_LINES = 200_000;

    /**
     * Text from an input as one printable line: control characters (a newline or NUL in a name would forge or cut
     * output lines) written as escapes, and at most {@code max} characters.
     */
    static String printable(String text, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() >= max ? b.substring(0, max) + "…" : b.toString();
    }
}
