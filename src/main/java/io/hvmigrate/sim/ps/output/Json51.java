package io.hvmigrate.sim.ps.output;

import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.AutomationNull;
import io.hvmigrate.sim.ps.engine.Conversions;
import io.hvmigrate.sim.ps.engine.ErrorViews;
import io.hvmigrate.sim.ps.engine.RegexValues;
import io.hvmigrate.sim.ps.engine.ScriptBlock;
import io.hvmigrate.sim.ps.engine.Types;
import io.hvmigrate.sim.ps.engine.UtcDateTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Windows PowerShell 5.1's ConvertTo-Json: objects are walked to {@code -Depth} (default 2) and anything deeper
 * becomes its string form, without a warning (the truncation warning came in PowerShell 7.1); the text is written by
 * .NET's JavaScriptSerializer (enums as numbers, DateTime as {@code "\/Date(ms)\/"}, {@code < > & '} escaped as
 * {@code \u003c}..., other non-ASCII characters as they are) and, unless {@code -Compress}, re-indented by 5.1's own
 * pretty-printer (four spaces, two spaces after the colon, nested values aligned under their key).
 */
public final class Json51 {
    private Json51() {}

    /** A failure ConvertTo-Json reports as a terminating error. */
    public static final class JsonException extends RuntimeException {
        private final String errorId;

        JsonException(String message, String errorId) {
            super(message, null, false, false);
            this.errorId = errorId;
        }

        public String errorId() {
            return errorId;
        }
    }

    private record DateValue(Instant instant) {}

    private record Raw(String json) {}

    /**
     * A collection that reached ConvertTo-Json as one pipeline input object. Windows PowerShell 5.1 wraps every object
     * it receives through the pipeline in a PSObject ("Objects received via the pipeline [are [psobject]-wrapped when
     * bound to] an [object] or untyped parameter - but not if passed as an argument", PowerShell/PowerShell issue
     * #5579), and its ConvertTo-Json then adds the wrapper's extended properties (AddPsProperties): for an array, the
     * ETS alias property Count that types.ps1xml gives System.Array. The array becomes
     * {@code {"value":[...],"Count":n}}: {@code $x=@(1,@(2,3),4); $x | ConvertTo-Json -Compress} gives
     * {@code [1,{"value":[2,3],"Count":2},4]} on 5.1 (#5579, "ConvertTo-Json sees this array as a single object"), and
     * {@code '[ 1, 2 ]' | ConvertFrom-Json | ConvertTo-Json} gives {@code {"value":[1,2],"Count":2}} on 5.1.14393
     * (#3153, fixed only in PowerShell 6). An array passed as the argument ({@code ConvertTo-Json $x}) is not wrapped.
     */
    public record PipelineArray(List<?> items) {}

    public static String convert(Object input, int depth, boolean compress) {
        Object processed = process(input, 0, depth);
        StringBuilder b = new StringBuilder();
        serialize(processed, b);
        String json = b.toString();
        return compress ? json : pretty(json);
    }

    // ------------------------------------------------------------------------------------------------ walking

    private static Object process(Object value, int depth, int maxDepth) {
        Object v = AutomationNull.unwrap(value);
        Instant instant = UtcDateTime.of(v);
        if (instant != null) {
            return new DateValue(instant);
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character || v instanceof UUID
                || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof PsNumber.Unsigned
                || v instanceof BigDecimal || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return v instanceof Character c ? c.toString() : v;
        }
        if (v instanceof PsEnum.Value e) {
            return e.number();
        }
        if (depth > maxDepth) {
            return Conversions.toStr(v);
        }
        if (v instanceof PsHashtable h) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : h.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new JsonException("The type '" + (h.ordered() ? Types.ORDERED.fullName()
                            : PsType.HASHTABLE.fullName()) + "' is not supported for serialization or "
                            + "deserialization of a dictionary. Keys must be strings.", "NonStringKeyInDictionary");
                }
                out.put(key, process(e.getValue(), depth + 1, maxDepth));
            }
            return out;
        }
        if (v instanceof PipelineArray w) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", process(w.items(), depth, maxDepth));
            out.put("Count", w.items().size());
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object item : l) {
                out.add(process(item, depth + 1, maxDepth));
            }
            return out;
        }
        if (v instanceof PsObject o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String name : o.propertyNames()) {
                out.put(name, process(o.get(name).orElse(null), depth + 1, maxDepth));
            }
            return out;
        }
        if (v instanceof Duration d) {
            Map<String, Object> out = new LinkedHashMap<>();
            double ms = d.toNanos() / 1_000_000.0;
            out.put("Ticks", d.toNanos() / 100);
            out.put("Days", (int) d.toDays());
            out.put("Hours", d.toHoursPart());
            out.put("Milliseconds", d.toMillisPart());
            out.put("Minutes", d.toMinutesPart());
            out.put("Seconds", d.toSecondsPart());
            out.put("TotalDays", ms / 86_400_000.0);
            out.put("TotalHours", ms / 3_600_000.0);
            out.put("TotalMilliseconds", ms);
            out.put("TotalMinutes", ms / 60_000.0);
            out.put("TotalSeconds", ms / 1000.0);
            return out;
        }
        if (v instanceof PsError e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Exception", process(new ErrorViews.ExceptionView(e.record(), e), depth + 1, maxDepth));
            out.put("TargetObject", process(e.record().targetObject(), depth + 1, maxDepth));
            out.put("CategoryInfo", process(new ErrorViews.CategoryInfoView(e), depth + 1, maxDepth));
            out.put("FullyQualifiedErrorId", e.record().fullyQualifiedErrorId());
            out.put("ErrorDetails", null);
            out.put("InvocationInfo", process(ErrorViews.invocationInfo(e), depth + 1, maxDepth));
            out.put("ScriptStackTrace", "at <ScriptBlock>, <No file>: line 1");
            out.put("PipelineIterationInfo", new ArrayList<>());
            out.put("PSMessageDetails", null);
            return out;
        }
        if (v instanceof ErrorViews.ExceptionView x) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Message", x.record().message());
            out.put("Data", new LinkedHashMap<>());
            out.put("InnerException", null);
            out.put("TargetSite", null);
            out.put("StackTrace", null);
            out.put("HelpLink", null);
            out.put("Source", null);
            out.put("HResult", x.record().hresult());
            return out;
        }
        if (v instanceof ErrorViews.CategoryInfoView c) {
            Map<String, Object> out = new LinkedHashMap<>();
            PsError e = c.error();
            Object target = AutomationNull.unwrap(e.record().targetObject());
            out.put("Category", e.record().category().value());
            out.put("Activity", e.activity());
            out.put("Reason", e.reason());
            out.put("TargetName", target == null ? "" : Conversions.toStr(target));
            out.put("TargetType", target == null ? "" : Types.shortName(Types.typeOf(target)));
            return out;
        }
        if (v instanceof RegexValues.MatchValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Object> groups = new ArrayList<>();
            for (RegexValues.GroupValue g : m.groups()) {
                groups.add(process(group(g), depth + 2, maxDepth));
            }
            out.put("Groups", depth + 1 > maxDepth ? "System.Text.RegularExpressions.GroupCollection" : groups);
            out.put("Success", m.success());
            out.put("Name", "0");
            out.put("Captures", depth + 1 > maxDepth ? "System.Text.RegularExpressions.CaptureCollection" : List.of());
            out.put("Index", m.index());
            out.put("Length", m.value().length());
            out.put("Value", m.value());
            return out;
        }
        if (v instanceof ScriptBlock || v instanceof PsType) {
            // their .NET members are not modelled; their text is what scripts would look at
            return Conversions.toStr(v);
        }
        return Conversions.toStr(v);
    }

    private static PsObject group(RegexValues.GroupValue g) {
        PsObject o = PsObject.of("System.Text.RegularExpressions.Group");
        o.put("Success", g.success()).put("Name", g.name()).put("Captures", List.of()).put("Index", g.index())
                .put("Length", g.value().length()).put("Value", g.value());
        return o;
    }

    // ------------------------------------------------------------------------------------------------ writing

    private static void serialize(Object v, StringBuilder b) {
        switch (v) {
            case null -> b.append("null");
            case String s -> quote(s, b);
            case Boolean bool -> b.append(bool ? "true" : "false");
            case Integer i -> b.append(i);
            case Long l -> b.append(l);
            case Short s -> b.append(s);
            case Byte by -> b.append(by & 0xff);
            case PsNumber.Unsigned u -> b.append(Long.toUnsignedString(u.value()));
            case Double d -> b.append(Conversions.formatDoubleRoundTrip(d));
            case Float f -> b.append(Conversions.formatDoubleRoundTrip(f.doubleValue()));
            case BigDecimal bd -> b.append(bd.toPlainString());
            case UUID g -> b.append('"').append(g).append('"');
            case DateValue d -> b.append("\"\\/Date(").append(Math.floorDiv(ticks(d.instant()) - EPOCH_TICKS, 10_000L))
                    .append(")\\/\"");
            case Raw r -> b.append(r.json());
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    quote((String) e.getKey(), b);
                    b.append(':');
                    serialize(e.getValue(), b);
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    serialize(l.get(i), b);
                }
                b.append(']');
            }
            default -> quote(String.valueOf(v), b);
        }
    }

    private static final long EPOCH_TICKS = 621355968000000000L;

    private static long ticks(Instant i) {
        return (i.getEpochSecond() + 62135596800L) * 10_000_000L + i.getNano() / 100;
    }

    /** JavaScriptSerializer's QuoteString: control characters, quotes, backslash and {@code < > & '} escaped. */
    static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\'', '<', '>', '&' -> unicode(c, b);
                default -> {
                    if (c < ' ') {
                        unicode(c, b);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void unicode(char c, StringBuilder b) {
        b.append("\\u").append(String.format("%04x", (int) c));
    }

    // ------------------------------------------------------------------------------------------------ 5.1 layout

    /** 5.1's ConvertToPrettyJsonString: re-indents the serializer's compact text. */
    static String pretty(String json) {
        if (!json.startsWith("{") && !json.startsWith("[")) {
            return json;
        }
        StringBuilder r = new StringBuilder();
        if (json.startsWith("{")) {
            r.append('{');
            dictionary(json, 1, r, "", 0);
        } else {
            r.append('[');
            list(json, 1, r, "", 0);
        }
        return r.toString();
    }

    private static int list(String json, int index, StringBuilder r, String pad, int spaces) {
        r.append("\r\n");
        String newPad = pad + " ".repeat(spaces) + "    ";
        boolean head = true;
        for (int i = index; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    r.append(newPad).append('{');
                    i = dictionary(json, i + 1, r, newPad, 0);
                    head = false;
                }
                case '[' -> {
                    r.append(newPad).append('[');
                    i = list(json, i + 1, r, newPad, 0);
                    head = false;
                }
                case ']' -> {
                    r.append("\r\n").append(pad).append(" ".repeat(spaces)).append(']');
                    return i;
                }
                case '"' -> {
                    if (head) {
                        r.append(newPad);
                    }
                    r.append('"');
                    i = quoted(json, i + 1, r);
                    head = false;
                }
                case ',' -> {
                    r.append(",\r\n");
                    head = true;
                }
                default -> {
                    if (head) {
                        r.append(newPad);
                    }
                    r.append(c);
                    head = false;
                }
            }
        }
        return json.length();
    }

    private static int dictionary(String json, int index, StringBuilder r, String pad, int spaces) {
        r.append("\r\n");
        String newPad = pad + " ".repeat(spaces) + "    ";
        boolean head = true;
        boolean beforeColon = true;
        int keyWidth = 0;
        for (int i = index; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    r.append('{');
                    i = dictionary(json, i + 1, r, newPad, keyWidth);
                    head = false;
                }
                case '[' -> {
                    r.append('[');
                    i = list(json, i + 1, r, newPad, keyWidth);
                    head = false;
                }
                case '}' -> {
                    r.append("\r\n").append(pad).append(" ".repeat(spaces)).append('}');
                    return i;
                }
                case '"' -> {
                    if (head) {
                        r.append(newPad);
                    }
                    r.append('"');
                    int end = quoted(json, i + 1, r);
                    if (beforeColon) {
                        // the key as written plus ":" and two spaces: where a nested value's lines line up
                        keyWidth = end - i + 1 + 3;
                    }
                    i = end;
                    head = false;
                }
                case ':' -> {
                    r.append(":  ");
                    head = false;
                    beforeColon = false;
                }
                case ',' -> {
                    r.append(",\r\n");
                    head = true;
                    beforeColon = true;
                    keyWidth = 0;
                }
                default -> {
                    if (head) {
                        r.append(newPad);
                    }
                    r.append(c);
                    head = false;
                }
            }
        }
        return json.length();
    }

    private static int quoted(String json, int index, StringBuilder r) {
        for (int i = index; i < json.length(); i++) {
            char c = json.charAt(i);
            r.append(c);
            if (c == '"') {
                int j = i;
                boolean escaped = false;
                while (j > 0 && json.charAt(--j) == '\\') {
                    escaped = !escaped;
                }
                if (!escaped) {
                    return i;
                }
            }
        }
        return json.length();
    }
}
