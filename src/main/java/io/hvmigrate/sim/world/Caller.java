package io.hvmigrate.sim.world;

/**
 * Who started an operation and how they logged on. A WinRM network logon (NTLM, Kerberos or Basic) holds no credential
 * the host could pass on: VMMS can then act for the user only through Kerberos constrained delegation with protocol
 * transition, or resource-based delegation.
 *
 * @param account {@code DOMAIN}&#92;{@code user} (or a bare user name)
 * @param logon   how the user is logged on to the host the operation runs on
 */
public record Caller(String account, Logon logon) {

    public enum Logon {
        /** Console or Remote Desktop on the host: a forwardable ticket and cached credentials exist. */
        INTERACTIVE,
        /** A session authenticated with CredSSP: the user's credentials were delegated to the host. */
        CREDSSP,
        /** A WinRM network logon (NTLM, Kerberos, Basic): nothing delegable. */
        NETWORK
    }

    public static Caller network(String account) {
        return new Caller(account, Logon.NETWORK);
    }

    public static Caller interactive(String account) {
        return new Caller(account, Logon.INTERACTIVE);
    }
}
