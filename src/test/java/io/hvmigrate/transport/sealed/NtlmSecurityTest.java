package io.hvmigrate.transport.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.junit.jupiter.api.Test;

/**
 * The NTLM client against the worked example of [MS-NLMP] 4.2.4 (NTLMv2 authentication): user {@code User}, domain
 * {@code Domain}, password {@code Password}, server challenge {@code 0123456789abcdef}, client challenge
 * {@code aa..aa}, time 0, random session key {@code 55..55}; and MD4 against RFC 1320's test suite.
 */
class NtlmSecurityTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 4.2.4.3's CHALLENGE_MESSAGE: flags e28a8233, target name "Server", target info Domain/Server, no timestamp. */
    private static final byte[] SPEC_CHALLENGE = HEX.parseHex("4e544c4d53535000020000000c000c003800000033828ae2"
            + "0123456789abcdef00000000000000002400240044000000060070170000000f530065007200760065007200"
            + "02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");
    private static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");
    private static final byte[] PLAINTEXT = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
    private static final Clock TIME_ZERO = Clock.fixed(Instant.parse("1601-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Entropy that hands out the example's client challenge, then its random session key. */
    private static NtlmSecurity.Entropy specEntropy() {
        ArrayDeque<byte[]> values = new ArrayDeque<>();
        values.add(HEX.parseHex("aaaaaaaaaaaaaaaa"));
        values.add(RANDOM_SESSION_KEY);
        return bytes -> {
            byte[] next = values.remove();
            assertThat(bytes).hasSameSizeAs(next);
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        };
    }

    private static NtlmSecurity specClient() {
        return new NtlmSecurity(NtlmSecurity.Credentials.of("Domain\\User", "Password"), specEntropy(), TIME_ZERO);
    }

    /** A field (length, max length, offset) of the AUTHENTICATE message at {@code at}. */
    private static byte[] field(byte[] message, int at) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(at) & 0xffff;
        int offset = b.getInt(at + 4);
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    @Test
    void md4AnswersRfc1320sTestSuite() {
        assertThat(hex(Md4.digest(new byte[0]))).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(md4("a")).isEqualTo("bde52cb31de33e46245e05fbdbd6fb24");
        assertThat(md4("abc")).isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
        assertThat(md4("message digest")).isEqualTo("d9130a8164549fe818874806e1c7014b");
        assertThat(md4("abcdefghijklmnopqrstuvwxyz")).isEqualTo("d79e1c308aa5bbcdeea8ed63df412da9");
        assertThat(md4("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))
                .isEqualTo("043f8582f241db351ce627e153e7f0e4");
        assertThat(md4("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))
                .isEqualTo("e33b4ddc9c38f2199c3e7b164fcc0536");
    }

    private static String md4(String ascii) {
        return hex(Md4.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void md4AgreesWithBouncyCastleAcrossBlockBoundaries() {
        Random random = new Random(1320);
        for (int length = 0; length <= 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            MD4Digest reference = new MD4Digest();
            reference.update(data, 0, data.length);
            byte[] expected = new byte[16];
            reference.doFinal(expected, 0);
            assertThat(Md4.digest(data)).as("length %d", length).isEqualTo(expected);
        }
    }

    @Test
    void ntowfv2IsTheSpecificationsResponseKey() {
        // 4.2.2.1.2 (NTOWFv1 = the NT hash), 4.2.4.1.1 (NTOWFv2)
        assertThat(hex(Md4.digest("Password".getBytes(StandardCharsets.UTF_16LE))))
                .isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
        assertThat(hex(NtlmSecurity.ntowfv2("Password", "User", "Domain"))).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
        // the user is upper-cased, the domain is not
        assertThat(NtlmSecurity.ntowfv2("Password", "user", "Domain")).isEqualTo(NtlmSecurity.ntowfv2("Password", "User", "Domain"));
        assertThat(NtlmSecurity.ntowfv2("Password", "User", "domain")).isNotEqualTo(NtlmSecurity.ntowfv2("Password", "User", "Domain"));
    }

    @Test
    void ntProofStrAndSessionBaseKeyAreTheSpecifications() {
        byte[] targetInfo = HEX.parseHex("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");

        NtlmSecurity.V2Response r = NtlmSecurity.v2Response(NtlmSecurity.ntowfv2("Password", "User", "Domain"),
                HEX.parseHex("0123456789abcdef"), HEX.parseHex("aaaaaaaaaaaaaaaa"), new byte[8], targetInfo);

        // 4.2.4.2.2
        assertThat(hex(r.ntProofStr())).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        assertThat(hex(r.sessionBaseKey())).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(Arrays.copyOfRange(r.ntChallengeResponse(), 16, 16 + 28)).isEqualTo(HEX.parseHex(
                "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"));
    }

    @Test
    void sealingAndSigningKeysAreTheSpecifications() {
        int flags = 0xe28a8233; // the example's CHALLENGE flags: 128-bit keys, key exchange
        // 4.2.4.4
        assertThat(hex(NtlmSecurity.clientSigningKey(RANDOM_SESSION_KEY))).isEqualTo("4788dc861b4782f35d43fd98fe1a2d39");
        assertThat(hex(NtlmSecurity.clientSealingKey(flags, RANDOM_SESSION_KEY))).isEqualTo("59f600973cc4960a25480a7c196e4c58");
    }

    @Test
    void anExchangeWithTheSpecificationsChallengeAnswersItsResponsesAndSealsItsPlaintext() throws IOException {
        NtlmSecurity client = specClient();

        byte[] negotiate = client.step(null);
        byte[] authenticate = client.step(SPEC_CHALLENGE);

        assertThat(ByteBuffer.wrap(negotiate).order(ByteOrder.LITTLE_ENDIAN).getInt(12)).isEqualTo(0xe2088235);
        assertThat(client.established()).isTrue();
        // no timestamp in the target info: LMv2 (4.2.4.2.1), and no MIC
        assertThat(hex(field(authenticate, 12))).isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        assertThat(hex(Arrays.copyOf(field(authenticate, 20), 16))).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        assertThat(new String(field(authenticate, 28), StandardCharsets.UTF_16LE)).isEqualTo("Domain");
        assertThat(new String(field(authenticate, 36), StandardCharsets.UTF_16LE)).isEqualTo("User");
        // 4.2.4.2.3
        assertThat(hex(field(authenticate, 52))).isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
        assertThat(Arrays.copyOfRange(authenticate, 72, 88)).containsOnly(0);

        SessionSecurity.Sealed sealed = client.seal(PLAINTEXT);

        // 4.2.4.4: the sealed data and the signature (checksum RC4'd by the sealing handle, sequence 0)
        assertThat(hex(sealed.sealed())).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
        assertThat(hex(sealed.signature())).isEqualTo("01000000" + "7fb38ec5c55d4976" + "00000000");
    }

    @Test
    void theServersSealedPlaintextUnsealsWithTheServerToClientKeys() throws IOException {
        NtlmSecurity client = specClient();
        client.step(null);
        client.step(SPEC_CHALLENGE);

        // the server's half of 4.2.4.4 (as the server seals "Plaintext" with its own keys, sequence 0)
        byte[] plain = client.unseal(HEX.parseHex("01000000b298b847ce7c580700000000"),
                HEX.parseHex("160871b730ba74e946c453d7465b54278dd0"));

        assertThat(plain).isEqualTo(PLAINTEXT);
    }

    @Test
    void eachDirectionContinuesItsStreamAndCountsItsSequence() throws IOException {
        NtlmSecurity client = specClient();
        client.step(null);
        client.step(SPEC_CHALLENGE);

        SessionSecurity.Sealed first = client.seal(PLAINTEXT);
        SessionSecurity.Sealed second = client.seal(PLAINTEXT);

        assertThat(second.sealed()).isNotEqualTo(first.sealed());
        assertThat(Arrays.copyOfRange(second.signature(), 12, 16)).isEqualTo(new byte[] {1, 0, 0, 0});
    }

    @Test
    void aReplayedOrAlteredAnswerIsRefused() throws IOException {
        byte[] signature = HEX.parseHex("01000000b298b847ce7c580700000000");
        byte[] sealed = HEX.parseHex("160871b730ba74e946c453d7465b54278dd0");
        NtlmSecurity replayed = specClient();
        replayed.step(null);
        replayed.step(SPEC_CHALLENGE);
        replayed.unseal(signature, sealed);

        assertThatThrownBy(() -> replayed.unseal(signature, sealed)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not verify");

        NtlmSecurity altered = specClient();
        altered.step(null);
        altered.step(SPEC_CHALLENGE);
        byte[] flipped = sealed.clone();
        flipped[3] ^= 1;
        assertThatThrownBy(() -> altered.unseal(signature, flipped)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void withTheHostsTimestampTheLmResponseIsZerosAndTheMicCoversAllThreeMessages() throws IOException {
        byte[] timestamp = HEX.parseHex("0090d336b734c301");
        byte[] challenge = challengeWithTimestamp(timestamp);
        NtlmSecurity client = new NtlmSecurity(NtlmSecurity.Credentials.of("Domain\\User", "Password"), specEntropy(),
                Clock.systemUTC());

        byte[] negotiate = client.step(null);
        byte[] authenticate = client.step(challenge);

        assertThat(field(authenticate, 12)).hasSize(24).containsOnly(0);
        byte[] nt = field(authenticate, 20);
        // the blob carries the host's time, not the client's
        assertThat(Arrays.copyOfRange(nt, 24, 32)).isEqualTo(timestamp);
        byte[] pairs = Arrays.copyOfRange(nt, 44, nt.length - 4);
        assertThat(hex(pairs)).contains("06000400" + "02000000").contains("0a001000" + "00".repeat(16))
                .endsWith("00000000");
        // the server's check: the proof with the password's key, the exported key under the session base key
        byte[] key = NtlmSecurity.ntowfv2("Password", "User", "Domain");
        byte[] proof = NtlmSecurity.hmacMd5(key, HEX.parseHex("0123456789abcdef"), Arrays.copyOfRange(nt, 16, nt.length));
        assertThat(Arrays.copyOf(nt, 16)).isEqualTo(proof);
        byte[] exported = NtlmSecurity.rc4(NtlmSecurity.hmacMd5(key, proof), field(authenticate, 52));
        assertThat(exported).isEqualTo(RANDOM_SESSION_KEY);
        byte[] zeroed = authenticate.clone();
        Arrays.fill(zeroed, 72, 88, (byte) 0);
        assertThat(Arrays.copyOfRange(authenticate, 72, 88))
                .isEqualTo(NtlmSecurity.hmacMd5(exported, negotiate, challenge, zeroed));
    }

    /** The example's challenge with an MsvAvTimestamp before MsvAvEOL, as Windows Server sends it. */
    private static byte[] challengeWithTimestamp(byte[] timestamp) {
        byte[] info = HEX.parseHex("02000c0044006f006d00610069006e0001000c00530065007200760065007200"
                + "07000800" + hex(timestamp) + "00000000");
        byte[] head = Arrays.copyOf(SPEC_CHALLENGE, 68);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(40, (short) info.length).putShort(42, (short) info.length);
        byte[] message = Arrays.copyOf(head, head.length + info.length);
        System.arraycopy(info, 0, message, head.length, info.length);
        return message;
    }

    @Test
    void aHostThatCannotSealIsRefused() throws IOException {
        byte[] challenge = SPEC_CHALLENGE.clone();
        ByteBuffer b = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(20, b.getInt(20) & ~NtlmSecurity.SEAL);
        NtlmSecurity client = specClient();
        client.step(null);

        assertThatThrownBy(() -> client.step(challenge)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not offer NTLM message encryption");
        assertThat(client.established()).isFalse();
    }

    @Test
    void nothingIsSealedBeforeTheExchangeAndAMalformedChallengeIsRefused() throws IOException {
        NtlmSecurity client = specClient();
        client.step(null);

        assertThatThrownBy(() -> client.seal(PLAINTEXT)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.step(Arrays.copyOf(SPEC_CHALLENGE, 40))).isInstanceOf(IOException.class)
                .hasMessageContaining("not an NTLM challenge");
    }

    @Test
    void thePasswordShowsNowhere() throws IOException {
        NtlmSecurity.Credentials credentials = NtlmSecurity.Credentials.of("LAB\\svc-hvmigrate", "S3cret-Passw0rd");
        NtlmSecurity client = new NtlmSecurity(credentials);
        client.step(null);

        assertThat(credentials.toString()).isEqualTo("NTLM credentials of LAB\\svc-hvmigrate").doesNotContain("S3cret");
        assertThat(client.toString()).doesNotContain("S3cret");
        assertThatThrownBy(() -> client.step(new byte[10])).satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cret"));
    }
}
