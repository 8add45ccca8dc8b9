package io.hvmigrate.sim.wsman.auth.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Framing shared by the three NTLM messages. */
final class NtlmMessage {

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int NEGOTIATE = 1;
    static final int CHALLENGE = 2;
    static final int AUTHENTICATE = 3;

    private NtlmMessage() {
    }

    /** Whether the token is an NTLM message (as opposed to SPNEGO or Kerberos). */
    static boolean isNtlm(byte[] token) {
        return token.length >= 12 && Arrays.equals(token, 0, 8, SIGNATURE, 0, 8);
    }

    /** The message type, after checking the signature. */
    static int type(byte[] token) throws NtlmFormatException {
        if (!isNtlm(token)) {
            throw new NtlmFormatException("not an NTLMSSP message");
        }
        return little(token).getInt(8);
    }

    static ByteBuffer little(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes a security buffer (length, allocated, offset) at {@code fieldOffset} points to. */
    static byte[] field(byte[] message, int fieldOffset) throws NtlmFormatException {
        if (fieldOffset + 8 > message.length) {
            throw new NtlmFormatException("message too short for its fields");
        }
        ByteBuffer buffer = little(message);
        int length = buffer.getShort(fieldOffset) & 0xFFFF;
        int offset = buffer.getInt(fieldOffset + 4);
        if (length == 0) {
            return new byte[0];
        }
        if (offset < 0 || offset + (long) length > message.length) {
            throw new NtlmFormatException("field points outside the message");
        }
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    static String text(byte[] bytes, int flags) {
        return new String(bytes, NtlmFlags.has(flags, NtlmFlags.UNICODE)
                ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }
}
