package io.hvmigrate.sim.ps.output;

import io.hvmigrate.sim.ps.PsObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows PowerShell 5.1's ConvertFrom-Json: JSON objects become PSCustomObjects (properties in document order),
 * arrays object[], integers Int32 or Int64, other numbers Double, and JavaScriptSerializer's
 * {@code "\/Date(ms)\/"} strings DateTime. Errors carry JavaScriptSerializer's messages ("Invalid JSON primitive").
 */
public final class JsonReader {
    private final String s;
    private int pos;

    private JsonReader(String s) {
        this.s = s;
    }

    /** A parse failure: .NET's ArgumentException text. */
    public static final class JsonSyntaxException extends RuntimeException {
        JsonSyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        r.skip();
        if (r.pos >= r.s.length()) {
            return null;
        }
        Object v = r.value();
        r.skip();
        if (r.pos < r.s.length()) {
            throw r.invalidPrimitive();
        }
        return v;
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private JsonSyntaxException invalidPrimitive() {
        int end = pos;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && ",]}".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return new JsonSyntaxException("Invalid JSON primitive: " + s.substring(pos, end) + ".");
    }

    private Object value() {
        skip();
        if (pos >= s.length()) {
            throw new JsonSyntaxException("Invalid JSON primitive: .");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"', '\'' -> dateOrString(string());
            default -> primitive();
        };
    }

    private PsObject object() {
        pos++;
        PsObject o = PsObject.custom();
        skip();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return o;
        }
        while (true) {
            skip();
            if (pos >= s.length()) {
                throw new JsonSyntaxException("Invalid object passed in, '}' expected. (" + pos + "): " + s);
            }
            String key;
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                key = string();
            } else {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                if (pos == start) {
                    throw new JsonSyntaxException("Invalid object passed in, member name expected. (" + pos + "): " + s);
                }
                key = s.substring(start, pos);
            }
            skip();
            if (pos >= s.length() || s.charAt(pos) != ':') {
                throw new JsonSyntaxException("Invalid object passed in, ':' or '}' expected. (" + pos + "): " + s);
            }
            pos++;
            Object v = value();
            o.put(key, v);
            skip();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return o;
            }
            throw new JsonSyntaxException("Invalid object passed in, ':' or '}' expected. (" + pos + "): " + s);
        }
    }

    private List<Object> array() {
        pos++;
        List<Object> out = new ArrayList<>();
        skip();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skip();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return out;
            }
            throw new JsonSyntaxException("Invalid array passed in, ',' expected. (" + pos + "): " + s);
        }
    }

    private String string() {
        char quote = s.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new JsonSyntaxException("Unterminated string passed in. (" + pos + "): " + s);
            }
            char c = s.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw new JsonSyntaxException("Unterminated string passed in. (" + pos + "): " + s);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new JsonSyntaxException("Unrecognized escape sequence. (" + pos + "): " + s);
                        }
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private static final Pattern DATE = Pattern.compile("/Date\\((-?\\d+)(?:[+-]\\d{4})?\\)/");

    private static Object dateOrString(String v) {
        Matcher m = DATE.matcher(v);
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        return v;
    }

    private Object primitive() {
        int start = pos;
        while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && ",]}".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        String t = s.substring(start, pos);
        switch (t) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (t.matches("-?\\d+")) {
            BigInteger big = new BigInteger(t);
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return new BigDecimal(big).doubleValue();
        }
        if (t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.parseDouble(t);
        }
        pos = start;
        throw invalidPrimitive();
    }
}
