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
    void noTicketOrAnotherDateFormatGivesNothingRatherThanAWrongTime() {
        List<String> failed = List.of("", "Current LogonId is 0:0x3e7", "Targeted LogonId is 0:0x3e7",
                "Error calling API LsaCallAuthenticationPackage (GetTicketGranting Ticket substatus): 1312", "",
                "klist failed with 0xc000005f/-1073741729: A specified logon session does not exist. It may already have been terminated.");
        List<String> german = List.of("Cached TGT:", "StartTime          : 06.03.2026 19:07:09 (local)");

        assertThat(KlistTgt.parse(failed, ZoneOffset.UTC)).isEmpty();
        assertThat(KlistTgt.parse(german, ZoneOffset.UTC)).isEmpty();
        assertThat(KlistTgt.offsetOf("garbage")).isEqualTo(ZoneOffset.UTC);
    }
}
