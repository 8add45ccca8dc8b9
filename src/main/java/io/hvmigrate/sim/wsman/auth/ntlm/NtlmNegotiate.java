package io.hvmigrate.sim.wsman.auth.ntlm;

/**
 * A NEGOTIATE message ([MS-NLMP] 2.2.1.1): what the client asks for.
 *
 * @param flags the requested flags
 * @param raw   the message as received, which the MIC covers
 */
record NtlmNegotiate(int flags, byte[] raw) {

    static NtlmNegotiate parse(byte[] token) throws NtlmFormatException {
        if (NtlmMessage.type(token) != NtlmMessage.NEGOTIATE || token.length < 16) {
            throw new NtlmFormatException("expected a NEGOTIATE message");
        }
        return new NtlmNegotiate(NtlmMessage.little(token).getInt(12), token.clone());
    }
}
