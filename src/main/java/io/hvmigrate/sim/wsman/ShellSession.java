package io.hvmigrate.sim.wsman;

/**
 * A remote shell and the identity that opened it.
 *
 * @param shellId       the ShellId the endpoint handed out
 * @param user          the authenticated account as Windows names it, {@code DOMAIN}<code>&#92;</code>{@code user}
 * @param method        how the client authenticated; it decides what the logon can do (a network logon by NTLM or
 *                      Kerberos holds no credential the host could delegate)
 * @param clientAddress the client's address, e.g. {@code 127.0.0.1}
 */
public record ShellSession(String shellId, String user, AuthMethod method, String clientAddress) {

    public enum AuthMethod { BASIC, NTLM, KERBEROS }
}
