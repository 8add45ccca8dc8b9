package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** klist -li 0x3e7 tgt as Windows prints it. */
class KlistTgtTest {

    /** Windows Server output, as printed (session key zeroed, encoded ticket cut). */
    private static final String WINDOWS = """

            Current LogonId is 0:0x3e7
            Targeted LogonId is 0:0x3e7

            Cached TGT:

            ServiceName        : krbtgt
            TargetName (SPN)   : krbtgt
            ClientName         : HV-S1$
            DomainName         : LAB.TEST
            TargetDomainName   : LAB.TEST
            AltTargetDomainName: LAB.TEST
            Ticket Flags       : 0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize
            Session Key        : KeyType 0x12 - AES-256-CTS-HMAC-SHA1-96
                               : KeyLength 32 - 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            StartTime          : 3/6/2026 19:07:09 (local)
            EndTime            : 3/7/2026 5:07:09 (local)
            RenewUntil         : 3/13/2026 9:22:16 (local)
            TimeSkew           :  - 0:05 minute(s)
            EncodedTicket      : (size: 1162)
            0000  61 82 04 86 30 82 04 82:a0 03 02 01 05 a1 0c 1b  a...0...........
            """;

    @Test
    void readsTheStartOfTheComputerAccountsTgtInTheHostsLocalTime() {
        var t = KlistTgt.parse(WINDOWS.lines().toList(), KlistTgt.offsetOf("2026-03-06T20:00:00.0000000+01:00")).orElseThrow();

        assertThat(t.client()).isEqualTo("HV-S1$");
        assertThat(t.start()).isEqualTo(Instant.parse("2026-03-06T18:07:09Z"));
        assertThat(t.end()).isEqualTo(Instant.parse("2026-03-07T04:07:09Z"));
    }

    @Test
    void twoDigitMonthsAndAfternoonHours() {
        List<String> lines = List.of("Cached TGT:", "StartTime          : 10/6/2017 15:23:33 (local)",
                "EndTime            : 10/7/2017 1:23:33 (local)");
        assertThat(KlistTgt.parse(lines, ZoneOffset.UTC).orElseThrow().start()).isEqualTo(Instant.parse("2017-10-06T15:23:33Z"));
    }

    @Test
    void noTicketOrAnUnreadableTimeGivesNothingRatherThanAWrongTime() {
        List<String> failed = List.of("", "Current LogonId is 0:0x3e7", "Targeted LogonId is 0:0x3e7",
                "Error calling API LsaCallAuthenticationPackage (GetTicketGranting Ticket substatus): 1312", "",
                "klist failed with 0xc000005f/-1073741729: A specified logon session does not exist. It may already have been terminated.");
        List<String> twoNumbers = List.of("Cached TGT:", "StartTime          : 6.2026 19:07:09 (local)");

        assertThat(KlistTgt.parse(failed, ZoneOffset.UTC)).isEmpty();
        assertThat(KlistTgt.parse(failed, "2026-03-06T20:00:00+01:00")).isEmpty();
        assertThat(KlistTgt.parse(twoNumbers, ZoneOffset.UTC)).isEmpty();
        assertThat(KlistTgt.offsetOf("garbage")).isEqualTo(ZoneOffset.UTC);
    }

    private static List<String> tgt(String start, String end) {
        return List.of("Cached TGT:", "ClientName         : HV-S1$", "StartTime          : " + start + " (local)",
                "EndTime            : " + end + " (local)", "RenewUntil         : " + end + " (local)",
                "TimeSkew           :  + 0:00 minute(s)");
    }

    @Test
    void readsTheDatesOfGermanAndJapaneseHosts() {
        String now = "2026-03-06T20:00:00.0000000+01:00";
        Instant start = Instant.parse("2026-03-06T18:07:09Z");

        assertThat(KlistTgt.parse(tgt("06.03.2026 19:07:09", "07.03.2026 05:07:09"), now).orElseThrow().start()).isEqualTo(start);
        assertThat(KlistTgt.parse(tgt("2026/03/06 19:07:09", "2026/03/07 5:07:09"), now).orElseThrow().start()).isEqualTo(start);
        assertThat(KlistTgt.parse(tgt("3/6/2026 19:07:09", "3/7/2026 5:07:09"), now).orElseThrow().start()).isEqualTo(start);
        // without the host's time, dotted dates are day.month.year
        assertThat(KlistTgt.parse(tgt("06.03.2026 19:07:09", "07.03.2026 05:07:09"), ZoneOffset.ofHours(1)).orElseThrow().start())
                .isEqualTo(start);
    }

    @Test
    void dayAndMonthAreTakenInTheOrderUnderWhichTheTicketIsValidAtTheHostsTime() {
        // en-GB/fr-FR: 06/03/2026 is 6 March; read as month/day it would be 3 June, after the host's time
        var t = KlistTgt.parse(tgt("06/03/2026 19:07:09", "07/03/2026 05:07:09"), "2026-03-06T20:00:00+01:00").orElseThrow();
        assertThat(t.start()).isEqualTo(Instant.parse("2026-03-06T18:07:09Z"));
        assertThat(t.end()).isEqualTo(Instant.parse("2026-03-07T04:07:09Z"));
        // 4 March read as day/month ends before the host's time: only month/day (April 3) is a valid ticket on April 3
        assertThat(KlistTgt.parse(tgt("4/3/2026 9:00:00", "4/3/2026 19:00:00"), "2026-04-03T10:00:00Z").orElseThrow().start())
                .isEqualTo(Instant.parse("2026-04-03T09:00:00Z"));
    }

    @Test
    void localizedLabelsAndAnAfternoonMarker() {
        List<String> lines = List.of("Zwischengespeichertes TGT:", "Clientname         : HV-S1$",
                "Startzeit          : 06.03.2026 7:07:09 PM (lokal)", "Endzeit            : 07.03.2026 5:07:09 AM (lokal)");
        assertThat(KlistTgt.parse(lines, "2026-03-06T20:00:00+01:00").orElseThrow().start())
                .isEqualTo(Instant.parse("2026-03-06T18:07:09Z"));
    }
}
