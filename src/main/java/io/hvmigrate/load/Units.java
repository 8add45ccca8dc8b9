package io.hvmigrate.load;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes, durations and timestamps as people write them in YAML. */
public final class Units {
    private Units() {}

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m(?!s))?\\s*(?:(\\d+)s)?\\s*(?:(\\d+)ms)?", Pattern.CASE_INSENSITIVE);

    public static final String SIZE_HINT = "a size such as 4GB, 512MB or a number of bytes (KB/MB/GB/TB count in 1024s, as PowerShell's do)";
    public static final String DURATION_HINT = "a duration such as 90s, 15m, 1h30m or PT15M";

    /** Bytes from "4GB", "512 MiB", "1.5TB" or a plain number of bytes; null when the text is not a size. */
    public static Long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT).replace("I", "");
        long mult = switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            default -> 1L;
        };
        return (long) (n * mult);
    }

    /** The longest duration hvmigrate takes: ten years. Longer ones are typing mistakes, and overflow clocks. */
    public static final Duration MAX_DURATION = Duration.ofDays(3653);
    /** Years a timestamp may fall in: later instants overflow the arithmetic of windows and deadlines. */
    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 9999;
    private static final Duration OVERFLOW = Duration.ofSeconds(Long.MAX_VALUE);

    /**
     * A duration from "90s", "15m", "1h30m", "250ms" or ISO-8601 "PT15M"; null when the text is not one, is negative
     * or is longer than {@link #MAX_DURATION}.
     */
    public static Duration duration(String text) {
        Duration d = parseDuration(text);
        return d == null || d.isNegative() || d.compareTo(MAX_DURATION) > 0 ? null : d;
    }

    /** The duration written, {@link #OVERFLOW} when its numbers overflow, null when it is none. */
    private static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    return e.getCause() instanceof ArithmeticException ? OVERFLOW : null;
                }
            }
            Matcher m = DURATION.matcher(t);
            if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
                return null;
            }
            Duration d = Duration.ZERO;
            if (m.group(1) != null) {
                d = d.plusHours(Long.parseLong(m.group(1)));
            }
            if (m.group(2) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(2)));
            }
            if (m.group(3) != null) {
                d = d.plusSeconds(Long.parseLong(m.group(3)));
            }
            if (m.group(4) != null) {
                d = d.plusMillis(Long.parseLong(m.group(4)));
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            return OVERFLOW; // digits only (the patterns say so): too many of them
        }
    }

    /** A duration as people write it, the way {@link #duration(String)} reads it back: "10m", "1h30m", "90s" → "1m30s", "500ms". */
    public static String text(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        if (d.toHours() > 0) {
            s.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            s.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            s.append(d.toMillisPart()).append("ms");
        }
        return s.toString();
    }

    /** An ISO-8601 timestamp with an offset ("2026-11-22T22:00:00+01:00" or "...Z"); null when it is not one or not in years 1970-9999. */
    public static OffsetDateTime timestamp(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text.trim());
            return inYears(t.getYear()) ? t : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A local date and time ("2026-11-22T22:00"); null when it is not one or not in years 1970-9999. */
    public static java.time.LocalDateTime localTimestamp(String text) {
        try {
            java.time.LocalDateTime t = java.time.LocalDateTime.parse(text.trim());
            return inYears(t.getYear()) ? t : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean inYears(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** True when the text is a timestamp, only outside the years hvmigrate takes. */
    private static boolean outOfYears(String v) {
        try {
            return !inYears(OffsetDateTime.parse(v.trim()).getYear());
        } catch (DateTimeParseException e) {
            try {
                return !inYears(java.time.LocalDateTime.parse(v.trim()).getYear());
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static final String YEARS = " is not between the years " + FIRST_YEAR + " and " + LAST_YEAR + " | fix: write the time meant, e.g. 2026-11-22T22:00:00+01:00";

    public static String checkSize(String v) {
        return bytes(v) == null ? "'" + v + "' is not a size | fix: write " + SIZE_HINT : null;
    }

    public static String checkDuration(String v) {
        Duration d = parseDuration(v);
        if (d == null) {
            return "'" + v + "' is not a duration | fix: write " + DURATION_HINT;
        }
        if (d.isNegative()) {
            return "'" + v + "' is negative | fix: write " + DURATION_HINT;
        }
        return d.compareTo(MAX_DURATION) > 0 ? "'" + v + "' is longer than ten years, the longest duration hvmigrate takes"
                + " | fix: write " + DURATION_HINT : null;
    }

    /** A timestamp with an offset, or a local date and time (the window's timeZone: says where). */
    public static String checkLocalOrOffsetTimestamp(String v) {
        if (timestamp(v) != null || localTimestamp(v) != null) {
            return null;
        }
        if (outOfYears(v)) {
            return "'" + v + "'" + YEARS;
        }
        return "'" + v + "' is not a timestamp | fix: write an ISO-8601 time, e.g. 2026-11-22T22:00:00+01:00, or a local "
                + "time such as 2026-11-22T22:00 with the window's timeZone:";
    }

    public static String checkTimestamp(String v) {
        if (timestamp(v) != null) {
            return null;
        }
        if (outOfYears(v)) {
            return "'" + v + "'" + YEARS;
        }
        if (localTimestamp(v) != null) {
            return "'" + v + "' has no time zone | fix: add the offset, e.g. " + v.trim() + "+01:00 or " + v.trim() + "Z";
        }
        return "'" + v + "' is not a timestamp | fix: write an ISO-8601 time with its offset, e.g. 2026-11-22T22:00:00+01:00";
    }

    /** Human form of a byte count: 4.0 GiB. */
    public static String human(long bytes) {
        String[] u = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
