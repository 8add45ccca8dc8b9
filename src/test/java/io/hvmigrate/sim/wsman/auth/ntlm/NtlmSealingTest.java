package io.hvmigrate.sim.wsman.auth.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.SealingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * NTLM arithmetic against the NTLMv2 example of [MS-NLMP] 4.2.4 (user "User", domain "Domain", password "Password",
 * random session key 0x55 × 16), and server-to-client messages as python-ntlm-auth 1.4 seals them.
 */
class NtlmSealingTest {

    private static final HexFormat HEX = HexFormat.of();
    /** KEY_EXCH | 56 | 128 | VERSION | TARGET_INFO | ESS | TARGET_TYPE_SERVER | ALWAYS_SIGN | NTLM | SEAL | SIGN | OEM | UNICODE. */
    private static final int FLAGS = 0xe28a8233;
    private static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");

    @Test
    void responseKeyProofAndSessionKeysMatchTheSpecificationExample() {
        byte[] responseKey = NtlmCrypto.ntowfv2("Password", "User", "Domain");
        byte[] serverChallenge = HEX.parseHex("0123456789abcdef");
        byte[] targetInfo = AvPairs.builder()
                .add(AvPairs.NB_DOMAIN_NAME, "Domain".getBytes(StandardCharsets.UTF_16LE))
                .add(AvPairs.NB_COMPUTER_NAME, "Server".getBytes(StandardCharsets.UTF_16LE))
                .build();
        byte[] blob = concat(HEX.parseHex("0101000000000000"), new byte[8], HEX.parseHex("aaaaaaaaaaaaaaaa"),
                new byte[4], targetInfo, new byte[4]);

        byte[] proof = NtlmCrypto.hmacMd5(responseKey, serverChallenge, blob);
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);

        assertThat(HEX.formatHex(responseKey)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
        assertThat(HEX.formatHex(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        assertThat(HEX.formatHex(sessionBaseKey)).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(HEX.formatHex(NtlmCrypto.rc4(sessionBaseKey, RANDOM_SESSION_KEY)))
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    @Test
    void unsealsTheSpecificationsClientMessageAndTheNextOne() throws Exception {
        MessageSealing server = new NtlmSealing(FLAGS, RANDOM_SESSION_KEY);

        byte[] first = server.unseal(HEX.parseHex("010000007fb38ec5c55d497600000000"),
                HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f"));
        byte[] second = server.unseal(HEX.parseHex("010000001cdae94f8fb5f16901000000"),
                HEX.parseHex("5aa61c94dfd03a96ef462227"));

        assertThat(new String(first, StandardCharsets.UTF_16LE)).isEqualTo("Plaintext");
        assertThat(new String(second, StandardCharsets.US_ASCII)).isEqualTo("next request");
    }

    @Test
    void sealsRepliesWithTheServerKeysAndIncreasingSequenceNumbers() {
        MessageSealing server = new NtlmSealing(FLAGS, RANDOM_SESSION_KEY);

        MessageSealing.Sealed first = server.seal("<s:Envelope/>".getBytes(StandardCharsets.US_ASCII));
        MessageSealing.Sealed second = server.seal("second reply".getBytes(StandardCharsets.US_ASCII));

        assertThat(HEX.formatHex(first.sealed())).isEqualTo("7a7b27f23fcc788547b442f81d");
        assertThat(HEX.formatHex(first.signature())).isEqualTo("010000007d045a5bf225d5e300000000");
        assertThat(HEX.formatHex(second.sealed())).isEqualTo("70017b7abc0998b07d195acc");
        assertThat(HEX.formatHex(second.signature())).isEqualTo("01000000889b179b98a670c201000000");
    }

    @Test
    void refusesATamperedMessage() {
        MessageSealing server = new NtlmSealing(FLAGS, RANDOM_SESSION_KEY);
        byte[] sealed = HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f");
        sealed[3] ^= 1;

        assertThatThrownBy(() -> server.unseal(HEX.parseHex("010000007fb38ec5c55d497600000000"), sealed))
                .isInstanceOf(SealingException.class);
    }

    @Test
    void refusesAReplayedMessage() throws Exception {
        MessageSealing server = new NtlmSealing(FLAGS, RANDOM_SESSION_KEY);
        byte[] signature = HEX.parseHex("010000007fb38ec5c55d497600000000");
        byte[] sealed = HEX.parseHex("54e50165bf1936dc996020c1811b0f06fb5f");
        server.unseal(signature, sealed);

        assertThatThrownBy(() -> server.unseal(signature, sealed)).isInstanceOf(SealingException.class);
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
