/**
 * The small HTTP/1.1 layer under the WS-Management endpoint: requests are read from and responses written to one
 * socket at a time, so that authentication (which NTLM binds to the TCP connection) and message sealing stay with the
 * connection they belong to. Only what WinRM clients use is supported: {@code Content-Length} and chunked bodies,
 * {@code Expect: 100-continue}, persistent connections.
 */
package io.hvmigrate.sim.wsman.http;
