package io.hvmigrate.transport.sealed;

import java.io.IOException;

/**
 * The security context of one connection: the authentication exchange that sets it up, then the sealing of every
 * message sent on that connection and the unsealing of every answer. One per TCP connection, as the WinRM service
 * keeps its context per connection; never shared between connections.
 */
interface SessionSecurity extends AutoCloseable {

    /** The HTTP authentication scheme ({@code Kerberos}, {@code Negotiate}). */
    String scheme();

    /** The {@code protocol} of {@code multipart/encrypted} under this context. */
    String protocol();

    /**
     * The next token to send, given the server's last one ({@code null} at the start).
     *
     * @return the token, or {@code null} when the context needs no more
     */
    byte[] step(byte[] fromServer) throws IOException;

    /** Whether the exchange is complete (and, for Kerberos, the server proved who it is). */
    boolean established();

    /** Seals one message: the signature and the encrypted bytes. */
    Sealed seal(byte[] message) throws IOException;

    /** Unseals one answer; fails if it was altered, replayed or reordered, or came unencrypted. */
    byte[] unseal(byte[] signature, byte[] sealed) throws IOException;

    @Override
    void close();

    /** A sealed message. */
    record Sealed(byte[] signature, byte[] sealed) {
    }
}
