package io.hvmigrate.sim.wsman.auth.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NtlmAcceptorTest {

    private static final NtlmTarget TARGET = new NtlmTarget("HV1", "LAB", "hv1.lab.test", "lab.test", true);
    private static final AccountStore ACCOUNTS = AccountStore.of(Map.of("LAB\\alice", "Pa55-alice!"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final NtlmMechanism mechanism = new NtlmMechanism(TARGET, ACCOUNTS, CLOCK, new SecureRandom());

    @Test
    void challengeNamesTheDomainAndCarriesATimestamp() throws Exception {
        NegotiateStep step = mechanism.newAcceptor(ChannelBinding.none()).step(new NtlmTestClient("LAB", "alice", "x")
                .negotiate());

        byte[] challenge = ((NegotiateStep.Continue) step).token();
        ByteBuffer buffer = NtlmMessage.little(challenge);
        AvPairs info = AvPairs.parse(NtlmMessage.field(challenge, 40), 0);
        assertThat(NtlmMessage.type(challenge)).isEqualTo(NtlmMessage.CHALLENGE);
        assertThat(new String(NtlmMessage.field(challenge, 12), StandardCharsets.UTF_16LE)).isEqualTo("LAB");
        assertThat(buffer.getInt(20) & NtlmFlags.TARGET_INFO).isNotZero();
        assertThat(buffer.getInt(20) & NtlmFlags.TARGET_TYPE_DOMAIN).isNotZero();
        assertThat(info.get(AvPairs.DNS_COMPUTER_NAME)).hasValueSatisfying(name ->
                assertThat(new String(name, StandardCharsets.UTF_16LE)).isEqualTo("hv1.lab.test"));
        assertThat(info.get(AvPairs.TIMESTAMP)).hasValueSatisfying(time -> assertThat(
                ByteBuffer.wrap(time).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo((CLOCK.instant().getEpochSecond() + 11_644_473_600L) * 10_000_000L));
    }

    @Test
    void acceptsTheRightPasswordAndDerivesTheClientsSessionKey() throws Exception {
        NtlmTestClient client = new NtlmTestClient("LAB", "alice", "Pa55-alice!");

        NegotiateStep step = handshake(mechanism.newAcceptor(ChannelBinding.none()), client);

        assertThat(step).isInstanceOfSatisfying(NegotiateStep.Accepted.class, accepted -> {
            assertThat(accepted.account().name()).isEqualTo("LAB\\alice");
            assertThat(accepted.method()).isEqualTo(AuthMethod.NTLM);
            MessageSealing.Sealed reply = accepted.sealing().orElseThrow().seal("reply".getBytes(StandardCharsets.US_ASCII));
            byte[] serverSealingKey = NtlmCrypto.md5(client.exportedSessionKey,
                    "session key to server-to-client sealing key magic constant\0".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(NtlmCrypto.rc4(serverSealingKey, reply.sealed()), StandardCharsets.US_ASCII))
                    .isEqualTo("reply");
        });
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        NegotiateStep step = handshake(mechanism.newAcceptor(ChannelBinding.none()),
                new NtlmTestClient("LAB", "alice", "guess"));

        assertThat(step).isInstanceOfSatisfying(NegotiateStep.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("wrong password").doesNotContain("guess"));
    }

    @Test
    void refusesAnUnknownAccount() throws Exception {
        assertThat(handshake(mechanism.newAcceptor(ChannelBinding.none()), new NtlmTestClient("LAB", "mallory", "x")))
                .isInstanceOf(NegotiateStep.Rejected.class);
    }

    @Test
    void refusesNtlmV1Responses() throws Exception {
        NtlmTestClient client = new NtlmTestClient("LAB", "alice", "Pa55-alice!");
        client.ntlmV1 = true;

        assertThat(handshake(mechanism.newAcceptor(ChannelBinding.none()), client))
                .isInstanceOfSatisfying(NegotiateStep.Rejected.class,
                        rejected -> assertThat(rejected.reason()).contains("NTLMv1"));
    }

    @Test
    void refusesAMessageWhoseMicDoesNotVerify() throws Exception {
        NtlmTestClient client = new NtlmTestClient("LAB", "alice", "Pa55-alice!");
        client.corruptMic = true;

        assertThat(handshake(mechanism.newAcceptor(ChannelBinding.none()), client))
                .isInstanceOfSatisfying(NegotiateStep.Rejected.class,
                        rejected -> assertThat(rejected.reason()).contains("MIC"));
    }

    @Test
    void refusesChannelBindingsOfAnotherTlsChannel() throws Exception {
        byte[] ours = new byte[32];
        byte[] theirs = new byte[32];
        theirs[0] = 1;
        NtlmTestClient relayed = new NtlmTestClient("LAB", "alice", "Pa55-alice!");
        relayed.channelBindings = NtlmAcceptor.channelBindingsHash(theirs);
        NtlmTestClient direct = new NtlmTestClient("LAB", "alice", "Pa55-alice!");
        direct.channelBindings = NtlmAcceptor.channelBindingsHash(ours);

        assertThat(handshake(mechanism.newAcceptor(ChannelBinding.tls(ours)), relayed))
                .isInstanceOf(NegotiateStep.Rejected.class);
        assertThat(handshake(mechanism.newAcceptor(ChannelBinding.tls(ours)), direct))
                .isInstanceOf(NegotiateStep.Accepted.class);
    }

    @Test
    void refusesAnAuthenticateMessageWithoutAChallenge() throws Exception {
        NtlmTestClient client = new NtlmTestClient("LAB", "alice", "Pa55-alice!");
        byte[] challenge = ((NegotiateStep.Continue) mechanism.newAcceptor(ChannelBinding.none())
                .step(client.negotiate())).token();
        byte[] authenticate = client.authenticate(challenge);

        assertThat(mechanism.newAcceptor(ChannelBinding.none()).step(authenticate))
                .isInstanceOf(NegotiateStep.Rejected.class);
    }

    @Test
    void recognizesOnlyNtlmTokens() {
        assertThat(mechanism.recognizes(new NtlmTestClient("LAB", "alice", "x").negotiate())).isTrue();
        assertThat(mechanism.recognizes(new byte[] {0x60, 0x28, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02, 0, 0}))
                .isFalse();
    }

    private static NegotiateStep handshake(NegotiateAcceptor acceptor, NtlmTestClient client) throws Exception {
        NegotiateStep challenge = acceptor.step(client.negotiate());
        return acceptor.step(client.authenticate(((NegotiateStep.Continue) challenge).token()));
    }
}
