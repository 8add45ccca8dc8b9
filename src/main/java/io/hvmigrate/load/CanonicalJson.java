package io.hvmigrate.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One text for one JSON value, whatever the spacing, the order of an object's members or the escaping it was written
 * with, and the SHA-256 of that text: the digests an approved plan records. The form follows RFC 8785 (JCS) for
 * what hvmigrate's documents hold: members sorted by name (UTF-16 code units), no whitespace, strings with only
 * {@code "} {@code \} and control characters escaped (short escapes where JSON has them, otherwise {@code \}{@code u00xx}),
 * integers in decimal, other numbers in their shortest plain decimal form.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of the value's canonical text in UTF-8. */
    public static String digest(JsonNode value) {
        return sha256(of(value).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void write(JsonNode n, StringBuilder out) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(n.properties());
                members.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(members.get(i).getKey(), out);
                    out.append(':');
                    write(members.get(i).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(n.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(n.textValue(), out);
            case NUMBER -> out.append(n.isIntegralNumber() ? n.bigIntegerValue().toString() : number(n));
            case BOOLEAN -> out.append(n.booleanValue());
            case NULL, MISSING -> out.append("null");
            default -> throw new IllegalArgumentException("a " + n.getNodeType() + " value has no canonical JSON form");
        }
    }

    private static String number(JsonNode n) {
        BigDecimal d = n.isBigDecimal() ? n.decimalValue() : BigDecimal.valueOf(n.doubleValue());
        return d.stripTrailingZeros().toPlainString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
