package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * .NET composite formatting ({@code "{0,-10:N2}" -f $x}, {@code [string]::Format}) and format strings
 * ({@code $d.ToString('yyyy-MM-dd')}), in the en-US culture of the simulated hosts.
 */
public final class DotNetFormat {
    private DotNetFormat() {}

    /** A bad format string or item index; the message is .NET's. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String message) {
            super(message, null, false, false);
        }
    }

    private static final String BAD_FORMAT = "Input string was not in a correct format.";

    public static String format(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == '{') {
                if (i + 1 < n && format.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int j = i + 1;
                int index = 0;
                boolean digits = false;
                while (j < n && Character.isDigit(format.charAt(j))) {
                    index = index * 10 + (format.charAt(j) - '0');
                    digits = true;
                    j++;
                }
                if (!digits) {
                    throw new FormatException(BAD_FORMAT);
                }
                while (j < n && format.charAt(j) == ' ') {
                    j++;
                }
                int align = 0;
                if (j < n && format.charAt(j) == ',') {
                    j++;
                    while (j < n && format.charAt(j) == ' ') {
                        j++;
                    }
                    boolean neg = false;
                    if (j < n && format.charAt(j) == '-') {
                        neg = true;
                        j++;
                    }
                    int a = 0;
                    boolean ad = false;
                    while (j < n && Character.isDigit(format.charAt(j))) {
                        a = a * 10 + (format.charAt(j) - '0');
                        ad = true;
                        j++;
                    }
                    if (!ad) {
                        throw new FormatException(BAD_FORMAT);
                    }
                    align = neg ? -a : a;
                    while (j < n && format.charAt(j) == ' ') {
                        j++;
                    }
                }
                String spec = null;
                if (j < n && format.charAt(j) == ':') {
                    int k = j + 1;
                    StringBuilder sb = new StringBuilder();
                    while (k < n && format.charAt(k) != '}') {
                        if (format.charAt(k) == '{') {
                            throw new FormatException(BAD_FORMAT);
                        }
                        sb.append(format.charAt(k));
                        k++;
                    }
                    spec = sb.toString();
                    j = k;
                }
                if (j >= n || format.charAt(j) != '}') {
                    throw new FormatException(BAD_FORMAT);
                }
                if (index >= args.size()) {
                    throw new FormatException("Index (zero based) must be greater than or equal to zero and less than "
                            + "the size of the argument list.");
                }
                String s = formatValue(args.get(index), spec);
                if (align > 0 && s.length() < align) {
                    out.append(" ".repeat(align - s.length()));
                }
                out.append(s);
                if (align < 0 && s.length() < -align) {
                    out.append(" ".repeat(-align - s.length()));
                }
                i = j + 1;
            } else if (c == '}') {
                if (i + 1 < n && format.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new FormatException(BAD_FORMAT);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The value's .NET ToString(format), current culture (en-US). */
    public static String formatValue(Object value, String spec) {
        Object v = AutomationNull.unwrap(value);
        boolean hasSpec = spec != null && !spec.isEmpty();
        Instant instant = UtcDateTime.of(v);
        if (instant != null) {
            return formatDate(instant, v instanceof UtcDateTime, hasSpec ? spec : "G");
        }
        if (v instanceof Duration d) {
            return Conversions.formatTimeSpan(d);
        }
        if (v instanceof UUID g) {
            return formatGuid(g, hasSpec ? spec : "D");
        }
        if (v instanceof PsEnum.Value e) {
            if (hasSpec && (spec.equalsIgnoreCase("D"))) {
                return Long.toString(e.number());
            }
            if (hasSpec && spec.equalsIgnoreCase("X")) {
                return String.format(Locale.ROOT, "%08X", e.number());
            }
            return e.name();
        }
        if (Conversions.isNumber(v) && hasSpec) {
            return formatNumber(v, spec);
        }
        if (v instanceof Double d) {
            return Conversions.formatDouble(d);
        }
        if (v instanceof List<?> l) {
            return l instanceof PsList pl ? pl.type().fullName() : "System.Object[]";
        }
        if (v instanceof PsHashtable || v instanceof PsObject) {
            return Conversions.toStr(v);
        }
        return Conversions.toStr(v);
    }

    // ------------------------------------------------------------------------------------------------ numbers

    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    static String formatNumber(Object v, String spec) {
        char f = Character.toUpperCase(spec.charAt(0));
        String rest = spec.substring(1);
        boolean standard = spec.length() == 1 || rest.chars().allMatch(Character::isDigit);
        boolean integral = !(v instanceof Double || v instanceof Float || v instanceof BigDecimal);
        BigDecimal d = Conversions.decimal(v);
        if (v instanceof Double dd && (dd.isNaN() || dd.isInfinite())) {
            return Conversions.formatDouble(dd);
        }
        if (standard && "CDEFGNPRX".indexOf(f) >= 0) {
            Integer precision = rest.isEmpty() ? null : Integer.parseInt(rest);
            switch (f) {
                case 'D':
                    if (!integral) {
                        throw new FormatException("Format specifier was invalid.");
                    }
                    String s = d.toBigInteger().abs().toString();
                    if (precision != null && s.length() < precision) {
                        s = "0".repeat(precision - s.length()) + s;
                    }
                    return (d.signum() < 0 ? "-" : "") + s;
                case 'X': {
                    if (!integral) {
                        throw new FormatException("Format specifier was invalid.");
                    }
                    long bits = v instanceof Integer i ? i & 0xFFFFFFFFL : d.toBigInteger().longValue();
                    String h = v instanceof Integer ? Long.toHexString(bits) : new BigInteger(Long.toUnsignedString(bits)).toString(16);
                    h = Character.isUpperCase(spec.charAt(0)) ? h.toUpperCase(Locale.ROOT) : h;
                    if (precision != null && h.length() < precision) {
                        h = "0".repeat(precision - h.length()) + h;
                    }
                    return h;
                }
                case 'F':
                    return d.setScale(precision == null ? 2 : precision, RoundingMode.HALF_UP).toPlainString();
                case 'N':
                    return grouped(d.setScale(precision == null ? 2 : precision, RoundingMode.HALF_UP));
                case 'P':
                    return grouped(d.multiply(BigDecimal.valueOf(100)).setScale(precision == null ? 2 : precision,
                            RoundingMode.HALF_UP)) + " %";
                case 'C': {
                    BigDecimal r = d.setScale(precision == null ? 2 : precision, RoundingMode.HALF_UP);
                    return (r.signum() < 0 ? "($" + grouped(r.abs()) + ")" : "$" + grouped(r));
                }
                case 'E': {
                    int p = precision == null ? 6 : precision;
                    String e = String.format(Locale.ROOT, "%." + p + "E", d);
                    int at = e.indexOf('E');
                    String mant = e.substring(0, at);
                    int exp = Integer.parseInt(e.substring(at + 1));
                    String es = String.format(Locale.ROOT, "%03d", Math.abs(exp));
                    String out = mant + (Character.isUpperCase(spec.charAt(0)) ? "E" : "e") + (exp < 0 ? "-" : "+") + es;
                    return out;
                }
                case 'R':
                    return v instanceof Double dd ? Conversions.formatDoubleRoundTrip(dd) : Conversions.toStr(v);
                case 'G':
                default:
                    if (precision == null || precision == 0) {
                        return v instanceof Double dd ? Conversions.formatDouble(dd) : Conversions.toStr(v);
                    }
                    return Conversions.formatDouble(d.doubleValue(), precision);
            }
        }
        // custom numeric format: '0', '#', ',', '.', '%' as in .NET
        try {
            DecimalFormat df = new DecimalFormat(spec.replace("\\", "'"), US);
            df.setRoundingMode(RoundingMode.HALF_UP);
            return df.format(d);
        } catch (IllegalArgumentException e) {
            return spec;
        }
    }

    private static String grouped(BigDecimal d) {
        DecimalFormat df = new DecimalFormat("#,##0", US);
        df.setMinimumFractionDigits(Math.max(0, d.scale()));
        df.setMaximumFractionDigits(Math.max(0, d.scale()));
        df.setRoundingMode(RoundingMode.HALF_UP);
        return df.format(d);
    }

    // ------------------------------------------------------------------------------------------------ dates

    /** DateTime.ToString(format) in en-US; {@code utc} is the DateTime's Kind. */
    public static String formatDate(Instant instant, boolean utc, String spec) {
        String pattern = spec;
        if (spec.length() == 1) {
            pattern = switch (spec.charAt(0)) {
                case 'd' -> "M/d/yyyy";
                case 'D' -> "dddd, MMMM d, yyyy";
                case 'f' -> "dddd, MMMM d, yyyy h:mm tt";
                case 'F' -> "dddd, MMMM d, yyyy h:mm:ss tt";
                case 'g' -> "M/d/yyyy h:mm tt";
                case 'G' -> "M/d/yyyy h:mm:ss tt";
                case 'm', 'M' -> "MMMM d";
                case 'o', 'O' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
                case 'r', 'R' -> "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
                case 's' -> "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
                case 't' -> "h:mm tt";
                case 'T' -> "h:mm:ss tt";
                case 'u' -> "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
                case 'U' -> "dddd, MMMM d, yyyy h:mm:ss tt";
                case 'y', 'Y' -> "MMMM yyyy";
                default -> throw new FormatException(BAD_FORMAT);
            };
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < n && pattern.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'y' -> {
                    int y = t.getYear();
                    out.append(run <= 2 ? pad(y % 100, run) : pad(y, run));
                }
                case 'M' -> out.append(run == 1 ? Integer.toString(t.getMonthValue()) : run == 2 ? pad(t.getMonthValue(), 2)
                        : t.getMonth().getDisplayName(run == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.US));
                case 'd' -> out.append(run == 1 ? Integer.toString(t.getDayOfMonth()) : run == 2 ? pad(t.getDayOfMonth(), 2)
                        : t.getDayOfWeek().getDisplayName(run == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.US));
                case 'H' -> out.append(run == 1 ? Integer.toString(t.getHour()) : pad(t.getHour(), 2));
                case 'h' -> {
                    int h12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
                    out.append(run == 1 ? Integer.toString(h12) : pad(h12, 2));
                }
                case 'm' -> out.append(run == 1 ? Integer.toString(t.getMinute()) : pad(t.getMinute(), 2));
                case 's' -> out.append(run == 1 ? Integer.toString(t.getSecond()) : pad(t.getSecond(), 2));
                case 'f', 'F' -> {
                    String frac = String.format(Locale.ROOT, "%07d", t.getNano() / 100).substring(0, Math.min(7, run));
                    if (c == 'F') {
                        frac = frac.replaceAll("0+$", "");
                        if (frac.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) == '.') {
                            out.setLength(out.length() - 1);
                        }
                    }
                    out.append(frac);
                }
                case 't' -> out.append(run == 1 ? (t.getHour() < 12 ? "A" : "P") : (t.getHour() < 12 ? "AM" : "PM"));
                case 'K' -> out.append(utc ? "Z" : "+00:00");
                case 'z' -> out.append(run == 1 ? "+0" : run == 2 ? "+00" : "+00:00");
                case '\'', '"' -> {
                    int close = pattern.indexOf(c, i + 1);
                    if (close < 0) {
                        throw new FormatException("Cannot find a matching quote character for the character '" + c + "'.");
                    }
                    out.append(pattern, i + 1, close);
                    i = close + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        out.append(pattern.charAt(i + 1));
                    }
                    i += 2;
                    continue;
                }
                case '%' -> {
                    i++;
                    continue;
                }
                default -> out.append(String.valueOf(c).repeat(run));
            }
            i += run;
        }
        return out.toString();
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    static String formatGuid(UUID g, String spec) {
        String d = g.toString();
        return switch (spec) {
            case "N", "n" -> d.replace("-", "");
            case "B", "b" -> "{" + d + "}";
            case "P", "p" -> "(" + d + ")";
            case "D", "d", "" -> d;
            default -> throw new FormatException("Format String can be only \"D\", \"d\", \"N\", \"n\", \"P\", \"p\", "
                    + "\"B\", \"b\", \"X\" or \"x\".");
        };
    }

    /** {@code PsNumber.Unsigned} and friends as a plain number for formatting. */
    static Object plain(Object v) {
        return v instanceof PsNumber.Unsigned u ? (Object) u.value() : v;
    }
}
