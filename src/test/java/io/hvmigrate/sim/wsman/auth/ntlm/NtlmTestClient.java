package io.hvmigrate.sim.wsman.auth.ntlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal NTLMv2 client written from [MS-NLMP] 3.1.5 for acceptor tests, with knobs to produce what well-behaved
 * clients never send (NTLMv1 responses, bad MICs, foreign channel bindings). Its primitives are the ones the
 * specification vectors check in {@link NtlmSealingTest}; interoperability is proven by the real clients.
 */
final class NtlmTestClient {

    static final int FLAGS = NtlmFlags.UNICODE | NtlmFlags.REQUEST_TARGET | NtlmFlags.SIGN | NtlmFlags.SEAL
            | NtlmFlags.NTLM | NtlmFlags.ALWAYS_SIGN | NtlmFlags.EXTENDED_SESSIONSECURITY | NtlmFlags.VERSION
            | NtlmFlags.NEGOTIATE_128 | NtlmFlags.KEY_EXCH | NtlmFlags.NEGOTIATE_56;

    private final String domain;
    private final String user;
    private final String password;
    byte[] negotiate;
    byte[] exportedSessionKey = new byte[16];
    boolean ntlmV1;
    boolean corruptMic;
    byte[] channelBindings = new byte[16];

    NtlmTestClient(String domain, String user, String password) {
        this.domain = domain;
        this.user = user;
        this.password = password;
        Arrays.fill(exportedSessionKey, (byte) 0x42);
    }

    byte[] negotiate() {
        ByteBuffer message = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        message.put(NtlmMessage.SIGNATURE).putInt(NtlmMessage.NEGOTIATE).putInt(FLAGS);
        message.putShort((short) 0).putShort((short) 0).putInt(40);
        message.putShort((short) 0).putShort((short) 0).putInt(40);
        message.put(new byte[] {10, 0, 0x7C, 0x4F, 0, 0, 0, 0x0F});
        negotiate = message.array();
        return negotiate.clone();
    }

    byte[] authenticate(byte[] challenge) throws NtlmFormatException {
        ByteBuffer in = NtlmMessage.little(challenge);
        int flags = in.getInt(20) & FLAGS;
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        byte[] targetInfo = NtlmMessage.field(challenge, 40);
        AvPairs serverInfo = AvPairs.parse(targetInfo, 0);
        byte[] timestamp = serverInfo.get(AvPairs.TIMESTAMP).orElse(new byte[8]);

        // the client's AV pairs: the server's, then MsvAvFlags (MIC present) and channel bindings, then EOL
        byte[] withoutEol = Arrays.copyOf(targetInfo, targetInfo.length - 4);
        byte[] clientInfo = NtlmSealingTest.concat(withoutEol,
                avPair(AvPairs.FLAGS, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(AvPairs.FLAG_MIC_PRESENT).array()),
                avPair(AvPairs.CHANNEL_BINDINGS, channelBindings),
                new byte[4]);
        byte[] blob = NtlmSealingTest.concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, timestamp,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new byte[4], clientInfo, new byte[4]);
        byte[] responseKey = NtlmCrypto.ntowfv2(password, user, domain);
        byte[] proof = NtlmCrypto.hmacMd5(responseKey, serverChallenge, blob);
        byte[] nt = ntlmV1 ? Arrays.copyOf(proof, 24) : NtlmSealingTest.concat(proof, blob);
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
        byte[] encryptedKey = NtlmCrypto.rc4(sessionBaseKey, exportedSessionKey);

        byte[] domainBytes = domain.getBytes(StandardCharsets.UTF_16LE);
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] workstation = "CLIENT".getBytes(StandardCharsets.UTF_16LE);
        byte[] lm = new byte[24];
        int payload = 88;
        int domainAt = payload;
        int userAt = domainAt + domainBytes.length;
        int workstationAt = userAt + userBytes.length;
        int lmAt = workstationAt + workstation.length;
        int ntAt = lmAt + lm.length;
        int keyAt = ntAt + nt.length;
        ByteBuffer out = ByteBuffer.allocate(keyAt + encryptedKey.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(NtlmMessage.SIGNATURE).putInt(NtlmMessage.AUTHENTICATE);
        field(out, 12, lm.length, lmAt);
        field(out, 20, nt.length, ntAt);
        field(out, 28, domainBytes.length, domainAt);
        field(out, 36, userBytes.length, userAt);
        field(out, 44, workstation.length, workstationAt);
        field(out, 52, encryptedKey.length, keyAt);
        out.putInt(60, flags);
        out.put(64, new byte[] {10, 0, 0x7C, 0x4F, 0, 0, 0, 0x0F});
        out.position(payload);
        out.put(domainBytes).put(userBytes).put(workstation).put(lm).put(nt).put(encryptedKey);
        byte[] message = out.array();
        byte[] mic = NtlmCrypto.hmacMd5(exportedSessionKey, negotiate, challenge, message);
        if (corruptMic) {
            mic[0] ^= 1;
        }
        System.arraycopy(mic, 0, message, NtlmAuthenticate.MIC_OFFSET, 16);
        return message;
    }

    private static void field(ByteBuffer out, int offset, int length, int at) {
        out.putShort(offset, (short) length).putShort(offset + 2, (short) length).putInt(offset + 4, at);
    }

    private static byte[] avPair(int id, byte[] value) {
        return NtlmSealingTest.concat(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) id).putShort((short) value.length).array(), value);
    }
}
