package io.hvmigrate.sim.wsman.auth;

/** A sealed message did not verify: wrong keys, altered bytes or a sequence number out of order. */
public final class SealingException extends Exception {

    private static final long serialVersionUID = 1L;

    public SealingException(String message) {
        super(message);
    }
}
