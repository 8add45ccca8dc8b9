package io.hvmigrate.transport.sealed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NTLM for WinRM over HTTP, as Windows' client and pywinrm do it ([MS-NLMP]): raw NTLMSSP tokens under the
 * {@code Negotiate} HTTP scheme, NTLMv2 authentication (NEGOTIATE, CHALLENGE, AUTHENTICATE with a MIC whenever the
 * host's target information carries a timestamp, a random exported session key sent under the key exchange key), then
 * every message sealed with NTLM2 session security (3.4.4.2): one RC4 stream per direction, continued from message to
 * message, sequence numbers from 0, the checksum encrypted with the sealing stream. No channel binding: there is no TLS
 * channel to bind to over HTTP.
 *
 * <p>NTLM does not prove the host's identity to the client as Kerberos does. Only a party that knows the password's
 * key (the host, through its domain controller) can derive the session keys, so an answer that unseals came from one.
 * The password itself is never kept: {@link Credentials} holds its NTOWFv2 only.
 */
final class NtlmSecurity implements SessionSecurity {
    static final int UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int SIGN = 0x00000010;
    static final int SEAL = 0x00000020;
    static final int NTLM = 0x00000200;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int NEGOTIATE_56 = 0x80000000;
    /** What the client asks for: WinRM's sealing needs SIGN, SEAL and extended session security. */
    static final int REQUESTED = UNICODE | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY
            | VERSION | NEGOTIATE_128 | KEY_EXCH | NEGOTIATE_56;

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NEGOTIATE_MESSAGE = 1;
    private static final int CHALLENGE_MESSAGE = 2;
    private static final int AUTHENTICATE_MESSAGE = 3;
    /** Windows 10.0 build 17763, NTLM revision 15: the version the client announces (debugging only). */
    private static final byte[] CLIENT_VERSION = {10, 0, 0x63, 0x45, 0, 0, 0, 0x0F};
    /** AUTHENTICATE: 64-byte header, 8-byte version, 16-byte MIC, then the payload. */
    private static final int MIC_OFFSET = 72;
    private static final int AUTHENTICATE_PAYLOAD = 88;

    private static final int AV_EOL = 0;
    private static final int AV_FLAGS = 6;
    private static final int AV_TIMESTAMP = 7;
    private static final int AV_CHANNEL_BINDINGS = 10;
    private static final int AV_FLAG_MIC = 0x2;

    private static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");
    private static final byte[] SIGNATURE_VERSION = {1, 0, 0, 0};
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    /** Random bytes: the client challenge and the exported session key. */
    @FunctionalInterface
    interface Entropy {
        void fill(byte[] bytes);
    }

    /**
     * Who authenticates: the domain and user as the host knows them ({@code DOMAIN\\user} of the inventory) and the
     * password's NTOWFv2, computed once. Never shows the key.
     */
    static final class Credentials {
        private final String domain;
        private final String user;
        private final byte[] responseKey;

        private Credentials(String domain, String user, byte[] responseKey) {
            this.domain = domain;
            this.user = user;
            this.responseKey = responseKey;
        }

        /**
         * @param account  {@code DOMAIN\\user}, or {@code user} for a local account of the host
         * @param password the account's password
         */
        static Credentials of(String account, String password) {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(password, "password");
            int slash = account.indexOf('\\');
            String domain = slash < 0 ? "" : account.substring(0, slash);
            String user = slash < 0 ? account : account.substring(slash + 1);
            return new Credentials(domain, user, ntowfv2(password, user, domain));
        }

        String domain() {
            return domain;
        }

        String user() {
            return user;
        }

        @Override
        public String toString() {
            return "NTLM credentials of " + (domain.isEmpty() ? "" : domain + "\\") + user;
        }
    }

    private enum State { START, NEGOTIATED, AUTHENTICATED }

    private final Credentials credentials;
    private final Entropy entropy;
    private final Clock clock;
    private State state = State.START;
    private byte[] negotiate;
    private int flags;
    private byte[] exportedSessionKey;
    private Direction out;
    private Direction in;

    /** A context for one connection, authenticating as {@code credentials}. */
    NtlmSecurity(Credentials credentials) {
        this(credentials, new SecureRandom()::nextBytes, Clock.systemUTC());
    }

    NtlmSecurity(Credentials credentials, Entropy entropy, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String scheme() {
        return "Negotiate";
    }

    @Override
    public String protocol() {
        return "application/HTTP-SPNEGO-session-encrypted";
    }

    @Override
    public synchronized byte[] step(byte[] fromServer) throws IOException {
        switch (state) {
            case START -> {
                negotiate = negotiateMessage();
                state = State.NEGOTIATED;
                return negotiate.clone();
            }
            case NEGOTIATED -> {
                if (fromServer == null) {
                    throw new IOException("the host sent no NTLM challenge");
                }
                byte[] authenticate = authenticate(Challenge.parse(fromServer));
                state = State.AUTHENTICATED;
                return authenticate;
            }
            default -> throw new IOException("the NTLM exchange is already complete");
        }
    }

    @Override
    public synchronized boolean established() {
        return state == State.AUTHENTICATED;
    }

    @Override
    public synchronized Sealed seal(byte[] message) throws IOException {
        if (out == null) {
            throw new IOException("the NTLM exchange is not complete: nothing can be sealed yet");
        }
        byte[] sealed = update(out.cipher, message);
        return new Sealed(out.signature(message), sealed);
    }

    @Override
    public synchronized byte[] unseal(byte[] signature, byte[] sealed) throws IOException {
        if (in == null) {
            throw new IOException("the NTLM exchange is not complete: nothing can be unsealed yet");
        }
        if (signature.length != 16 || !Arrays.equals(signature, 0, 4, SIGNATURE_VERSION, 0, 4)) {
            throw new IOException("the host's answer is not sealed with NTLM (no NTLMSSP_MESSAGE_SIGNATURE)");
        }
        byte[] message = update(in.cipher, sealed);
        byte[] expected = in.signature(message);
        if (!MessageDigest.isEqual(expected, signature)) {
            // the RC4 stream has moved on: this connection cannot unseal anything more
            in = null;
            throw new IOException("the host's answer does not verify (altered, replayed or out of sequence)");
        }
        return message;
    }

    @Override
    public synchronized void close() {
        if (exportedSessionKey != null) {
            Arrays.fill(exportedSessionKey, (byte) 0);
        }
        out = null;
        in = null;
    }

    @Override
    public String toString() {
        return "NtlmSecurity[" + credentials + ", " + state + "]";
    }

    /** NEGOTIATE_MESSAGE (2.2.1.1): the requested flags, no domain or workstation, the version. */
    static byte[] negotiateMessage() {
        return ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .put(SIGNATURE).putInt(NEGOTIATE_MESSAGE).putInt(REQUESTED)
                .putLong(0).putLong(0)
                .put(CLIENT_VERSION)
                .array();
    }

    /** AUTHENTICATE_MESSAGE (2.2.1.3, 3.1.5.1.2) for the host's challenge; sets up the sealing of both directions. */
    private byte[] authenticate(Challenge challenge) throws IOException {
        if ((challenge.flags() & SEAL) == 0 || (challenge.flags() & EXTENDED_SESSIONSECURITY) == 0) {
            throw new IOException("the host does not offer NTLM message encryption (SEAL with extended session "
                    + "security): WinRM over HTTP cannot be encrypted with NTLM");
        }
        if ((challenge.flags() & UNICODE) == 0) {
            throw new IOException("the host does not offer Unicode NTLM messages");
        }
        flags = challenge.flags() & REQUESTED;
        byte[] clientChallenge = new byte[8];
        entropy.fill(clientChallenge);
        AvPairs info = AvPairs.parse(challenge.targetInfo());
        byte[] hostTime = info.get(AV_TIMESTAMP);
        boolean mic = hostTime != null;
        byte[] time = mic ? hostTime : filetime(clock.instant());
        byte[] pairs = mic ? info.withMicAndNoBinding() : challenge.targetInfo();

        V2Response response = v2Response(credentials.responseKey, challenge.serverChallenge(), clientChallenge, time,
                pairs);
        // with a timestamp from the host, the LM response is zeros (3.1.5.1.2); else LMv2
        byte[] lm = mic ? new byte[24]
                : concat(hmacMd5(credentials.responseKey, challenge.serverChallenge(), clientChallenge), clientChallenge);
        byte[] encryptedKey;
        if ((flags & KEY_EXCH) != 0) {
            exportedSessionKey = new byte[16];
            entropy.fill(exportedSessionKey);
            encryptedKey = rc4(response.sessionBaseKey(), exportedSessionKey);
        } else {
            exportedSessionKey = response.sessionBaseKey();
            encryptedKey = new byte[0];
        }

        byte[] domain = utf16(credentials.domain());
        byte[] user = utf16(credentials.user());
        byte[] workstation = new byte[0];
        byte[] nt = response.ntChallengeResponse();
        ByteBuffer m = ByteBuffer.allocate(AUTHENTICATE_PAYLOAD + lm.length + nt.length + domain.length + user.length
                + workstation.length + encryptedKey.length).order(ByteOrder.LITTLE_ENDIAN);
        m.put(SIGNATURE).putInt(AUTHENTICATE_MESSAGE);
        int offset = AUTHENTICATE_PAYLOAD;
        for (byte[] field : new byte[][] {lm, nt, domain, user, workstation, encryptedKey}) {
            m.putShort((short) field.length).putShort((short) field.length).putInt(offset);
            offset += field.length;
        }
        m.putInt(flags).put(CLIENT_VERSION).put(new byte[16]);
        for (byte[] field : new byte[][] {lm, nt, domain, user, workstation, encryptedKey}) {
            m.put(field);
        }
        byte[] message = m.array();
        if (mic) {
            byte[] code = hmacMd5(exportedSessionKey, negotiate, challenge.raw(), message);
            System.arraycopy(code, 0, message, MIC_OFFSET, 16);
        }
        out = new Direction(flags, exportedSessionKey, CLIENT_SIGNING, CLIENT_SEALING);
        in = new Direction(flags, exportedSessionKey, SERVER_SIGNING, SERVER_SEALING);
        return message;
    }

    /** NtChallengeResponse and SessionBaseKey of NTLMv2 (3.3.2). */
    record V2Response(byte[] ntProofStr, byte[] ntChallengeResponse, byte[] sessionBaseKey) {
    }

    static V2Response v2Response(byte[] responseKey, byte[] serverChallenge, byte[] clientChallenge, byte[] time,
                                 byte[] targetInfo) {
        byte[] temp = ByteBuffer.allocate(28 + targetInfo.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).put((byte) 1).put(new byte[6])
                .put(time).put(clientChallenge).putInt(0)
                .put(targetInfo).putInt(0)
                .array();
        byte[] proof = hmacMd5(responseKey, serverChallenge, temp);
        return new V2Response(proof, concat(proof, temp), hmacMd5(responseKey, proof));
    }

    /** NTOWFv2 (3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) + domain)). */
    static byte[] ntowfv2(String password, String user, String domain) {
        byte[] ntHash = Md4.digest(utf16(password));
        try {
            return hmacMd5(ntHash, utf16(user.toUpperCase(Locale.ROOT) + domain));
        } finally {
            Arrays.fill(ntHash, (byte) 0);
        }
    }

    /** One direction of NTLM2 session security: its signing key, its RC4 stream and its sequence number. */
    static final class Direction {
        private final byte[] signingKey;
        private final Cipher cipher;
        private final boolean keyExchange;
        private int sequence;

        Direction(int flags, byte[] exportedSessionKey, byte[] signingMagic, byte[] sealingMagic) {
            this.signingKey = md5(exportedSessionKey, signingMagic);
            this.keyExchange = (flags & KEY_EXCH) != 0;
            this.cipher = rc4Stream(md5(sealingKeyBase(flags, exportedSessionKey), sealingMagic));
        }

        /** The NTLMSSP_MESSAGE_SIGNATURE of the next message, after its bytes went through the stream. */
        byte[] signature(byte[] message) {
            byte[] seq = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(sequence).array();
            byte[] checksum = Arrays.copyOf(hmacMd5(signingKey, seq, message), 8);
            if (keyExchange) {
                checksum = update(cipher, checksum);
            }
            sequence++;
            return ByteBuffer.allocate(16).put(SIGNATURE_VERSION).put(checksum).put(seq).array();
        }

        /** The sealing key (3.4.5.3), for the test vectors. */
        static byte[] sealingKey(int flags, byte[] exportedSessionKey, byte[] magic) {
            return md5(sealingKeyBase(flags, exportedSessionKey), magic);
        }
    }

    static byte[] clientSigningKey(byte[] exportedSessionKey) {
        return md5(exportedSessionKey, CLIENT_SIGNING);
    }

    static byte[] clientSealingKey(int flags, byte[] exportedSessionKey) {
        return Direction.sealingKey(flags, exportedSessionKey, CLIENT_SEALING);
    }

    private static byte[] sealingKeyBase(int flags, byte[] exportedSessionKey) {
        if ((flags & NEGOTIATE_128) != 0) {
            return exportedSessionKey;
        }
        return Arrays.copyOf(exportedSessionKey, (flags & NEGOTIATE_56) != 0 ? 7 : 5);
    }

    /** The parts of a CHALLENGE_MESSAGE (2.2.1.2) the client uses, and the message itself, which the MIC covers. */
    record Challenge(int flags, byte[] serverChallenge, byte[] targetInfo, byte[] raw) {
        static Challenge parse(byte[] token) throws IOException {
            if (token.length < 48 || !Arrays.equals(token, 0, 8, SIGNATURE, 0, 8)) {
                throw new IOException("the host's answer is not an NTLM challenge");
            }
            ByteBuffer b = ByteBuffer.wrap(token).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(8) != CHALLENGE_MESSAGE) {
                throw new IOException("the host sent NTLM message type " + b.getInt(8) + " instead of a challenge");
            }
            int flags = b.getInt(20);
            byte[] serverChallenge = Arrays.copyOfRange(token, 24, 32);
            int length = b.getShort(40) & 0xffff;
            int offset = b.getInt(44);
            if ((flags & TARGET_INFO) == 0 || length == 0) {
                throw new IOException("the host's NTLM challenge has no target information (NTLMv2 needs it)");
            }
            if (offset < 0 || offset + (long) length > token.length) {
                throw new IOException("the host's NTLM challenge is truncated");
            }
            return new Challenge(flags, serverChallenge, Arrays.copyOfRange(token, offset, offset + length),
                    token.clone());
        }
    }

    /** The host's target information (AV_PAIRs, 2.2.2.1), as the client echoes it in its NTLMv2 response. */
    private record AvPairs(byte[] raw, int end, byte[] timestamp) {
        static AvPairs parse(byte[] data) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            byte[] timestamp = null;
            int at = 0;
            while (at + 4 <= data.length) {
                int id = b.getShort(at) & 0xffff;
                int length = b.getShort(at + 2) & 0xffff;
                if (id == AV_EOL) {
                    return new AvPairs(data, at, timestamp);
                }
                if (at + 4 + length > data.length) {
                    break;
                }
                if (id == AV_TIMESTAMP && length == 8) {
                    timestamp = Arrays.copyOfRange(data, at + 4, at + 12);
                }
                at += 4 + length;
            }
            throw new IOException("the host's NTLM target information is malformed (no MsvAvEOL)");
        }

        byte[] get(int id) {
            return id == AV_TIMESTAMP && timestamp != null ? timestamp.clone() : null;
        }

        /**
         * The pairs with MsvAvFlags announcing the MIC, and an all-zero MsvAvChannelBindings (no TLS channel), as
         * Windows' client sends them; any MsvAvFlags or binding of the host's list replaced.
         */
        byte[] withMicAndNoBinding() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(end + 40);
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int hostFlags = 0;
            for (int at = 0; at < end; ) {
                int id = b.getShort(at) & 0xffff;
                int length = b.getShort(at + 2) & 0xffff;
                if (id == AV_FLAGS && length == 4) {
                    hostFlags = b.getInt(at + 4);
                } else if (id != AV_CHANNEL_BINDINGS) {
                    out.write(raw, at, 4 + length);
                }
                at += 4 + length;
            }
            pair(out, AV_FLAGS, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(hostFlags | AV_FLAG_MIC).array());
            pair(out, AV_CHANNEL_BINDINGS, new byte[16]);
            pair(out, AV_EOL, new byte[0]);
            return out.toByteArray();
        }

        private static void pair(ByteArrayOutputStream out, int id, byte[] value) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putShort((short) id).putShort((short) value.length).array());
            out.writeBytes(value);
        }
    }

    static byte[] filetime(Instant now) {
        long ticks = now.getEpochSecond() * 10_000_000L + now.getNano() / 100 + FILETIME_EPOCH_OFFSET;
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ticks).array();
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                md5.update(part);
            }
            return md5.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        }
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacMD5", e);
        }
    }

    /** An RC4 stream whose state carries over from call to call (SunJCE's ARCFOUR). */
    static Cipher rc4Stream(byte[] key) {
        try {
            Cipher cipher = Cipher.getInstance("ARCFOUR");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no RC4 (ARCFOUR), which NTLM sealing needs", e);
        }
    }

    static byte[] rc4(byte[] key, byte[] data) {
        return update(rc4Stream(key), data);
    }

    /** The next bytes of an RC4 stream ({@code Cipher.update} answers null for nothing). */
    private static byte[] update(Cipher cipher, byte[] data) {
        byte[] out = cipher.update(data);
        return out == null ? new byte[0] : out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}
