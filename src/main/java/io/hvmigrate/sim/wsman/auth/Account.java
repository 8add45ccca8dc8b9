package io.hvmigrate.sim.wsman.auth;

import java.util.Objects;

/**
 * An account a client can authenticate as.
 *
 * @param domain   the NetBIOS domain name for a domain account ({@code LAB}) or the computer name for a local account
 *                 ({@code HV1})
 * @param user     the account name ({@code alice}, {@code Administrator})
 * @param password the password; never logged, never part of {@link #toString()}
 */
public record Account(String domain, String user, String password) {

    public Account {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (domain.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("an account needs a domain and a user name");
        }
    }

    /** The name as Windows shows it, {@code DOMAIN\\user}. */
    public String name() {
        return domain + "\\" + user;
    }

    @Override
    public String toString() {
        return "Account[" + name() + "]";
    }
}
