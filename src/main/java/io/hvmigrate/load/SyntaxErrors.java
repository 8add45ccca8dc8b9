package io.hvmigrate.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parser's syntax error as a problem at the place the parser names. The parser's own excerpt of the line is left
 * out (reports quote the line themselves, masking secrets), and in documents that may hold credentials the words the
 * JSON parser quotes from the text are left out too: they may be a password written in the wrong place. (The YAML
 * parser's messages name tokens and single characters, never a value.)
 */
public final class SyntaxErrors {
    private SyntaxErrors() {}

    /** A word the JSON parser quotes from the text ({@code 'Hunter2'}); its own words ({@code 'null'}) are kept. */
    private static final Pattern QUOTED = Pattern.compile("'(?!null'|true'|false')[^'\\s,][^'\\n]+'");

    static InvalidInputException of(Path file, JsonProcessingException e, boolean json, Document kind) {
        String fix = json ? "fix the JSON syntax at this place" : "fix the YAML syntax at this place (indentation, a missing ':' or an unclosed quote)";
        if (e.getCause() instanceof MarkedYAMLException y) {
            Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            Location at = mark == null ? Location.unknown(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            StringBuilder m = new StringBuilder("syntax error: ");
            if (y.getContext() != null) {
                m.append(y.getContext());
                Mark c = y.getContextMark();
                if (c != null && mark != null && c.getLine() != mark.getLine()) {
                    m.append(" (from line ").append(c.getLine() + 1).append(", column ").append(c.getColumn() + 1).append(')');
                }
                m.append(": ");
            }
            m.append(y.getProblem() == null ? "invalid YAML" : y.getProblem());
            return InvalidInputException.of(at, m.toString(), fix); // names tokens and characters, never a value
        }
        JsonLocation l = e.getLocation();
        Location at = l == null ? Location.unknown(file) : new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        String message = e.getOriginalMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null && message != null && message.contains("\n")) {
            message = message.substring(0, message.indexOf('\n'));
        }
        return InvalidInputException.of(at, scrub("syntax error: " + message, kind), fix);
    }

    /** Leaves out what the parser quotes from a document that may hold credentials. */
    public static String scrub(String message, Document kind) {
        return kind.holdsSecrets() ? QUOTED.matcher(message).replaceAll("'…'") : message;
    }
}
