package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
import io.hvmigrate.sim.wsman.auth.Account;
import java.util.Locale;

/** Who sent a request: the authenticated account, how, and from where. */
record Caller(Account account, AuthMethod method, String clientAddress) {

    /** The key shells are owned by: the account, whatever case the client typed it in. */
    String owner() {
        return account.name().toUpperCase(Locale.ROOT);
    }
}
