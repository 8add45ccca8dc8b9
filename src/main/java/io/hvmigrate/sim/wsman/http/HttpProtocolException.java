package io.hvmigrate.sim.wsman.http;

import java.io.IOException;

/** The bytes on the connection are not an HTTP request this server accepts; it answers with {@link #status()}. */
public final class HttpProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
