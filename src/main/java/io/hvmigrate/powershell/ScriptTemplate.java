package io.hvmigrate.powershell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed PowerShell code with named holes ({@code <<name>>}); each hole is filled with {@link PsLiteral#render} of a
 * value, never with raw text. PowerShell has no {@code <<} token, so a hole cannot be mistaken for code. Templates
 * are constants of this package: the code around the holes is written by hvmigrate's authors, the values come from
 * users and hosts.
 */
final class ScriptTemplate {
    private static final Pattern HOLE = Pattern.compile("<<([a-zA-Z][a-zA-Z0-9]*)>>");

    private final List<String> parts = new ArrayList<>();   // code, hole, code, hole, ..., code
    private final Set<String> holes = new LinkedHashSet<>();

    private ScriptTemplate(String code) {
        Matcher m = HOLE.matcher(code);
        int last = 0;
        while (m.find()) {
            parts.add(code.substring(last, m.start()));
            parts.add(m.group(1));
            holes.add(m.group(1));
            last = m.end();
        }
        parts.add(code.substring(last));
    }

    static ScriptTemplate of(String code) {
        return new ScriptTemplate(code.strip());
    }

    Set<String> holes() {
        return holes;
    }

    /** Fills every hole; a missing or unexpected value is a programming error. */
    String render(Map<String, ?> values) {
        if (!values.keySet().equals(holes)) {
            throw new IllegalArgumentException("template holes " + holes + " but values for " + values.keySet());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : PsLiteral.render(values.get(parts.get(i))));
        }
        return out.toString();
    }
}
