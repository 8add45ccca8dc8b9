package io.hvmigrate.sim.wsman.auth.ntlm;

/** A token is not a well-formed NTLM message. */
final class NtlmFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    NtlmFormatException(String message) {
        super(message);
    }
}
