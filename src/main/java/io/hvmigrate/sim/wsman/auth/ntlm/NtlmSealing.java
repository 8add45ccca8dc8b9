package io.hvmigrate.sim.wsman.auth.ntlm;

import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.SealingException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NTLM2 session security, server side ([MS-NLMP] 3.4): messages from the client are unsealed with the
 * client-to-server keys, messages to the client sealed with the server-to-client keys. Each direction has its own RC4
 * stream, continued from message to message, and its own sequence number starting at 0.
 */
final class NtlmSealing implements MessageSealing {

    static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";

    private static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");
    private static final byte[] SIGNATURE_VERSION = {1, 0, 0, 0};

    private final boolean keyExchange;
    private final byte[] clientSigningKey;
    private final byte[] serverSigningKey;
    private final NtlmCrypto.Rc4 fromClient;
    private final NtlmCrypto.Rc4 toClient;
    private int incomingSequence;
    private int outgoingSequence;

    /**
     * @param flags              the negotiated flags (must include extended session security)
     * @param exportedSessionKey the session key both sides derived
     */
    NtlmSealing(int flags, byte[] exportedSessionKey) {
        this.keyExchange = NtlmFlags.has(flags, NtlmFlags.KEY_EXCH);
        this.clientSigningKey = NtlmCrypto.md5(exportedSessionKey, CLIENT_SIGNING);
        this.serverSigningKey = NtlmCrypto.md5(exportedSessionKey, SERVER_SIGNING);
        byte[] sealBase = sealingKeyBase(flags, exportedSessionKey);
        this.fromClient = new NtlmCrypto.Rc4(NtlmCrypto.md5(sealBase, CLIENT_SEALING));
        this.toClient = new NtlmCrypto.Rc4(NtlmCrypto.md5(sealBase, SERVER_SEALING));
    }

    /** Whether the negotiated flags allow sealing as WinRM uses it. */
    static boolean available(int flags) {
        return NtlmFlags.has(flags, NtlmFlags.SEAL) && NtlmFlags.has(flags, NtlmFlags.EXTENDED_SESSIONSECURITY);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public byte[] unseal(byte[] signature, byte[] sealed) throws SealingException {
        if (signature.length != 16 || !Arrays.equals(signature, 0, 4, SIGNATURE_VERSION, 0, 4)) {
            throw new SealingException("not an NTLMSSP_MESSAGE_SIGNATURE");
        }
        byte[] message = fromClient.process(sealed);
        byte[] expected = sign(clientSigningKey, incomingSequence, message, fromClient);
        if (!NtlmCrypto.same(expected, signature)) {
            throw new SealingException("signature or sequence number does not verify");
        }
        incomingSequence++;
        return message;
    }

    @Override
    public Sealed seal(byte[] message) {
        byte[] sealed = toClient.process(message);
        byte[] signature = sign(serverSigningKey, outgoingSequence, message, toClient);
        outgoingSequence++;
        return new Sealed(signature, sealed);
    }

    /** SIGN with extended session security: the checksum is HMAC-MD5 over sequence + message, RC4'd with key exchange. */
    private byte[] sign(byte[] signingKey, int sequence, byte[] message, NtlmCrypto.Rc4 cipher) {
        byte[] sequenceBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(sequence).array();
        byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signingKey, sequenceBytes, message), 8);
        if (keyExchange) {
            checksum = cipher.process(checksum);
        }
        return ByteBuffer.allocate(16).put(SIGNATURE_VERSION).put(checksum).put(sequenceBytes).array();
    }

    private static byte[] sealingKeyBase(int flags, byte[] exportedSessionKey) {
        if (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128)) {
            return exportedSessionKey;
        }
        return Arrays.copyOf(exportedSessionKey, NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5);
    }

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}
