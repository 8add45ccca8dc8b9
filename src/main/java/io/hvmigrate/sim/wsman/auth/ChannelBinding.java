package io.hvmigrate.sim.wsman.auth;

import java.util.Optional;

/**
 * What binds an authentication to the TLS channel it happened on: the {@code tls-server-end-point} value of the
 * server certificate (RFC 5929), or nothing over plain HTTP.
 */
public record ChannelBinding(Optional<byte[]> tlsServerEndPoint) {

    public static ChannelBinding none() {
        return new ChannelBinding(Optional.empty());
    }

    public static ChannelBinding tls(byte[] tlsServerEndPoint) {
        return new ChannelBinding(Optional.of(tlsServerEndPoint.clone()));
    }
}
