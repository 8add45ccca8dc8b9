package io.hvmigrate.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code klist -li 0x3e7 tgt} prints on Windows: the computer account's ticket-granting ticket, whose
 * {@code StartTime} is when the host last obtained its tickets, and so the directory state its Kerberos delegation
 * still acts on. klist prints times in the host's local time ("StartTime: Local computer time that the ticket was
 * requested", Microsoft, MicrosoftDocs/windowsserverdocs WindowsServerDocs/administration/windows-commands/klist.md), e.g. on an English installation
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
 * <p>Microsoft documents neither the date format nor the labels, and both may follow the host's display language
 * (dd.MM.yyyy on a German host, yyyy/MM/dd on a Japanese one). So the times are read without a locale: the ticket's
 * times are the first two values of the form {@code <date> <h>:<mm>:<ss>} whatever their labels, the date is three
 * numbers in any order a culture writes them (year first, or day and month then year), with or without an AM/PM
 * marker; and when the day-month order is not evident, the reading is the one under which the ticket is valid at the
 * host's own time ({@code (Get-Date).ToString('o')}, read in the same script): StartTime at or before it, EndTime
 * after it. A text that allows no such reading, or more than one, gives no ticket rather than a wrong time.
 */
public final class KlistTgt {
    private KlistTgt() {}

    /** The TGT: its client (e.g. {@code HV-S1$}), start and end. */
    public record Tgt(String client, Instant start, Instant end) {}

    /** The clocks of klist and Get-Date are the same host's; this covers the seconds between them. */
    private static final Duration SLACK = Duration.ofMinutes(5);
    /** With no EndTime, a start older than the longest renewal Windows allows by default is not believed. */
    private static final Duration LONGEST = Duration.ofDays(7);

    private static final Pattern TIME = Pattern.compile("^(?<date>.*?)(?<h>\\d{1,2}):(?<m>\\d{2}):(?<s>\\d{2})(?<after>.*)$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** The usual afternoon and morning markers (en, de, ja, zh, ko); another marker leaves both hours possible. */
    private static final Pattern PM = Pattern.compile("\\bpm\\b|nachm|午後|下午|오후");
    private static final Pattern AM = Pattern.compile("\\bam\\b|vorm|午前|上午|오전");

    /**
     * @param lines   klist's output lines
     * @param hostNow the host's time from {@code (Get-Date).ToString('o')}, e.g. {@code 2026-03-06T19:07:09.1234567+01:00}
     */
    public static Optional<Tgt> parse(List<String> lines, String hostNow) {
        OffsetDateTime now = null;
        if (hostNow != null && !hostNow.isBlank()) {
            try {
                now = OffsetDateTime.parse(hostNow);
            } catch (DateTimeParseException e) {
                now = null;
            }
        }
        return parse(lines, now == null ? ZoneOffset.UTC : now.getOffset(), now == null ? null : now.toInstant());
    }

    /**
     * Without the host's time: year-first dates, day.month.year with dots, and otherwise month/day/year (klist on an
     * English installation).
     *
     * @param offset the host's UTC offset at the time (klist's "(local)")
     */
    public static Optional<Tgt> parse(List<String> lines, ZoneOffset offset) {
        return parse(lines, offset, null);
    }

    static Optional<Tgt> parse(List<String> lines, ZoneOffset offset, Instant now) {
        List<List<Reading>> times = new ArrayList<>();
        String client = null;
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String label = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (label.equals("ClientName")) {
                client = value;
            }
            List<Reading> r = readings(value, offset, now != null);
            if (!r.isEmpty() && times.size() < 2) {
                times.add(r);
            }
        }
        if (times.isEmpty()) {
            return Optional.empty();
        }
        List<Reading> starts = times.get(0);
        List<Reading> ends = times.size() > 1 ? times.get(1) : List.of();
        if (now == null) {
            Instant end = ends.isEmpty() ? null : ends.getFirst().at();
            return Optional.of(new Tgt(client, starts.getFirst().at(), end));
        }
        Set<Instant> plausibleStarts = new LinkedHashSet<>();
        Instant end = null;
        for (Reading s : starts) {
            if (s.at().isAfter(now.plus(SLACK))) {
                continue;
            }
            if (ends.isEmpty()) {
                if (!s.at().isBefore(now.minus(LONGEST))) {
                    plausibleStarts.add(s.at());
                }
                continue;
            }
            for (Reading e : ends) {
                if (e.order() == s.order() && e.at().isAfter(s.at()) && !e.at().isBefore(now.minus(SLACK))) {
                    plausibleStarts.add(s.at());
                    end = e.at();
                }
            }
        }
        return plausibleStarts.size() == 1 ? Optional.of(new Tgt(client, plausibleStarts.iterator().next(), end)) : Optional.empty();
    }

    /** How the three numbers of a date were taken. */
    private enum Order { YMD, MDY, DMY }

    private record Reading(Instant at, Order order) {}

    /**
     * The instants a value such as {@code 3/6/2026 19:07:09 (local)} can mean; none when it is no date and time. With
     * {@code ambiguous} false only one day-month order is tried (see {@link #parse(List, ZoneOffset)}).
     */
    private static List<Reading> readings(String value, ZoneOffset offset, boolean ambiguous) {
        String v = value.replaceAll("\\s*\\([^()]*\\)\\s*$", "").trim();   // "(local)", or its translation
        Matcher t = TIME.matcher(v);
        if (!t.matches()) {
            return List.of();
        }
        List<String> n = new ArrayList<>();
        Matcher d = NUMBER.matcher(t.group("date"));
        while (d.find()) {
            n.add(d.group());
        }
        if (n.size() != 3 || NUMBER.matcher(t.group("after")).find()) {
            return List.of();
        }
        boolean marker = LETTER.matcher(t.group("date")).find() || LETTER.matcher(t.group("after")).find();
        int h = Integer.parseInt(t.group("h"));
        int m = Integer.parseInt(t.group("m"));
        int s = Integer.parseInt(t.group("s"));
        List<Integer> hours = List.of(h);
        if (marker && h <= 12) {
            String text = (t.group("date") + " " + t.group("after")).toLowerCase(java.util.Locale.ROOT).replace(".", "");
            boolean pm = PM.matcher(text).find();
            boolean am = AM.matcher(text).find();
            hours = pm && !am ? List.of(h % 12 + 12) : am && !pm ? List.of(h % 12) : List.of(h % 12, h % 12 + 12);
        }
        List<Order> orders = new ArrayList<>();
        if (n.get(0).length() == 4) {
            orders.add(Order.YMD);
        } else if (n.get(2).length() == 4 || n.get(2).length() == 2) {
            if (ambiguous) {
                orders.add(Order.MDY);
                orders.add(Order.DMY);
            } else {
                orders.add(t.group("date").contains(".") ? Order.DMY : Order.MDY);
            }
        }
        List<Reading> out = new ArrayList<>();
        for (Order o : orders) {
            int a = Integer.parseInt(n.get(0));
            int b = Integer.parseInt(n.get(1));
            int c = Integer.parseInt(n.get(2));
            int year = o == Order.YMD ? a : (n.get(2).length() == 2 ? 2000 + c : c);
            int month = o == Order.YMD ? b : o == Order.MDY ? a : b;
            int day = o == Order.YMD ? c : o == Order.MDY ? b : a;
            for (int hour : hours) {
                try {
                    out.add(new Reading(LocalDateTime.of(year, month, day, hour, m, s).toInstant(offset), o));
                } catch (DateTimeException e) {
                    // not a date in this order
                }
            }
        }
        return out;
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
}
