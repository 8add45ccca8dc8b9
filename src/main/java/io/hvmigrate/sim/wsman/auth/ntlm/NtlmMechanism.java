package io.hvmigrate.sim.wsman.auth.ntlm;

import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.ChannelBinding;
import io.hvmigrate.sim.wsman.auth.NegotiateAcceptor;
import io.hvmigrate.sim.wsman.auth.NegotiateMechanism;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/** NTLM under Negotiate: recognizes raw NTLMSSP tokens, as WinRM4J and requests-ntlm send them. */
public final class NtlmMechanism implements NegotiateMechanism {

    private final NtlmTarget target;
    private final AccountStore accounts;
    private final Clock clock;
    private final SecureRandom random;

    public NtlmMechanism(NtlmTarget target, AccountStore accounts) {
        this(target, accounts, Clock.systemUTC(), new SecureRandom());
    }

    public NtlmMechanism(NtlmTarget target, AccountStore accounts, Clock clock, SecureRandom random) {
        this.target = Objects.requireNonNull(target, "target");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public boolean recognizes(byte[] firstToken) {
        return NtlmMessage.isNtlm(firstToken);
    }

    @Override
    public NegotiateAcceptor newAcceptor(ChannelBinding binding) {
        return new NtlmAcceptor(target, accounts, binding, clock, random);
    }
}
