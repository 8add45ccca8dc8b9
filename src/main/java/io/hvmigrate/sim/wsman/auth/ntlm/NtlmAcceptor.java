package io.hvmigrate.sim.wsman.auth.ntlm;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
import io.hvmigrate.sim.wsman.auth.Account;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.ChannelBinding;
import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.NegotiateAcceptor;
import io.hvmigrate.sim.wsman.auth.NegotiateStep;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * One NTLM exchange on one connection: NEGOTIATE → CHALLENGE, then AUTHENTICATE verified as a Windows server with
 * LAN Manager authentication level 5 verifies it (NTLMv2 only). Wrong credentials are refused at once, with no
 * artificial delay.
 */
final class NtlmAcceptor implements NegotiateAcceptor {

    private enum State { AWAITING_NEGOTIATE, AWAITING_AUTHENTICATE, DONE }

    /** RespType, HiRespType, reserved (6), timestamp (8), client challenge (8), reserved (4): then the AV pairs. */
    private static final int BLOB_AV_PAIRS_OFFSET = 28;
    private static final int NT_PROOF_LENGTH = 16;

    private final NtlmTarget target;
    private final AccountStore accounts;
    private final ChannelBinding binding;
    private final Clock clock;
    private final SecureRandom random;
    private State state = State.AWAITING_NEGOTIATE;
    private NtlmNegotiate negotiate;
    private NtlmChallenge challenge;

    NtlmAcceptor(NtlmTarget target, AccountStore accounts, ChannelBinding binding, Clock clock, SecureRandom random) {
        this.target = target;
        this.accounts = accounts;
        this.binding = binding;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public NegotiateStep step(byte[] token) {
        try {
            int type = NtlmMessage.type(token);
            if (type == NtlmMessage.NEGOTIATE && state != State.DONE) {
                // a NEGOTIATE on a connection mid-exchange starts the exchange over, as SSPI does
                negotiate = NtlmNegotiate.parse(token);
                byte[] serverChallenge = new byte[8];
                random.nextBytes(serverChallenge);
                challenge = NtlmChallenge.answer(negotiate, target, serverChallenge, clock.instant());
                state = State.AWAITING_AUTHENTICATE;
                return new NegotiateStep.Continue(challenge.raw());
            }
            if (type == NtlmMessage.AUTHENTICATE && state == State.AWAITING_AUTHENTICATE) {
                state = State.DONE;
                return verify(NtlmAuthenticate.parse(token));
            }
            state = State.DONE;
            return new NegotiateStep.Rejected("NTLM message type " + type + " out of order");
        } catch (NtlmFormatException e) {
            state = State.DONE;
            return new NegotiateStep.Rejected("malformed NTLM message: " + e.getMessage());
        }
    }

    private NegotiateStep verify(NtlmAuthenticate authenticate) throws NtlmFormatException {
        byte[] nt = authenticate.ntResponse();
        if (nt.length <= 24) {
            return new NegotiateStep.Rejected("LM and NTLMv1 responses are refused (LAN Manager authentication level 5)");
        }
        if (nt.length < NT_PROOF_LENGTH + BLOB_AV_PAIRS_OFFSET) {
            return new NegotiateStep.Rejected("NTLMv2 response too short");
        }
        if (authenticate.user().isEmpty()) {
            return new NegotiateStep.Rejected("anonymous logon refused");
        }
        Optional<Account> account = accounts.find(authenticate.domain(), authenticate.user());
        if (account.isEmpty()) {
            return new NegotiateStep.Rejected("no account " + authenticate.domain() + "\\" + authenticate.user());
        }
        byte[] responseKey = NtlmCrypto.ntowfv2(account.get().password(), authenticate.user(), authenticate.domain());
        byte[] proof = Arrays.copyOf(nt, NT_PROOF_LENGTH);
        byte[] blob = Arrays.copyOfRange(nt, NT_PROOF_LENGTH, nt.length);
        byte[] expectedProof = NtlmCrypto.hmacMd5(responseKey, challenge.serverChallenge(), blob);
        if (!NtlmCrypto.same(expectedProof, proof)) {
            return new NegotiateStep.Rejected("wrong password for " + account.get().name());
        }
        AvPairs clientInfo = AvPairs.parse(blob, BLOB_AV_PAIRS_OFFSET);

        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
        int flags = authenticate.flags();
        byte[] exportedSessionKey = NtlmFlags.has(flags, NtlmFlags.KEY_EXCH)
                && authenticate.encryptedRandomSessionKey().length == 16
                ? NtlmCrypto.rc4(sessionBaseKey, authenticate.encryptedRandomSessionKey())
                : sessionBaseKey;

        if ((clientInfo.flags() & AvPairs.FLAG_MIC_PRESENT) != 0) {
            byte[] mic = NtlmCrypto.hmacMd5(exportedSessionKey, negotiate.raw(), challenge.raw(),
                    authenticate.withMicZeroed());
            if (!NtlmCrypto.same(mic, authenticate.mic())) {
                return new NegotiateStep.Rejected("MIC does not verify");
            }
        }
        Optional<byte[]> clientBinding = clientInfo.get(AvPairs.CHANNEL_BINDINGS);
        if (clientBinding.isPresent() && !allZero(clientBinding.get()) && binding.tlsServerEndPoint().isPresent()) {
            // CbtHardeningLevel=Relaxed, Windows' default: a binding the client sends must match this channel
            if (!NtlmCrypto.same(clientBinding.get(), channelBindingsHash(binding.tlsServerEndPoint().get()))) {
                return new NegotiateStep.Rejected("channel binding does not match this TLS channel");
            }
        }
        Optional<MessageSealing> sealing = NtlmSealing.available(flags)
                ? Optional.of(new NtlmSealing(flags, exportedSessionKey))
                : Optional.empty();
        return new NegotiateStep.Accepted(account.get(), AuthMethod.NTLM, sealing, Optional.empty());
    }

    /** MD5 of a gss_channel_bindings_struct holding only application data {@code tls-server-end-point:<hash>}. */
    static byte[] channelBindingsHash(byte[] tlsServerEndPoint) {
        byte[] prefix = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
        byte[] applicationData = new byte[prefix.length + tlsServerEndPoint.length];
        System.arraycopy(prefix, 0, applicationData, 0, prefix.length);
        System.arraycopy(tlsServerEndPoint, 0, applicationData, prefix.length, tlsServerEndPoint.length);
        ByteBuffer struct = ByteBuffer.allocate(20 + applicationData.length).order(ByteOrder.LITTLE_ENDIAN);
        struct.putInt(0).putInt(0).putInt(0).putInt(0); // no initiator or acceptor addresses
        struct.putInt(applicationData.length).put(applicationData);
        return NtlmCrypto.md5(struct.array());
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
