package io.hvmigrate.sim.wsman;

import java.util.Arrays;
import java.util.Optional;

/** The WS-Management actions of the Windows Remote Shell, as {@code wsa:Action} URIs name them. */
public enum WsmanAction {

    CREATE("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"),
    COMMAND("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command"),
    RECEIVE("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive"),
    SEND("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send"),
    SIGNAL("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal"),
    DELETE("http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete"),
    /** Any other action (Get, Enumerate, ...): answered with the ActionNotSupported fault. */
    OTHER(null),
    /** An envelope without a {@code wsa:Action}. */
    NONE(null);

    private final String uri;

    WsmanAction(String uri) {
        this.uri = uri;
    }

    /** The action URI; empty for {@link #OTHER} and {@link #NONE}. */
    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    /** The URI of the response to this action ({@code ...Response}). */
    public String responseUri() {
        return uri().map(u -> u + "Response").orElseThrow(() -> new IllegalStateException(name() + " has no response"));
    }

    public static WsmanAction of(String uri) {
        if (uri == null) {
            return NONE;
        }
        String trimmed = uri.trim();
        return Arrays.stream(values())
                .filter(action -> action.uri != null && action.uri.equals(trimmed))
                .findFirst()
                .orElse(OTHER);
    }
}
