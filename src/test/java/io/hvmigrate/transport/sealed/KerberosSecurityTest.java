package io.hvmigrate.transport.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The move between the JDK's one-piece wrap token and Windows' layout of a sealed WinRM message. The cryptography is
 * the JDK's and MIT's (proven against hvsim and the Samba KDC in KerberosWinRmPeerIT); here, the byte layout.
 */
class KerberosSecurityTest {

    /** A confidential wrap token as the JDK writes it for an AES enctype: RRC 0, the checksum at the end. */
    private static byte[] jdkToken(int messageLength, int ec, int checksum) {
        byte[] token = new byte[16 + 16 + messageLength + ec + 16 + checksum];
        token[0] = 0x05;
        token[1] = 0x04;
        token[2] = 0x06;
        token[3] = (byte) 0xff;
        token[4] = (byte) (ec >>> 8);
        token[5] = (byte) ec;
        for (int i = 8; i < token.length; i++) {
            token[i] = (byte) (i * 7 + 3);
        }
        return token;
    }

    @Test
    void theHeaderPartHoldsTheTokenHeaderTheRotatedTrailerAndTheConfounderAndTheRestIsAsLongAsTheMessage() throws IOException {
        byte[] token = jdkToken(100, 0, 12);

        SessionSecurity.Sealed sealed = KerberosSecurity.split(token, 100);

        // Windows and MIT (gss_wrap_iov without a trailer buffer): RRC = 16 + EC + 12 for aes*-cts-hmac-sha1-96
        assertThat(sealed.signature()).hasSize(16 + 28 + 16);
        assertThat(sealed.sealed()).hasSize(100);
        assertThat(((sealed.signature()[6] & 0xff) << 8) | (sealed.signature()[7] & 0xff)).isEqualTo(28);
        assertThat(Arrays.copyOfRange(sealed.signature(), 16, 44))
                .as("the last 28 bytes of the token come first")
                .isEqualTo(Arrays.copyOfRange(token, token.length - 28, token.length));
    }

    @Test
    void unrotatingWhatWasSplitGivesBackTheJdkToken() throws IOException {
        for (int ec : new int[] {0, 16}) {
            for (int checksum : new int[] {12, 16, 24}) {
                byte[] token = jdkToken(333, ec, checksum);
                SessionSecurity.Sealed sealed = KerberosSecurity.split(token, 333);
                byte[] joined = new byte[sealed.signature().length + sealed.sealed().length];
                System.arraycopy(sealed.signature(), 0, joined, 0, sealed.signature().length);
                System.arraycopy(sealed.sealed(), 0, joined, sealed.signature().length, sealed.sealed().length);

                assertThat(KerberosSecurity.unrotate(joined)).as("EC %d, checksum %d", ec, checksum).isEqualTo(token);
            }
        }
    }

    @Test
    void aTokenWithoutRotationIsReadAsItIs() throws IOException {
        byte[] token = jdkToken(10, 0, 12);
        assertThat(KerberosSecurity.unrotate(token)).isSameAs(token);
    }

    @Test
    void somethingThatIsNotAWrapTokenIsRefused() {
        byte[] mic = jdkToken(10, 0, 12);
        mic[1] = 0x04 + 0x00;
        mic[0] = 0x04; // 04 04: a MIC token, which seals nothing
        assertThatThrownBy(() -> KerberosSecurity.unrotate(mic)).isInstanceOf(IOException.class)
                .hasMessageContaining("not sealed");
        assertThatThrownBy(() -> KerberosSecurity.unrotate(new byte[8])).isInstanceOf(IOException.class);
    }

    @Test
    void aTokenTooShortForItsMessageIsRefusedRatherThanCut() {
        byte[] token = jdkToken(10, 0, 12);
        assertThatThrownBy(() -> KerberosSecurity.split(token, 100)).isInstanceOf(IOException.class);
    }
}
