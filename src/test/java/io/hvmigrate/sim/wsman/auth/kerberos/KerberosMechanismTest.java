package io.hvmigrate.sim.wsman.auth.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.NegotiateStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mechanism takes from Negotiate and what it refuses without a KDC. Accepting real tickets is proven against
 * the Samba KDC (KerberosWinRmPeerIT); a ticket cannot be forged here without one.
 */
class KerberosMechanismTest {
    @TempDir
    Path dir;

    /** Start of a raw Kerberos InitialContextToken: APPLICATION 0, then the RFC 1964 OID, then an AP-REQ. */
    private static final byte[] KRB5_TOKEN_START = HexFormat.of().parseHex("608204c906092a864886f71201020201006e8204b8");
    /** Start of a SPNEGO NegTokenInit listing MS-Kerberos and Kerberos, as Windows clients send it. */
    private static final byte[] SPNEGO_START = HexFormat.of().parseHex(
            "608206a906062b0601050502a082069d30820699a030302e06092a864882f71201020206092a864886f712010202");

    @Test
    void recognizesKerberosTokensAndLeavesNtlmToNtlm() throws Exception {
        KerberosMechanism m = mechanism();
        assertThat(m.recognizes(padded(KRB5_TOKEN_START))).isTrue();
        assertThat(m.recognizes(padded(SPNEGO_START))).isTrue();
        assertThat(m.recognizes(padded("NTLMSSP\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))).isFalse();
        // SPNEGO offering NTLM only (1.3.6.1.4.1.311.2.2.10)
        assertThat(m.recognizes(padded(HexFormat.of().parseHex("604806062b0601050502a03e303ca00e300c060a2b06010401823702020a")))).isFalse();
    }

    @Test
    void aTokenItCannotDecryptIsRejectedNotThrown() throws Exception {
        KerberosMechanism m = mechanism();
        NegotiateStep step = m.newAcceptor(null).step(padded(KRB5_TOKEN_START));
        assertThat(step).isInstanceOfSatisfying(NegotiateStep.Rejected.class, r -> assertThat(r.reason()).startsWith("Kerberos: "));
    }

    @Test
    void refusesAKeytabWithoutTheServiceKey() throws Exception {
        Path empty = dir.resolve("none.keytab");
        Files.write(empty, new byte[] {0x05, 0x02}); // a keytab header, no entries
        KerberosPrincipal p = new KerberosPrincipal("HTTP/hv1.lab.test@LAB.TEST", KerberosPrincipal.KRB_NT_PRINCIPAL);
        KeyTab keytab = KeyTab.getInstance(p, empty.toFile());
        assertThat(KerberosMechanism.holds(keytab, p)).isFalse();
        assertThatThrownBy(() -> new KerberosMechanism(p, keytab, AccountStore.empty(), realm -> Optional.empty()))
                .hasMessageContaining("no key for HTTP/hv1.lab.test@LAB.TEST");
    }

    private KerberosMechanism mechanism() throws Exception {
        Path path = HandWrittenKeytab.write(dir.resolve("http-hv1.keytab"), "LAB.TEST", "HTTP", "hv1.lab.test");
        KerberosPrincipal p = new KerberosPrincipal("HTTP/hv1.lab.test@LAB.TEST", KerberosPrincipal.KRB_NT_PRINCIPAL);
        KeyTab keytab = KeyTab.getInstance(p, path.toFile());
        return new KerberosMechanism(p, keytab, AccountStore.of(Map.of("LAB\\alice", "unused")),
                realm -> realm.equals("LAB.TEST") ? Optional.of("LAB") : Optional.empty());
    }

    private static byte[] padded(byte[] start) {
        byte[] b = new byte[Math.max(64, start.length + 32)];
        System.arraycopy(start, 0, b, 0, start.length);
        return b;
    }
}
