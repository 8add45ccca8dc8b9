package io.hvmigrate.powershell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What a step script reported, parsed from the one JSON object it prints (never scraped from text).
 */
public sealed interface StepResult {

    /** The script finished and returned its data. */
    record Ok(JsonNode data) implements StepResult {}

    /**
     * The script caught an error: PowerShell's message, category, HRESULT, exception type and error id. For example
     * a Move-VM that failed on delegation has hresult 0x8009030E and the text Windows wrote.
     */
    record Failed(String message, String category, long hresult, String type, String errorId) implements StepResult {
        public String hresultHex() {
            return String.format("0x%08X", hresult & 0xFFFFFFFFL);
        }
    }

    /** The output was not exactly one JSON result: PowerShell failed before the envelope, or something else spoke. */
    record Unreadable(String why, String stdout, String stderr, int exitCode) implements StepResult {}

    ObjectMapper JSON = new ObjectMapper();

    /** Parses a script's output. */
    static StepResult parse(String stdout, String stderr, int exitCode) {
        String out = stdout == null ? "" : stdout.strip();
        if (out.isEmpty()) {
            return new Unreadable("the script printed nothing" + (stderr == null || stderr.isBlank() ? "" : "; stderr: " + stderr.strip()), stdout, stderr, exitCode);
        }
        JsonNode node;
        try {
            var parser = JSON.createParser(out);
            node = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                return new Unreadable("more than one result was printed", stdout, stderr, exitCode);
            }
        } catch (IOException e) {
            return new Unreadable("the output is not a JSON result: " + firstLine(out), stdout, stderr, exitCode);
        }
        if (node == null || !node.isObject() || !node.has("ok")) {
            return new Unreadable("the output is not a result object", stdout, stderr, exitCode);
        }
        if (node.path("ok").asBoolean(false)) {
            return new Ok(node.path("data"));
        }
        JsonNode e = node.path("error");
        return new Failed(e.path("message").asText(""), e.path("category").asText(""), e.path("hresult").asLong(0),
                e.path("type").asText(""), e.path("errorId").asText(""));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 200 ? l.substring(0, 200) + "…" : l;
    }

    /**
     * A list of strings from a script's JSON: an array as it is, a single non-empty string as a list of one (how
     * PowerShell renders a one-element collection that reached the output unwrapped), anything else as empty. Null and
     * empty elements are left out: {@code @($a.'attr')} of a property Get-AD* leaves out (no value in the directory) is
     * {@code @($null)}, JSON {@code [null]}, and stands for no value, never for the text "null".
     */
    public static java.util.List<String> strings(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> {
                if (!x.isNull() && !x.isMissingNode() && !x.asText().isEmpty()) {
                    out.add(x.asText());
                }
            });
        } else if (n.isTextual() && !n.asText().isEmpty()) {
            out.add(n.asText());
        }
        return out;
    }
}
