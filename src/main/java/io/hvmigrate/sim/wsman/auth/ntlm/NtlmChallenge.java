package io.hvmigrate.sim.wsman.auth.ntlm;

import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.ALWAYS_SIGN;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.EXTENDED_SESSIONSECURITY;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.KEY_EXCH;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.NEGOTIATE_128;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.NEGOTIATE_56;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.NTLM;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.REQUEST_TARGET;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.SEAL;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.SIGN;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.TARGET_INFO;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.TARGET_TYPE_DOMAIN;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.TARGET_TYPE_SERVER;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.UNICODE;
import static io.hvmigrate.sim.wsman.auth.ntlm.NtlmFlags.VERSION;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A CHALLENGE message ([MS-NLMP] 2.2.1.2) as a Windows Server answers: the flags it grants, a random server challenge,
 * and target information with a timestamp (which makes current clients send a MIC).
 *
 * @param flags           the flags granted
 * @param serverChallenge the 8-byte challenge
 * @param raw             the encoded message, which the MIC covers
 */
record NtlmChallenge(int flags, byte[] serverChallenge, byte[] raw) {

    /** Flags granted whenever the client asks for them; everything else NTLMv2 needs is always set. */
    private static final int GRANTABLE = SIGN | SEAL | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | NEGOTIATE_128
            | KEY_EXCH | NEGOTIATE_56;
    /** Windows Server 2022 (10.0.20348), NTLM revision 15. */
    private static final byte[] WINDOWS_VERSION = {10, 0, 0x7C, 0x4F, 0, 0, 0, 0x0F};
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    static NtlmChallenge answer(NtlmNegotiate negotiate, NtlmTarget target, byte[] serverChallenge, Instant now) {
        int flags = UNICODE | REQUEST_TARGET | NTLM | TARGET_INFO | VERSION
                | (target.domainJoined() ? TARGET_TYPE_DOMAIN : TARGET_TYPE_SERVER)
                | (negotiate.flags() & GRANTABLE);
        byte[] targetName = utf16(target.netbiosDomain());
        AvPairs.Builder info = AvPairs.builder()
                .add(AvPairs.NB_DOMAIN_NAME, utf16(target.netbiosDomain()))
                .add(AvPairs.NB_COMPUTER_NAME, utf16(target.computerName()))
                .add(AvPairs.DNS_DOMAIN_NAME, utf16(target.dnsDomain()))
                .add(AvPairs.DNS_COMPUTER_NAME, utf16(target.dnsComputerName()));
        if (target.domainJoined()) {
            info.add(AvPairs.DNS_TREE_NAME, utf16(target.dnsDomain()));
        }
        info.add(AvPairs.TIMESTAMP, filetime(now));
        byte[] targetInfo = info.build();

        int payload = 56;
        ByteBuffer header = ByteBuffer.allocate(payload).order(ByteOrder.LITTLE_ENDIAN);
        header.put(NtlmMessage.SIGNATURE).putInt(NtlmMessage.CHALLENGE);
        header.putShort((short) targetName.length).putShort((short) targetName.length).putInt(payload);
        header.putInt(flags);
        header.put(serverChallenge);
        header.putLong(0);
        header.putShort((short) targetInfo.length).putShort((short) targetInfo.length)
                .putInt(payload + targetName.length);
        header.put(WINDOWS_VERSION);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(header.array());
        message.writeBytes(targetName);
        message.writeBytes(targetInfo);
        return new NtlmChallenge(flags, serverChallenge.clone(), message.toByteArray());
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] filetime(Instant now) {
        long ticks = now.getEpochSecond() * 10_000_000L + now.getNano() / 100 + FILETIME_EPOCH_OFFSET;
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ticks).array();
    }
}
