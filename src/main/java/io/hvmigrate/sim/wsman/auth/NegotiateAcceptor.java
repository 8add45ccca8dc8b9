package io.hvmigrate.sim.wsman.auth;

/** The server side of one authentication exchange on one connection. */
public interface NegotiateAcceptor {

    /** Consumes the client's next token. */
    NegotiateStep step(byte[] token);
}
