package io.hvmigrate.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what {@code klist -li 0x3e7 tgt} prints on Windows: the computer account's ticket-granting ticket, whose
 * {@code StartTime} is when the host last obtained its tickets, and so the directory state its Kerberos delegation
 * still acts on. klist prints times in the host's local time and its short date format, e.g.
 *
 * <pre>
 * Cached TGT:
 *
 * ServiceName        : krbtgt
 * TargetName (SPN)   : krbtgt
 * ClientName         : HV-S1$
 * DomainName         : LAB.TEST
 * ...
 * StartTime          : 3/6/2026 19:07:09 (local)
 * EndTime            : 3/7/2026 5:07:09 (local)
 * RenewUntil         : 3/13/2026 9:22:16 (local)
 * </pre>
 *
 * Only the en-US date form (month/day/year, 24-hour clock), which klist uses on English installations, is read;
 * anything else gives no ticket rather than a wrong time.
 */
public final class KlistTgt {
    private KlistTgt() {}

    /** The TGT: its client (e.g. {@code HV-S1$}), start and end. */
    public record Tgt(String client, Instant start, Instant end) {}

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.ROOT);

    /**
     * @param lines  klist's output lines
     * @param offset the host's UTC offset at the time (klist's "(local)")
     */
    public static Optional<Tgt> parse(List<String> lines, ZoneOffset offset) {
        if (lines.stream().noneMatch(l -> l.trim().equals("Cached TGT:"))) {
            return Optional.empty();
        }
        String client = field(lines, "ClientName");
        Instant start = time(field(lines, "StartTime"), offset);
        Instant end = time(field(lines, "EndTime"), offset);
        return start == null ? Optional.empty() : Optional.of(new Tgt(client, start, end));
    }

    /** The host's UTC offset from {@code (Get-Date).ToString('o')} (e.g. {@code 2026-03-06T19:07:09.1234567+01:00}). */
    public static ZoneOffset offsetOf(String roundTrip) {
        if (roundTrip == null || roundTrip.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return OffsetDateTime.parse(roundTrip).getOffset();
        } catch (DateTimeParseException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String field(List<String> lines, String name) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(name)) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static Instant time(String value, ZoneOffset offset) {
        if (value == null) {
            return null;
        }
        String v = value.endsWith("(local)") ? value.substring(0, value.length() - "(local)".length()).trim() : value.trim();
        try {
            return LocalDateTime.parse(v, US).toInstant(offset);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
