package io.hvmigrate.sim.wsman.auth.ntlm;

import java.nio.ByteBuffer;

/**
 * An AUTHENTICATE message ([MS-NLMP] 2.2.1.3).
 *
 * @param flags                     the flags the client settled on
 * @param lmResponse                LmChallengeResponse
 * @param ntResponse                NtChallengeResponse (an NTLMv2 response is longer than 24 bytes)
 * @param domain                    the domain as the client sent it
 * @param user                      the user as the client sent it
 * @param workstation               the client's computer name
 * @param encryptedRandomSessionKey the exported session key under the key exchange key, when KEY_EXCH is set
 * @param raw                       the message as received
 */
record NtlmAuthenticate(int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
                        String workstation, byte[] encryptedRandomSessionKey, byte[] raw) {

    /** Where the MIC sits when present: after the 64-byte header and the 8-byte version. */
    static final int MIC_OFFSET = 72;
    static final int MIC_LENGTH = 16;

    static NtlmAuthenticate parse(byte[] token) throws NtlmFormatException {
        if (NtlmMessage.type(token) != NtlmMessage.AUTHENTICATE || token.length < 64) {
            throw new NtlmFormatException("expected an AUTHENTICATE message");
        }
        ByteBuffer buffer = NtlmMessage.little(token);
        int flags = buffer.getInt(60);
        return new NtlmAuthenticate(flags,
                NtlmMessage.field(token, 12),
                NtlmMessage.field(token, 20),
                NtlmMessage.text(NtlmMessage.field(token, 28), flags),
                NtlmMessage.text(NtlmMessage.field(token, 36), flags),
                NtlmMessage.text(NtlmMessage.field(token, 44), flags),
                NtlmMessage.field(token, 52),
                token.clone());
    }

    /** The MIC field, when the message is long enough to hold one. */
    byte[] mic() throws NtlmFormatException {
        if (raw.length < MIC_OFFSET + MIC_LENGTH) {
            throw new NtlmFormatException("message announces a MIC it does not carry");
        }
        byte[] mic = new byte[MIC_LENGTH];
        System.arraycopy(raw, MIC_OFFSET, mic, 0, MIC_LENGTH);
        return mic;
    }

    /** The message with its MIC zeroed, as the MIC is computed. */
    byte[] withMicZeroed() {
        byte[] copy = raw.clone();
        java.util.Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH, (byte) 0);
        return copy;
    }

    @Override
    public String toString() {
        return "NtlmAuthenticate[" + domain + "\\" + user + " from " + workstation + "]";
    }
}
