package io.hvmigrate.model;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Time zones as Hyper-V administrators write them: IANA names ({@code Europe/Berlin}), {@code UTC} and fixed offsets
 * ({@code +01:00}), and the Windows names that {@code tzutil /g} and {@code Get-TimeZone} print
 * ({@code W. Europe Standard Time}). The JDK knows no Windows names on Linux, so they map here to the zone CLDR's
 * windowsZones table gives for the Windows zone's own region ("001"); see Microsoft, "Default Time Zones"
 * (learn.microsoft.com/windows-hardware/manufacture/desktop/default-time-zones) for the Windows names.
 */
public final class TimeZones {
    private TimeZones() {}

    private static final Map<String, String> WINDOWS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        String[][] table = {
            {"Dateline Standard Time", "Etc/GMT+12"}, {"UTC-11", "Etc/GMT+11"}, {"Hawaiian Standard Time", "Pacific/Honolulu"},
            {"Alaskan Standard Time", "America/Anchorage"}, {"Pacific Standard Time", "America/Los_Angeles"},
            {"Pacific Standard Time (Mexico)", "America/Tijuana"}, {"US Mountain Standard Time", "America/Phoenix"},
            {"Mountain Standard Time", "America/Denver"}, {"Mountain Standard Time (Mexico)", "America/Mazatlan"},
            {"Central America Standard Time", "America/Guatemala"}, {"Central Standard Time", "America/Chicago"},
            {"Central Standard Time (Mexico)", "America/Mexico_City"}, {"Canada Central Standard Time", "America/Regina"},
            {"SA Pacific Standard Time", "America/Bogota"}, {"Eastern Standard Time", "America/New_York"},
            {"US Eastern Standard Time", "America/Indiana/Indianapolis"}, {"Atlantic Standard Time", "America/Halifax"},
            {"Venezuela Standard Time", "America/Caracas"}, {"SA Western Standard Time", "America/La_Paz"},
            {"Pacific SA Standard Time", "America/Santiago"}, {"Newfoundland Standard Time", "America/St_Johns"},
            {"E. South America Standard Time", "America/Sao_Paulo"}, {"Argentina Standard Time", "America/Argentina/Buenos_Aires"},
            {"SA Eastern Standard Time", "America/Cayenne"}, {"Greenland Standard Time", "America/Nuuk"},
            {"Paraguay Standard Time", "America/Asuncion"}, {"Montevideo Standard Time", "America/Montevideo"},
            {"Azores Standard Time", "Atlantic/Azores"}, {"Cape Verde Standard Time", "Atlantic/Cape_Verde"},
            {"UTC", "Etc/UTC"}, {"GMT Standard Time", "Europe/London"}, {"Greenwich Standard Time", "Atlantic/Reykjavik"},
            {"Morocco Standard Time", "Africa/Casablanca"}, {"W. Europe Standard Time", "Europe/Berlin"},
            {"Central Europe Standard Time", "Europe/Budapest"}, {"Romance Standard Time", "Europe/Paris"},
            {"Central European Standard Time", "Europe/Warsaw"}, {"W. Central Africa Standard Time", "Africa/Lagos"},
            {"GTB Standard Time", "Europe/Bucharest"}, {"Middle East Standard Time", "Asia/Beirut"},
            {"Egypt Standard Time", "Africa/Cairo"}, {"E. Europe Standard Time", "Europe/Chisinau"},
            {"Syria Standard Time", "Asia/Damascus"}, {"South Africa Standard Time", "Africa/Johannesburg"},
            {"FLE Standard Time", "Europe/Kiev"}, {"Israel Standard Time", "Asia/Jerusalem"},
            {"Kaliningrad Standard Time", "Europe/Kaliningrad"}, {"Jordan Standard Time", "Asia/Amman"},
            {"Arabic Standard Time", "Asia/Baghdad"}, {"Turkey Standard Time", "Europe/Istanbul"},
            {"Arab Standard Time", "Asia/Riyadh"}, {"Belarus Standard Time", "Europe/Minsk"},
            {"Russian Standard Time", "Europe/Moscow"}, {"E. Africa Standard Time", "Africa/Nairobi"},
            {"Iran Standard Time", "Asia/Tehran"}, {"Arabian Standard Time", "Asia/Dubai"},
            {"Azerbaijan Standard Time", "Asia/Baku"}, {"Mauritius Standard Time", "Indian/Mauritius"},
            {"Georgian Standard Time", "Asia/Tbilisi"}, {"Caucasus Standard Time", "Asia/Yerevan"},
            {"Afghanistan Standard Time", "Asia/Kabul"}, {"West Asia Standard Time", "Asia/Tashkent"},
            {"Ekaterinburg Standard Time", "Asia/Yekaterinburg"}, {"Pakistan Standard Time", "Asia/Karachi"},
            {"India Standard Time", "Asia/Kolkata"}, {"Sri Lanka Standard Time", "Asia/Colombo"},
            {"Nepal Standard Time", "Asia/Kathmandu"}, {"Central Asia Standard Time", "Asia/Almaty"},
            {"Bangladesh Standard Time", "Asia/Dhaka"}, {"Myanmar Standard Time", "Asia/Yangon"},
            {"SE Asia Standard Time", "Asia/Bangkok"}, {"N. Central Asia Standard Time", "Asia/Novosibirsk"},
            {"North Asia Standard Time", "Asia/Krasnoyarsk"}, {"China Standard Time", "Asia/Shanghai"},
            {"North Asia East Standard Time", "Asia/Irkutsk"}, {"Singapore Standard Time", "Asia/Singapore"},
            {"W. Australia Standard Time", "Australia/Perth"}, {"Taipei Standard Time", "Asia/Taipei"},
            {"Tokyo Standard Time", "Asia/Tokyo"}, {"Korea Standard Time", "Asia/Seoul"},
            {"Yakutsk Standard Time", "Asia/Yakutsk"}, {"Cen. Australia Standard Time", "Australia/Adelaide"},
            {"AUS Central Standard Time", "Australia/Darwin"}, {"E. Australia Standard Time", "Australia/Brisbane"},
            {"AUS Eastern Standard Time", "Australia/Sydney"}, {"West Pacific Standard Time", "Pacific/Port_Moresby"},
            {"Tasmania Standard Time", "Australia/Hobart"}, {"Vladivostok Standard Time", "Asia/Vladivostok"},
            {"Magadan Standard Time", "Asia/Magadan"}, {"New Zealand Standard Time", "Pacific/Auckland"},
            {"Fiji Standard Time", "Pacific/Fiji"}, {"Tonga Standard Time", "Pacific/Tongatapu"},
            {"Samoa Standard Time", "Pacific/Apia"},
        };
        for (String[] row : table) {
            WINDOWS.put(row[0], row[1]);
        }
    }

    /** The zone a name stands for: a Windows name, an IANA name, UTC or an offset; empty when it is none of them. */
    public static Optional<ZoneId> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim();
        String iana = WINDOWS.get(n);
        try {
            return Optional.of(ZoneId.of(iana != null ? iana : n));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Every name {@link #parse} takes by name (for did-you-mean): the Windows names and the JDK's IANA names. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(WINDOWS.keySet());
        all.addAll(ZoneId.getAvailableZoneIds());
        return all;
    }

    /** How a problem says what to write. */
    public static final String HINT = "an IANA name such as Europe/Berlin, a Windows name such as W. Europe Standard Time "
            + "(tzutil /g prints the host's), UTC, or an offset such as +01:00";
}
