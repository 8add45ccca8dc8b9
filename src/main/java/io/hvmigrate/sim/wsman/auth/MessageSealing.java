package io.hvmigrate.sim.wsman.auth;

/**
 * The message protection of an established security context (GSS_WrapEx / GSS_UnwrapEx): what WinRM uses to encrypt
 * SOAP bodies over plain HTTP. One instance belongs to one TCP connection and is used by one request at a time; both
 * directions keep their own sequence numbers and cipher state.
 */
public interface MessageSealing {

    /** The {@code protocol} parameter of {@code multipart/encrypted}. */
    String protocol();

    /** Decrypts a message from the client and verifies its signature and sequence number. */
    byte[] unseal(byte[] signature, byte[] sealed) throws SealingException;

    /** Encrypts and signs a message to the client. */
    Sealed seal(byte[] message);

    /** A sealed message and its signature. */
    record Sealed(byte[] signature, byte[] sealed) {
    }
}
