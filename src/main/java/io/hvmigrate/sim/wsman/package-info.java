/**
 * The WS-Management listener of one simulated host: {@link io.hvmigrate.sim.wsman.WsmanEndpoint} serves the Windows
 * Remote Shell (Create, Command, Receive, Signal, Delete) over HTTP or HTTPS on loopback, authenticates clients
 * against an {@link io.hvmigrate.sim.wsman.auth.AccountStore}, and hands every command line to a
 * {@link io.hvmigrate.sim.wsman.ShellHost}. {@link io.hvmigrate.sim.wsman.TransportFaults} make the transport
 * misbehave on purpose.
 *
 * <p>Answers follow Windows: the same envelopes, fault codes and texts, the same refusals (Basic only for local
 * accounts and only over TLS, no plaintext bodies over HTTP unless AllowUnencrypted, 30 shells per user).
 */
package io.hvmigrate.sim.wsman;
