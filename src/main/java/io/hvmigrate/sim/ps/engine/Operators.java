package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.lang.Extent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Collator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * PowerShell's operators with their 5.1 semantics: the left operand decides the operation, comparisons are
 * case-insensitive unless {@code -c...}, a collection on the left filters ({@code $a -eq 'x'}), and integer results
 * that overflow become Double.
 */
final class Operators {
    private Operators() {}

    /** What operators need from the session. */
    interface Host {
        CommandTable commands();

        void setMatches(PsHashtable matches);

        String ofs();
    }

    private static final Collator IGNORE_CASE = collator(Collator.SECONDARY);
    private static final Collator CASE_SENSITIVE = collator(Collator.TERTIARY);

    private static Collator collator(int strength) {
        Collator c = Collator.getInstance(Locale.US);
        c.setStrength(strength);
        return c;
    }

    static Object binary(Host h, String op, Object left, Object right, Extent where) {
        Object l = AutomationNull.unwrap(left);
        Object r = AutomationNull.unwrap(right);
        switch (op) {
            case "+":
                return add(l, r, where);
            case "-":
            case "*":
            case "/":
            case "%":
                return arithmetic(op.charAt(0), l, r, where);
            case "..":
                return range(l, r, where);
            case "f":
                return format(l, r, where, h);
            case "and":
                return Conversions.isTrue(l) && Conversions.isTrue(r);
            case "or":
                return Conversions.isTrue(l) || Conversions.isTrue(r);
            case "xor":
                return Conversions.isTrue(l) ^ Conversions.isTrue(r);
            case "band", "bor", "bxor", "shl", "shr":
                return bitwise(op, l, r, where);
            case "is", "isnot": {
                PsType t = requireType(r, op, where, h);
                boolean is = Types.isInstance(l, t, h.commands());
                return op.equals("is") == is;
            }
            case "as": {
                PsType t = requireType(r, op, where, h);
                try {
                    return Conversions.convertTo(l, t, h.commands());
                } catch (Conversions.ConversionException | IllegalArgumentException e) {
                    return null;
                }
            }
            case "join":
                return join(l, Conversions.toStr(r, h.ofs()), h);
            default:
                break;
        }
        boolean cs = op.startsWith("c") && !op.equals("contains");
        String base = op;
        if ((op.startsWith("c") || op.startsWith("i")) && !op.equals("contains") && !op.equals("in")
                && !op.equals("is") && !op.equals("isnot")) {
            base = op.substring(1);
        }
        boolean ignoreCase = !cs;
        return switch (base) {
            case "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch" ->
                    compare(h, base, ignoreCase, l, r, where);
            case "contains", "notcontains" -> {
                boolean found = false;
                for (Object item : asList(l)) {
                    if (equalsValue(item, r, ignoreCase, h.commands())) {
                        found = true;
                        break;
                    }
                }
                yield base.equals("contains") == found;
            }
            case "in", "notin" -> {
                boolean found = false;
                for (Object item : asList(r)) {
                    if (equalsValue(item, l, ignoreCase, h.commands())) {
                        found = true;
                        break;
                    }
                }
                yield base.equals("in") == found;
            }
            case "replace" -> replace(l, r, ignoreCase, where, h);
            case "split" -> split(l, r, ignoreCase, where, h);
            default -> throw Errors.notSupported(where, "the '-" + op + "' operator");
        };
    }

    static List<Object> asList(Object v) {
        if (v == null) {
            List<Object> one = new ArrayList<>();
            one.add(null);
            return one;
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return one;
    }

    private static PsType requireType(Object r, String op, Extent where, Host h) {
        if (r instanceof PsType t) {
            return t;
        }
        if (r instanceof String s) {
            return Types.resolve(s, List.of(), 0, h.commands()).orElseThrow(() -> Errors.typeNotFound(where, s));
        }
        throw Errors.runtime(where, "The right operand of '-" + op + "' must be a type.",
                op.equals("as") ? "AsOperatorRequiresType" : "IsOperatorRequiresType", ErrorCategory.InvalidOperation, null);
    }

    // ------------------------------------------------------------------------------------------------ comparison

    private static Object compare(Host h, String op, boolean ignoreCase, Object l, Object r, Extent where) {
        if (l instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                if (test(h, op, ignoreCase, AutomationNull.unwrap(item), r, where, false)) {
                    out.add(item);
                }
            }
            return out;
        }
        return test(h, op, ignoreCase, l, r, where, true);
    }

    private static boolean test(Host h, String op, boolean ignoreCase, Object l, Object r, Extent where,
                                boolean setMatches) {
        return switch (op) {
            case "eq" -> equalsValue(l, r, ignoreCase, h.commands());
            case "ne" -> !equalsValue(l, r, ignoreCase, h.commands());
            case "gt" -> order(l, r, ignoreCase, where, h) > 0;
            case "ge" -> order(l, r, ignoreCase, where, h) >= 0;
            case "lt" -> order(l, r, ignoreCase, where, h) < 0;
            case "le" -> order(l, r, ignoreCase, where, h) <= 0;
            case "like" -> like(Conversions.toStr(r, h.ofs()), Conversions.toStr(l, h.ofs()), ignoreCase, where);
            case "notlike" -> !like(Conversions.toStr(r, h.ofs()), Conversions.toStr(l, h.ofs()), ignoreCase, where);
            case "match", "notmatch" -> {
                RegexValues.RegexValue rx = regex(Conversions.toStr(r, h.ofs()), ignoreCase, where);
                Matcher m = rx.pattern().matcher(Conversions.toStr(l, h.ofs()));
                boolean found = m.find();
                if (found && setMatches && op.equals("match")) {
                    h.setMatches(RegexValues.matchesTable(RegexValues.toMatch(rx, m)));
                }
                yield op.equals("match") == found;
            }
            default -> throw new IllegalStateException(op);
        };
    }

    /** -like: a pattern WildcardPattern refuses (an unclosed bracket) is a statement-terminating error, as in PowerShell. */
    private static boolean like(String pattern, String text, boolean ignoreCase, Extent where) {
        try {
            return Wildcard.matches(pattern, text, ignoreCase);
        } catch (Wildcard.InvalidPattern e) {
            throw Errors.runtime(where, e.getMessage(), "WildcardPatternException", ErrorCategory.InvalidArgument, pattern);
        }
    }

    static RegexValues.RegexValue regex(String pattern, boolean ignoreCase, Extent where) {
        try {
            return RegexValues.create(pattern, ignoreCase);
        } catch (PatternSyntaxException e) {
            throw Errors.runtime(where, "The regular expression pattern " + pattern + " is not valid.",
                    "InvalidRegularExpression", ErrorCategory.InvalidOperation, pattern);
        }
    }

    /** LanguagePrimitives.Equals with the left operand deciding the comparison. */
    static boolean equalsValue(Object left, Object right, boolean ignoreCase, CommandTable host) {
        Object l = AutomationNull.unwrap(left);
        Object r = AutomationNull.unwrap(right);
        if (l == null) {
            return r == null;
        }
        if (r == null) {
            return false;
        }
        if (l instanceof String s) {
            String rs = Conversions.toStr(r);
            return ignoreCase ? s.equalsIgnoreCase(rs) : s.equals(rs);
        }
        if (l instanceof Boolean b) {
            return b == Conversions.isTrue(r);
        }
        if (Conversions.isNumber(l)) {
            Object rr;
            try {
                rr = r instanceof Boolean rb ? (Object) (rb ? 1 : 0) : Conversions.isNumber(r) ? r
                        : r instanceof PsEnum.Value e ? (Object) e.number()
                        : Conversions.convertTo(r, Types.typeOf(l), host);
            } catch (RuntimeException e) {
                return false;
            }
            if (!Conversions.isNumber(rr)) {
                return false;
            }
            return numericCompare(l, rr) == 0;
        }
        if (l instanceof PsEnum.Value e) {
            try {
                return Conversions.toEnum(r, e.type()).number() == e.number();
            } catch (RuntimeException x) {
                return false;
            }
        }
        Instant li = UtcDateTime.of(l);
        if (li != null) {
            try {
                Instant ri = UtcDateTime.of(Conversions.convertTo(r, PsType.DATETIME, host));
                return li.equals(ri);
            } catch (RuntimeException x) {
                return false;
            }
        }
        if (l instanceof UUID g) {
            try {
                return g.equals(Conversions.convertTo(r, PsType.GUID, host));
            } catch (RuntimeException x) {
                return false;
            }
        }
        if (l instanceof Duration d) {
            try {
                return d.equals(Conversions.convertTo(r, PsType.TIMESPAN, host));
            } catch (RuntimeException x) {
                return false;
            }
        }
        if (l instanceof Character c) {
            String rs = Conversions.toStr(r);
            return ignoreCase ? c.toString().equalsIgnoreCase(rs) : c.toString().equals(rs);
        }
        if (l instanceof DotNetVersion v) {
            DotNetVersion rv = r instanceof DotNetVersion d ? d : DotNetVersion.parse(Conversions.toStr(r));
            return v.equals(rv);
        }
        if (l instanceof PsType t) {
            if (r instanceof PsType rt) {
                return Types.sameType(t, rt);
            }
            return r instanceof String rs && (rs.equalsIgnoreCase(t.fullName()));
        }
        if (l instanceof RegexValues.RegexValue || l instanceof ScriptBlock) {
            return l == r;
        }
        if (l instanceof io.hvmigrate.sim.ps.PsObject || l instanceof PsHashtable || l instanceof List<?>) {
            return l == r;
        }
        return Objects.equals(l, r);
    }

    static int numericCompare(Object a, Object b) {
        if (a instanceof Double da && b instanceof Double db) {
            return Double.compare(da, db);
        }
        if ((a instanceof Double d && (d.isNaN() || d.isInfinite())) || (b instanceof Double e && (e.isNaN() || e.isInfinite()))) {
            return Double.compare(Conversions.toDouble(a), Conversions.toDouble(b));
        }
        return Conversions.decimal(a).compareTo(Conversions.decimal(b));
    }

    /** Ordering for -gt/-lt and Sort-Object; throws PowerShell's comparison errors. */
    static int order(Object left, Object right, boolean ignoreCase, Extent where, Host h) {
        Object l = AutomationNull.unwrap(left);
        Object r = AutomationNull.unwrap(right);
        if (l == null) {
            return r == null ? 0 : -1;
        }
        if (r == null) {
            return 1;
        }
        if (l instanceof String s) {
            return (ignoreCase ? IGNORE_CASE : CASE_SENSITIVE).compare(s, Conversions.toStr(r));
        }
        try {
            if (Conversions.isNumber(l)) {
                Object rr = r instanceof Boolean rb ? (Object) (rb ? 1 : 0) : Conversions.isNumber(r) ? r
                        : r instanceof PsEnum.Value e ? (Object) e.number()
                        : Conversions.convertTo(r, Types.typeOf(l), h.commands());
                return numericCompare(l, rr);
            }
            if (l instanceof PsEnum.Value e) {
                return Long.compare(e.number(), Conversions.toEnum(r, e.type()).number());
            }
            Instant li = UtcDateTime.of(l);
            if (li != null) {
                return li.compareTo(UtcDateTime.of(Conversions.convertTo(r, PsType.DATETIME, h.commands())));
            }
            if (l instanceof Duration d) {
                return d.compareTo((Duration) Conversions.convertTo(r, PsType.TIMESPAN, h.commands()));
            }
            if (l instanceof Boolean b) {
                return Boolean.compare(b, Conversions.isTrue(r));
            }
            if (l instanceof UUID g) {
                return g.toString().compareTo(Conversions.toStr(Conversions.convertTo(r, PsType.GUID, h.commands())));
            }
            if (l instanceof Character c) {
                return (ignoreCase ? IGNORE_CASE : CASE_SENSITIVE).compare(c.toString(), Conversions.toStr(r));
            }
            if (l instanceof DotNetVersion v) {
                return v.compareTo((DotNetVersion) Conversions.convertTo(r, Types.VERSION, h.commands()));
            }
        } catch (Conversions.ConversionException e) {
            throw Errors.runtime(where, "Could not compare \"" + Conversions.toStr(l) + "\" to \"" + Conversions.toStr(r)
                    + "\". Error: \"" + e.getMessage() + "\"", "ComparisonFailure", ErrorCategory.InvalidOperation, null);
        }
        throw Errors.runtime(where, "Cannot compare \"" + Conversions.toStr(l) + "\" because it is not IComparable.",
                "NotIcomparable", ErrorCategory.InvalidOperation, null);
    }

    // ------------------------------------------------------------------------------------------------ arithmetic

    private static Object add(Object l, Object r, Extent where) {
        if (l == null) {
            return r;
        }
        if (l instanceof String s) {
            return s + Conversions.toStr(r);
        }
        if (l instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list);
            if (r instanceof List<?> rl) {
                out.addAll(rl);
            } else {
                out.add(r);
            }
            return out;
        }
        if (l instanceof PsHashtable hl) {
            if (!(r instanceof PsHashtable hr)) {
                throw Errors.runtime(where, "A hash table can only be added to another hash table.",
                        "AddHashTableToNonHashTable", ErrorCategory.InvalidOperation, null);
            }
            PsHashtable out = new PsHashtable(hl.ordered());
            for (Map.Entry<Object, Object> e : hl.entrySet()) {
                out.put(e.getKey(), e.getValue());
            }
            for (Map.Entry<Object, Object> e : hr.entrySet()) {
                if (out.containsKey(e.getKey())) {
                    throw Errors.runtime(where, "System.ArgumentException", "Item has already been added. Key in "
                            + "dictionary: '" + e.getKey() + "'  Key being added: '" + e.getKey() + "'",
                            "System.ArgumentException", ErrorCategory.NotSpecified, null);
                }
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }
        Instant li = UtcDateTime.of(l);
        if (li != null && r instanceof Duration d) {
            Instant result = li.plus(d);
            return l instanceof UtcDateTime ? new UtcDateTime(result) : result;
        }
        if (l instanceof Duration d && r instanceof Duration e) {
            return d.plus(e);
        }
        return arithmetic('+', l, r, where);
    }

    static Object arithmetic(char op, Object l, Object r, Extent where) {
        Instant li = UtcDateTime.of(l);
        if (op == '-' && li != null) {
            Instant ri = UtcDateTime.of(r);
            if (ri != null) {
                return Duration.between(ri, li);
            }
            if (r instanceof Duration d) {
                return l instanceof UtcDateTime ? new UtcDateTime(li.minus(d)) : li.minus(d);
            }
        }
        if (op == '-' && l instanceof Duration d && r instanceof Duration e) {
            return d.minus(e);
        }
        if (op == '*' && l instanceof String s) {
            int n = ((Number) toNumber(r, PsType.INT32, where)).intValue();
            return n <= 0 ? "" : s.repeat(n);
        }
        if (op == '*' && l instanceof List<?> list) {
            int n = ((Number) toNumber(r, PsType.INT32, where)).intValue();
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.addAll(list);
            }
            return out;
        }
        Object a = toNumber(l, l == null ? PsType.INT32 : Types.typeOf(l), where);
        Object b = toNumber(r, Conversions.isNumber(a) ? Types.typeOf(a) : PsType.INT32, where);
        return numeric(op, a, b, where);
    }

    /** An operand as a number: numbers as they are, strings parsed, $null 0, booleans 0/1. */
    static Object toNumber(Object v, PsType forError, Extent where) {
        Object x = AutomationNull.unwrap(v);
        if (x == null) {
            return 0;
        }
        if (x instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (x instanceof Character c) {
            return (int) c;
        }
        if (x instanceof PsEnum.Value e) {
            return e.number() >= Integer.MIN_VALUE && e.number() <= Integer.MAX_VALUE ? (Object) (int) e.number()
                    : (Object) e.number();
        }
        if (Conversions.isNumber(x)) {
            return x instanceof PsNumber.Unsigned u ? (Object) u.value() : x;
        }
        if (x instanceof String s) {
            Object n = Conversions.parseNumber(s);
            if (n == null) {
                PsType t = forError.equals(PsType.STRING) ? PsType.INT32 : forError;
                throw Errors.runtime(where, "Cannot convert value \"" + s + "\" to type \"" + t.fullName()
                        + "\". Error: \"Input string was not in a correct format.\"", "InvalidCastFromStringToInteger",
                        ErrorCategory.InvalidArgument, null);
            }
            return n;
        }
        String typeName = Types.typeOf(x).fullName();
        throw Errors.runtime(where, "System.Management.Automation.MethodException", "Method invocation failed because ["
                + typeName + "] does not contain a method named 'op_Addition'.", "MethodNotFound",
                ErrorCategory.InvalidOperation, null);
    }

    static Object numeric(char op, Object a, Object b, Extent where) {
        if (a instanceof Double || b instanceof Double) {
            double x = Conversions.toDouble(a);
            double y = Conversions.toDouble(b);
            if ((op == '/' || op == '%') && y == 0) {
                throw Errors.divideByZero(where);
            }
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                default -> x % y;
            };
        }
        BigInteger x = BigInteger.valueOf(((Number) a).longValue());
        BigInteger y = BigInteger.valueOf(((Number) b).longValue());
        boolean ints = a instanceof Integer && b instanceof Integer;
        BigInteger result;
        switch (op) {
            case '+' -> result = x.add(y);
            case '-' -> result = x.subtract(y);
            case '*' -> result = x.multiply(y);
            case '/' -> {
                if (y.signum() == 0) {
                    throw Errors.divideByZero(where);
                }
                BigInteger[] qr = x.divideAndRemainder(y);
                if (qr[1].signum() != 0) {
                    return new BigDecimal(x).doubleValue() / new BigDecimal(y).doubleValue();
                }
                result = qr[0];
            }
            default -> {
                if (y.signum() == 0) {
                    throw Errors.divideByZero(where);
                }
                result = x.remainder(y);
            }
        }
        if (ints && result.bitLength() < 32) {
            return result.intValue();
        }
        if (!ints && result.bitLength() < 64) {
            return result.longValue();
        }
        return result.doubleValue();
    }

    private static Object bitwise(String op, Object l, Object r, Extent where) {
        Object a = toNumber(l, PsType.INT32, where);
        Object b = toNumber(r, PsType.INT32, where);
        if (a instanceof Double || b instanceof Double) {
            a = Math.round((Double) (a instanceof Double ? a : ((Number) a).doubleValue()));
        }
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        long v = switch (op) {
            case "band" -> x & y;
            case "bor" -> x | y;
            case "bxor" -> x ^ y;
            case "shl" -> x << y;
            default -> x >> y;
        };
        boolean ints = a instanceof Integer && b instanceof Integer;
        return ints && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private static Object range(Object l, Object r, Extent where) {
        int a;
        int b;
        try {
            a = (Integer) Conversions.convertTo(l, PsType.INT32, null);
            b = (Integer) Conversions.convertTo(r, PsType.INT32, null);
        } catch (Conversions.ConversionException e) {
            throw Errors.cast(where, e);
        }
        long size = Math.abs((long) b - a) + 1;
        if (size > 50_000_000L) {
            throw Errors.runtime(where, "The range operator produced too many values.", "RangeTooBig",
                    ErrorCategory.InvalidOperation, null);
        }
        List<Object> out = new ArrayList<>((int) size);
        int step = a <= b ? 1 : -1;
        for (long i = a; step > 0 ? i <= b : i >= b; i += step) {
            out.add((int) i);
        }
        return out;
    }

    private static Object format(Object l, Object r, Extent where, Host h) {
        String fmt = Conversions.toStr(l, h.ofs());
        List<Object> args = r instanceof List<?> list ? new ArrayList<>(list) : asList(r);
        try {
            return DotNetFormat.format(fmt, args);
        } catch (DotNetFormat.FormatException e) {
            throw Errors.runtime(where, "Error formatting a string: " + e.getMessage() + ".", "FormatError",
                    ErrorCategory.InvalidOperation, fmt);
        }
    }

    static String join(Object l, String separator, Host h) {
        StringBuilder b = new StringBuilder();
        List<Object> items = l instanceof List<?> list ? new ArrayList<>(list) : l == null ? List.of() : List.of(l);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(Conversions.toStr(items.get(i), h.ofs()));
        }
        return b.toString();
    }

    private static Object replace(Object l, Object r, boolean ignoreCase, Extent where, Host h) {
        List<Object> parts = r instanceof List<?> list ? new ArrayList<>(list) : asList(r);
        if (parts.size() > 2) {
            throw Errors.runtime(where, "The -replace operator allows only two elements to follow it, not "
                    + parts.size() + ".", "BadReplaceArgument", ErrorCategory.InvalidOperation, null);
        }
        String pattern = Conversions.toStr(parts.get(0), h.ofs());
        String replacement = parts.size() > 1 ? Conversions.toStr(parts.get(1), h.ofs()) : "";
        RegexValues.RegexValue rx = regex(pattern, ignoreCase, where);
        if (l instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(RegexValues.replace(Conversions.toStr(item, h.ofs()), rx, replacement));
            }
            return out;
        }
        return RegexValues.replace(Conversions.toStr(l, h.ofs()), rx, replacement);
    }

    private static Object split(Object l, Object r, boolean ignoreCase, Extent where, Host h) {
        List<Object> parts = r instanceof List<?> list ? new ArrayList<>(list) : asList(r);
        String pattern = Conversions.toStr(parts.get(0), h.ofs());
        int max = 0;
        if (parts.size() > 1) {
            max = ((Number) Conversions.convertTo(parts.get(1), PsType.INT32, null)).intValue();
        }
        RegexValues.RegexValue rx = regex(pattern, ignoreCase, where);
        List<Object> out = new ArrayList<>();
        for (Object item : asList(l)) {
            out.addAll(RegexValues.split(Conversions.toStr(item, h.ofs()), rx, max));
        }
        return out;
    }

    static Object unary(Host h, String op, Object operand, Extent where) {
        Object v = AutomationNull.unwrap(operand);
        switch (op) {
            case "not":
                return !Conversions.isTrue(v);
            case "-": {
                Object n = toNumber(v, PsType.INT32, where);
                return numeric('-', 0, n, where);
            }
            case "+":
                return toNumber(v, PsType.INT32, where);
            case "bnot": {
                Object n = toNumber(v, PsType.INT32, where);
                return n instanceof Integer i ? (Object) ~i : (Object) ~((Number) n).longValue();
            }
            case "join":
                return join(v, "", h);
            case "split", "isplit", "csplit": {
                List<Object> out = new ArrayList<>();
                for (Object item : asList(v)) {
                    for (String piece : Conversions.toStr(item, h.ofs()).strip().split("\\s+")) {
                        if (!piece.isEmpty()) {
                            out.add(piece);
                        }
                    }
                }
                return out;
            }
            default:
                throw Errors.notSupported(where, "the unary '" + op + "' operator");
        }
    }
}
