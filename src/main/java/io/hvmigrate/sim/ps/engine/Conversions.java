package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PowerShell's LanguagePrimitives for the values hvsim knows: truthiness, string conversion (invariant culture, as
 * PowerShell converts), numbers from strings, and {@code ConvertTo} with PowerShell's cast error texts.
 *
 * <p>The simulated hosts run in UTC: a DateTime's local time is its UTC time.
 */
public final class Conversions {

    /**
     * Cmdlet object types that PowerShell makes from a string, because .NET gives them a public constructor taking
     * one string (LanguagePrimitives tries such a constructor): the Active Directory module's identity types, so
     * {@code Set-ADComputer -Identity HV-M1} binds as it does on Windows.
     */
    private static final Set<String> CONSTRUCTED_FROM_A_STRING = Set.of(
            "Microsoft.ActiveDirectory.Management.ADComputer", "Microsoft.ActiveDirectory.Management.ADAccount",
            "Microsoft.ActiveDirectory.Management.ADObject", "Microsoft.ActiveDirectory.Management.ADPrincipal",
            "Microsoft.ActiveDirectory.Management.ADUser", "Microsoft.ActiveDirectory.Management.ADGroup");

    private Conversions() {}

    /** A failed conversion: PowerShell's message and the error id it reports for it. */
    public static final class ConversionException extends RuntimeException {
        private final String errorId;

        public ConversionException(String message, String errorId) {
            super(message, null, false, false);
            this.errorId = errorId;
        }

        public String errorId() {
            return errorId;
        }
    }

    // ------------------------------------------------------------------------------------------------ truth

    /** LanguagePrimitives.IsTrue. */
    public static boolean isTrue(Object v) {
        return switch (v) {
            case null -> false;
            case AutomationNull a -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Integer i -> i != 0;
            case Long l -> l != 0;
            case Double d -> d != 0.0;
            case Character c -> c != 0;
            case PsNumber.Unsigned u -> u.value() != 0;
            case PsEnum.Value e -> e.number() != 0;
            case List<?> l -> l.isEmpty() ? false : l.size() == 1 ? isTrue(l.get(0)) : true;
            case Number n -> n.doubleValue() != 0;
            default -> true;
        };
    }

    // ------------------------------------------------------------------------------------------------ strings

    public static String toStr(Object v) {
        return toStr(v, " ");
    }

    /** PowerShell's string conversion; arrays are joined with {@code ofs} ($OFS, a space by default). */
    public static String toStr(Object v, String ofs) {
        return switch (v) {
            case null -> "";
            case AutomationNull a -> "";
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Double d -> formatDouble(d);
            case Float f -> formatDouble(f.doubleValue());
            case Character c -> c.toString();
            case PsNumber.Unsigned u -> Long.toUnsignedString(u.value());
            case BigDecimal bd -> bd.toPlainString();
            case UUID u -> u.toString();
            case Instant i -> formatInvariantDate(i);
            case Duration d -> formatTimeSpan(d);
            case PsEnum.Value e -> e.name();
            case List<?> l -> joinList(l, ofs);
            case PsHashtable h -> h.ordered() ? "System.Collections.Specialized.OrderedDictionary"
                    : "System.Collections.Hashtable";
            case PsObject o -> objectString(o, ofs);
            case PsType t -> Types.displayName(t);
            case PsError e -> e.message();
            case UtcDateTime u -> formatInvariantDate(u.instant());
            default -> v.toString();
        };
    }

    private static String joinList(List<?> l, String ofs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                b.append(ofs);
            }
            b.append(toStr(l.get(i), ofs));
        }
        return b.toString();
    }

    /** A custom object as a string: {@code @{Name=web01; State=Running}}; a .NET object: its ToString. */
    static String objectString(PsObject o, String ofs) {
        if (o.toStringValue() != null) {
            return o.toStringValue();
        }
        if (!o.typeNames().isEmpty() && !o.typeNames().get(0).equals(Types.PSCUSTOMOBJECT.fullName())) {
            return o.typeNames().get(0);
        }
        StringBuilder b = new StringBuilder("@{");
        boolean first = true;
        for (String name : o.propertyNames()) {
            if (!first) {
                b.append("; ");
            }
            first = false;
            Object pv = o.get(name).orElse(null);
            b.append(name).append('=').append(nestedString(pv));
        }
        return b.append('}').toString();
    }

    /** Inside {@code @{...}} strings, collections show their type name, as PowerShell's PSObject.ToString does. */
    private static String nestedString(Object v) {
        if (v instanceof List<?> l && !(v instanceof PsList)) {
            return "System.Object[]";
        }
        if (v instanceof PsList l) {
            return l.type().fullName();
        }
        return toStr(v, " ");
    }

    /** .NET Framework's Double.ToString(): 15 significant digits, "E+XX" form for large and small magnitudes. */
    public static String formatDouble(double d) {
        return formatDouble(d, 15);
    }

    /** The "R" format: 15 digits when they round-trip, otherwise 17 (JavaScriptSerializer writes doubles so). */
    public static String formatDoubleRoundTrip(double d) {
        String s = formatDouble(d, 15);
        if (!Double.isNaN(d) && !Double.isInfinite(d) && Double.parseDouble(s.replace("E+", "E")) != d) {
            return formatDouble(d, 17);
        }
        return s;
    }

    static String formatDouble(double d, int precision) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= precision || exponent < -5) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder b = new StringBuilder();
            if (bd.signum() < 0) {
                b.append('-');
            }
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append('E').append(exponent < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exponent));
            if (e.length() < 2) {
                b.append('0');
            }
            return b.append(e).toString();
        }
        return bd.toPlainString();
    }

    private static final DateTimeFormatter INVARIANT = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    /** How PowerShell converts a DateTime to a string (invariant culture): {@code 01/13/2012 20:06:16}. */
    public static String formatInvariantDate(Instant i) {
        return INVARIANT.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    /** TimeSpan's default format: {@code [-][d.]hh:mm:ss[.fffffff]}. */
    public static String formatTimeSpan(Duration d) {
        boolean neg = d.isNegative();
        Duration a = d.abs();
        long days = a.toDays();
        long hours = a.toHoursPart();
        long minutes = a.toMinutesPart();
        long seconds = a.toSecondsPart();
        long ticks = a.toNanosPart() / 100;
        StringBuilder b = new StringBuilder();
        if (neg) {
            b.append('-');
        }
        if (days > 0) {
            b.append(days).append('.');
        }
        b.append(String.format(Locale.ROOT, "%02d:%02d:%02d", hours, minutes, seconds));
        if (ticks > 0) {
            b.append('.').append(String.format(Locale.ROOT, "%07d", ticks));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ numbers

    public static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof PsNumber.Unsigned
                || v instanceof Byte || v instanceof Short || v instanceof Float || v instanceof BigDecimal;
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A number from a string the way PowerShell's parser reads one: blanks trimmed, {@code 0x} hex, exponents,
     * {@code kb..pb} multipliers; empty text is 0. Returns Integer, Long or Double.
     */
    public static Object parseNumber(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return 0;
        }
        long multiplier = 1;
        String lower = s.toLowerCase(Locale.ROOT);
        String[] suffixes = {"kb", "mb", "gb", "tb", "pb"};
        for (int i = 0; i < suffixes.length; i++) {
            if (lower.endsWith(suffixes[i]) && lower.length() > 2) {
                multiplier = 1L << (10 * (i + 1));
                s = s.substring(0, s.length() - 2).strip();
                lower = s.toLowerCase(Locale.ROOT);
                break;
            }
        }
        boolean negative = false;
        String body = s;
        if (body.startsWith("-") || body.startsWith("+")) {
            negative = body.startsWith("-");
            body = body.substring(1);
        }
        if (body.toLowerCase(Locale.ROOT).startsWith("0x") && body.length() > 2) {
            try {
                BigInteger big = new BigInteger(body.substring(2), 16);
                if (big.bitLength() > 64) {
                    return null;
                }
                long bits = big.longValue();
                Object v = big.bitLength() <= 32 ? (Object) (int) bits : (Object) bits;
                return scale(negative ? negate(v) : v, multiplier);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!DECIMAL.matcher(s).matches()) {
            return null;
        }
        if (s.contains(".") || s.contains("e") || s.contains("E")) {
            return scale(Double.parseDouble(s), multiplier);
        }
        BigInteger big = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        Object v;
        if (big.bitLength() < 32) {
            v = big.intValue();
        } else if (big.bitLength() < 64) {
            v = big.longValue();
        } else {
            v = big.doubleValue();
        }
        return scale(v, multiplier);
    }

    private static Object negate(Object v) {
        return v instanceof Integer i ? (Object) (-i) : (Object) (-(Long) v);
    }

    private static Object scale(Object v, long m) {
        if (m == 1) {
            return v;
        }
        if (v instanceof Double d) {
            return d * m;
        }
        BigInteger r = BigInteger.valueOf(((Number) v).longValue()).multiply(BigInteger.valueOf(m));
        if (v instanceof Integer && r.bitLength() < 32) {
            return r.intValue();
        }
        return r.bitLength() < 64 ? (Object) r.longValue() : (Object) r.doubleValue();
    }

    /** Any number as a BigDecimal (exact for integers and unsigned values). */
    static BigDecimal decimal(Object n) {
        return switch (n) {
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> new BigDecimal(d);
            case PsNumber.Unsigned u -> new BigDecimal(new BigInteger(Long.toUnsignedString(u.value())));
            case BigDecimal b -> b;
            case Number x -> BigDecimal.valueOf(x.doubleValue());
            default -> throw new IllegalArgumentException(String.valueOf(n));
        };
    }

    public static double toDouble(Object n) {
        return n instanceof PsNumber.Unsigned u ? decimal(u).doubleValue() : ((Number) n).doubleValue();
    }

    // ------------------------------------------------------------------------------------------------ ConvertTo

    private static String typeLabel(PsType t) {
        return t.fullName();
    }

    private static ConversionException cannotConvertValue(Object value, PsType to, String inner, String id) {
        return new ConversionException("Cannot convert value \"" + toStr(value) + "\" to type \"" + typeLabel(to)
                + "\". Error: \"" + inner + "\"", id);
    }

    /** "Cannot convert the "x" value of type "T" to type "U"." */
    public static ConversionException cannotConvert(Object value, PsType to) {
        String shown = value instanceof List<?> ? "System.Object[]" : toStr(value);
        return new ConversionException("Cannot convert the \"" + shown + "\" value of type \""
                + Types.typeOf(value).fullName() + "\" to type \"" + typeLabel(to) + "\".",
                "ConvertToFinalInvalidCastException");
    }

    /** LanguagePrimitives.ConvertTo for the types hvsim knows. */
    public static Object convertTo(Object value, PsType to, CommandTable host) {
        Object v = AutomationNull.unwrap(value);
        if (to instanceof PsType.ArrayOf a) {
            List<Object> out = new ArrayList<>();
            if (v == null) {
                return null;
            }
            if (v instanceof List<?> l) {
                for (Object item : l) {
                    out.add(convertTo(item, a.element(), host));
                }
            } else {
                out.add(convertTo(v, a.element(), host));
            }
            return out;
        }
        if (to instanceof PsType.Enum e) {
            return toEnum(v, e.spec());
        }
        if (to instanceof PsType.ObjectOf o) {
            if (v instanceof PsObject p && p.typeNames().stream().anyMatch(n -> n.equalsIgnoreCase(o.fullName()))) {
                return v;
            }
            if (o.fullName().equalsIgnoreCase("System.Management.Automation.PSObject")) {
                // every value is a PSObject once wrapped: -InputObject <PSObject> takes a ClusterResource as it is
                return v;
            }
            if (v == null) {
                return null;
            }
            if (v instanceof PsHashtable && o.fullName().equalsIgnoreCase("System.Collections.IDictionary")) {
                // Hashtable and OrderedDictionary ([ordered]) are dictionaries: Invoke-CimMethod -Arguments @{…} binds so
                return v;
            }
            if (v instanceof String && CONSTRUCTED_FROM_A_STRING.contains(o.fullName())) {
                // the object the type's one-string constructor makes carries only that identity; the cmdlet resolves it
                return v;
            }
            if (o.fullName().equals("System.Collections.Specialized.StringCollection")) {
                // PowerShell fills a collection type that has a parameterless constructor and Add(T) from a scalar or
                // an array, converting each element: Get-ClusterGroup -Name 'vm1' binds a StringCollection so.
                List<Object> out = new ArrayList<>();
                if (v instanceof List<?> l) {
                    for (Object item : l) {
                        out.add(item == null ? null : toStr(item));
                    }
                } else {
                    out.add(toStr(v));
                }
                return out;
            }
            throw cannotConvert(v, to);
        }
        String name = to.fullName();
        switch (name) {
            case "System.Object", "System.Management.Automation.PSObject":
                return v;
            case "System.String":
                return v == null ? "" : toStr(v);
            case "System.Boolean", "System.Management.Automation.SwitchParameter":
                return isTrue(v);
            case "System.Int32":
                return toIntegral(v, to, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            case "System.Int64":
                return toIntegral(v, to, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
            case "System.Int16":
                return (int) toIntegral(v, to, Short.MIN_VALUE, Short.MAX_VALUE).longValue();
            case "System.Byte":
                return (int) toIntegral(v, to, 0, 255).longValue();
            case "System.UInt16":
                return new PsNumber.Unsigned(PsType.UINT16, toIntegral(v, to, 0, 65535).longValue());
            case "System.UInt32":
                return new PsNumber.Unsigned(PsType.UINT32, toIntegral(v, to, 0, 4294967295L).longValue());
            case "System.UInt64":
                return new PsNumber.Unsigned(PsType.UINT64, toIntegral(v, to, 0, Long.MAX_VALUE).longValue());
            case "System.Double", "System.Single":
                return toDoubleValue(v, to);
            case "System.Char":
                return toChar(v, to);
            case "System.Guid":
                return toGuid(v, to);
            case "System.DateTime":
                return toDateTime(v, to);
            case "System.TimeSpan":
                return toTimeSpan(v, to);
            case "System.Collections.Hashtable":
                if (v instanceof PsHashtable h) {
                    return h;
                }
                if (v == null) {
                    return null;
                }
                throw cannotConvert(v, to);
            case "System.Management.Automation.ScriptBlock":
                if (v instanceof ScriptBlock || v == null) {
                    return v;
                }
                throw cannotConvert(v, to);
            case "System.Management.Automation.PSCustomObject":
                if (v instanceof PsHashtable h) {
                    PsObject o = PsObject.custom();
                    for (Map.Entry<Object, Object> e : h.entrySet()) {
                        o.put(toStr(e.getKey()), e.getValue());
                    }
                    return o;
                }
                return v;
            case "System.Text.RegularExpressions.Regex":
                if (v instanceof RegexValues.RegexValue r) {
                    return r;
                }
                return RegexValues.create(toStr(v), false);
            case "System.Collections.ArrayList":
                return new PsList(Types.ARRAYLIST, enumerateAll(v));
            case "System.Array":
                return v instanceof List<?> ? v : v == null ? null : new ArrayList<>(List.of(v));
            case "System.RuntimeType":
                if (v instanceof PsType) {
                    return v;
                }
                if (v instanceof String s) {
                    return Types.resolve(s, List.of(), 0, host).orElseThrow(() -> new ConversionException(
                            "Cannot convert the \"" + s + "\" value of type \"System.String\" to type \"System.Type\".",
                            "RuntimeException"));
                }
                throw cannotConvert(v, to);
            case "System.Decimal":
                return toDoubleValue(v, to);
            case "System.Version": {
                if (v instanceof DotNetVersion || v == null) {
                    return v;
                }
                DotNetVersion parsed = DotNetVersion.parse(toStr(v));
                if (parsed == null) {
                    throw cannotConvertValue(v, to, "Version string portion was too short or too long.",
                            "InvalidCastParseTargetInvocation");
                }
                return parsed;
            }
            default:
                if (name.startsWith("System.Collections.Generic.List`1")) {
                    return new PsList(to, enumerateAll(v));
                }
                if (v != null && Types.sameType(Types.typeOf(v), to)) {
                    return v;
                }
                if (v == null) {
                    return null;
                }
                throw cannotConvert(v, to);
        }
    }

    static List<Object> enumerateAll(Object v) {
        if (v == null) {
            return new ArrayList<>();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return one;
    }

    private static BigDecimal toIntegral(Object v, PsType to, long min, long max) {
        BigDecimal d;
        switch (v) {
            case null -> d = BigDecimal.ZERO;
            case Boolean b -> d = b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Character c -> d = BigDecimal.valueOf(c);
            case PsEnum.Value e -> d = BigDecimal.valueOf(e.number());
            case String s -> {
                Object n = parseNumber(s);
                if (n == null) {
                    throw cannotConvertValue(s, to, "Input string was not in a correct format.",
                            "InvalidCastFromStringToInteger");
                }
                d = decimal(n);
                if (n instanceof Double dd && (dd.isNaN() || dd.isInfinite())) {
                    throw cannotConvertValue(s, to, "Value was either too large or too small for an "
                            + Types.shortName(to) + ".", "InvalidCastFromStringToInteger");
                }
                BigDecimal r = d.setScale(0, RoundingMode.HALF_EVEN);
                if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
                    throw cannotConvertValue(s, to, "Value was either too large or too small for an "
                            + Types.shortName(to) + ".", "InvalidCastFromStringToInteger");
                }
                return r;
            }
            default -> {
                if (!isNumber(v)) {
                    throw cannotConvert(v, to);
                }
                if (v instanceof Double dd && (dd.isNaN() || dd.isInfinite())) {
                    throw overflow(v, to);
                }
                d = decimal(v);
            }
        }
        BigDecimal r = d.setScale(0, RoundingMode.HALF_EVEN);
        if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw overflow(v, to);
        }
        return r;
    }

    private static ConversionException overflow(Object v, PsType to) {
        return new ConversionException("Cannot convert value \"" + toStr(v) + "\" to type \"" + typeLabel(to)
                + "\". Error: \"Value was either too large or too small for an " + Types.shortName(to) + ".\"",
                "InvalidCastIConvertible");
    }

    private static Object toDoubleValue(Object v, PsType to) {
        return switch (v) {
            case null -> 0.0;
            case Boolean b -> b ? 1.0 : 0.0;
            case Character c -> (double) c;
            case PsEnum.Value e -> (double) e.number();
            case String s -> {
                Object n = parseNumber(s);
                if (n == null) {
                    throw cannotConvertValue(s, to, "Input string was not in a correct format.",
                            "InvalidCastFromStringToDoubleOrSingle");
                }
                yield toDouble(n);
            }
            default -> {
                if (!isNumber(v)) {
                    throw cannotConvert(v, to);
                }
                yield toDouble(v);
            }
        };
    }

    private static Object toChar(Object v, PsType to) {
        if (v instanceof Character) {
            return v;
        }
        if (v instanceof String s) {
            if (s.length() == 1) {
                return s.charAt(0);
            }
            throw cannotConvertValue(s, to, "String must be exactly one character long.", "InvalidCastParseTargetInvocation");
        }
        if (isNumber(v)) {
            return (char) toIntegral(v, to, 0, 65535).intValue();
        }
        throw cannotConvert(v, to);
    }

    private static Object toGuid(Object v, PsType to) {
        if (v instanceof UUID) {
            return v;
        }
        if (v instanceof String s) {
            UUID g = parseGuid(s);
            if (g == null) {
                throw cannotConvertValue(s, to, "Guid should contain 32 digits with 4 dashes "
                        + "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).", "InvalidCastParseTargetInvocation");
            }
            return g;
        }
        throw cannotConvert(v, to);
    }

    public static UUID parseGuid(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-" + s.substring(16, 20)
                    + "-" + s.substring(20);
        }
        if (!s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return null;
        }
        return UUID.fromString(s);
    }

    private static Object toDateTime(Object v, PsType to) {
        if (v instanceof Instant) {
            return v;
        }
        if (v instanceof String s) {
            Instant i = parseDate(s);
            if (i == null) {
                throw cannotConvertValue(s, to, "String was not recognized as a valid DateTime.",
                        "InvalidCastParseTargetInvocation");
            }
            return i;
        }
        if (v instanceof Long || v instanceof Integer) {
            // ticks since 0001-01-01
            long ticks = ((Number) v).longValue();
            return Instant.ofEpochSecond(-62135596800L).plusNanos(ticks * 100);
        }
        throw cannotConvert(v, to);
    }

    /** DateTime.Parse for the forms scripts and JSON use (invariant culture, ISO 8601); local time is UTC. */
    public static Instant parseDate(String text) {
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO date
        }
        for (String p : new String[] {"M/d/yyyy H:mm:ss", "M/d/yyyy h:mm:ss a", "M/d/yyyy H:mm", "M/d/yyyy",
                "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"}) {
            try {
                DateTimeFormatter f = DateTimeFormatter.ofPattern(p, Locale.US);
                if (p.contains("H") || p.contains("h")) {
                    return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
                }
                return LocalDate.parse(s, f).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return null;
    }

    private static Object toTimeSpan(Object v, PsType to) {
        if (v instanceof Duration) {
            return v;
        }
        if (v instanceof String s) {
            Duration d = parseTimeSpan(s);
            if (d == null) {
                throw cannotConvertValue(s, to, "String was not recognized as a valid TimeSpan.",
                        "InvalidCastParseTargetInvocation");
            }
            return d;
        }
        if (v instanceof Integer || v instanceof Long) {
            return Duration.ofNanos(((Number) v).longValue() * 100);
        }
        throw cannotConvert(v, to);
    }

    private static final Pattern TIMESPAN = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?");

    static Duration parseTimeSpan(String text) {
        String s = text.strip();
        if (s.matches("-?\\d+")) {
            return Duration.ofDays(Long.parseLong(s));
        }
        var m = TIMESPAN.matcher(s);
        if (!m.matches()) {
            return null;
        }
        Duration d = Duration.ofDays(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusHours(Long.parseLong(m.group(3))).plusMinutes(Long.parseLong(m.group(4)))
                .plusSeconds(m.group(5) == null ? 0 : Long.parseLong(m.group(5)));
        if (m.group(6) != null) {
            String frac = (m.group(6) + "0000000").substring(0, 7);
            d = d.plusNanos(Long.parseLong(frac) * 100);
        }
        return m.group(1) != null ? d.negated() : d;
    }

    /** String or number to an enum, with .NET's error listing the valid names. */
    public static PsEnum.Value toEnum(Object v, PsEnum spec) {
        PsType to = PsType.enumOf(spec);
        switch (v) {
            case PsEnum.Value e -> {
                if (e.type().fullName().equals(spec.fullName())) {
                    return e;
                }
                return byNumber(spec, e.number());
            }
            case String s -> {
                String t = s.strip();
                if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-')) {
                    Object n = parseNumber(t);
                    if (n != null && !(n instanceof Double)) {
                        return byNumber(spec, ((Number) n).longValue());
                    }
                }
                if (t.contains(",")) {
                    long bits = 0;
                    List<String> names = new ArrayList<>();
                    for (String part : t.split(",")) {
                        PsEnum.Value one = toEnum(part.strip(), spec);
                        bits |= one.number();
                        names.add(one.name());
                    }
                    return new PsEnum.Value(spec, String.join(", ", names), bits);
                }
                return spec.byName(t).orElseThrow(() -> new ConversionException("Cannot convert value \"" + s
                        + "\" to type \"" + spec.fullName() + "\". Error: \"Unable to match the identifier name " + s
                        + " to a valid enumerator name. Specify one of the following enumerator names and try again:"
                        + "\r\n" + String.join(", ", spec.members().keySet()) + "\"", "InvalidCastFromStringToEnum"));
            }
            case null -> throw new ConversionException("Cannot convert null to type \"" + spec.fullName() + "\".",
                    "nullToObjectInvalidCast");
            default -> {
                if (isNumber(v)) {
                    return byNumber(spec, toIntegral(v, to, Long.MIN_VALUE, Long.MAX_VALUE).longValue());
                }
                throw cannotConvert(v, to);
            }
        }
    }

    private static PsEnum.Value byNumber(PsEnum spec, long n) {
        return spec.byNumber(n).orElse(new PsEnum.Value(spec, Long.toString(n), n));
    }
}
