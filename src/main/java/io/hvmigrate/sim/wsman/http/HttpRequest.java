package io.hvmigrate.sim.wsman.http;

import java.util.Locale;
import java.util.Objects;

/**
 * One request as read from the connection.
 *
 * @param method  {@code POST}, ...
 * @param target  the request target, e.g. {@code /wsman}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields
 * @param body    the body, de-chunked
 */
public record HttpRequest(String method, String target, String version, HttpHeaders headers, byte[] body) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The path without query string. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** Whether the client wants the connection kept open after the response (HTTP/1.1 default). */
    public boolean keepAlive() {
        String connection = headers.first("Connection").orElse("").toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.0")) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + target + " " + version + ", " + body.length + " bytes]";
    }
}
