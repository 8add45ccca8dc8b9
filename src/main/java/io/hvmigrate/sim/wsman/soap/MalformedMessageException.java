package io.hvmigrate.sim.wsman.soap;

/** An encrypted body does not follow the {@code multipart/encrypted} framing. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
