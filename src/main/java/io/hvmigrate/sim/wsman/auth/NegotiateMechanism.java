package io.hvmigrate.sim.wsman.auth;

/**
 * A security mechanism offered under {@code WWW-Authenticate: Negotiate}. Windows' Negotiate package accepts raw
 * NTLMSSP tokens as well as SPNEGO and Kerberos ones; the endpoint gives a client's first token to the first mechanism
 * that recognizes it. NTLM is built in; Kerberos is added as another mechanism.
 */
public interface NegotiateMechanism {

    /** Whether this mechanism can start an exchange with this first token. */
    boolean recognizes(byte[] firstToken);

    /** A fresh acceptor for one exchange on one connection. */
    NegotiateAcceptor newAcceptor(ChannelBinding binding);
}
