package io.hvmigrate.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A strict reader of LDIF change records (RFC 2849) as ldifde and ldapmodify take them: comments, {@code dn:} (or
 * {@code dn::} base64), {@code changetype: modify}, then {@code add:|delete:|replace: attr} blocks of {@code attr: value}
 * lines each closed by {@code -}; records separated by blank lines. Anything else fails.
 */
record LdifRecord(String dn, List<Op> ops) {

    record Op(String kind, String attribute, List<String> values) {}

    static List<LdifRecord> parse(String text) {
        List<LdifRecord> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            if (raw.startsWith(" ") && !lines.isEmpty()) {   // folded line
                lines.set(lines.size() - 1, lines.getLast() + raw.substring(1));
            } else if (!raw.startsWith("#")) {
                lines.add(raw);
            }
        }
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isEmpty()) {
                i++;
                continue;
            }
            String dn = value(lines.get(i), "dn");
            i++;
            if (i >= lines.size() || !lines.get(i).equals("changetype: modify")) {
                throw new IllegalArgumentException("expected 'changetype: modify' after dn " + dn);
            }
            i++;
            List<Op> ops = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isEmpty()) {
                String head = lines.get(i++);
                int colon = head.indexOf(": ");
                String kind = colon < 0 ? "" : head.substring(0, colon);
                if (!List.of("add", "delete", "replace").contains(kind)) {
                    throw new IllegalArgumentException("expected add:, delete: or replace:, got '" + head + "'");
                }
                String attribute = head.substring(colon + 2);
                List<String> values = new ArrayList<>();
                while (i < lines.size() && !lines.get(i).equals("-")) {
                    values.add(value(lines.get(i++), attribute));
                }
                if (i >= lines.size()) {
                    throw new IllegalArgumentException("modification of " + attribute + " not closed by '-'");
                }
                i++;
                ops.add(new Op(kind, attribute, values));
            }
            if (ops.isEmpty()) {
                throw new IllegalArgumentException("record " + dn + " changes nothing");
            }
            out.add(new LdifRecord(dn, ops));
        }
        return out;
    }

    private static String value(String line, String name) {
        if (line.regionMatches(true, 0, name + ":: ", 0, name.length() + 3)) {
            return new String(Base64.getDecoder().decode(line.substring(name.length() + 3)), StandardCharsets.UTF_8);
        }
        if (line.regionMatches(true, 0, name + ": ", 0, name.length() + 2)) {
            String v = line.substring(name.length() + 2);
            if (v.isEmpty() || v.startsWith(" ") || v.startsWith(":") || v.startsWith("<") || v.endsWith(" ")
                    || v.chars().anyMatch(c -> c > 127 || c == 0 || c == '\r')) {
                throw new IllegalArgumentException("not a SAFE-STRING, so it needed base64: '" + line + "'");
            }
            return v;
        }
        throw new IllegalArgumentException("expected '" + name + ":', got '" + line + "'");
    }
}
