package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.auth.Account;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the account name a client typed into the account it means, as a Windows domain member does: {@code user@dns}
 * (UPN) and {@code DOMAIN\\user} forms, the DNS domain for the NetBIOS one, the host's own names and {@code .} for the
 * local computer, and an empty domain meaning the local computer first, then the host's domain.
 */
final class AccountResolver implements AccountStore {

    private final HostIdentity host;
    private final AccountStore store;

    AccountResolver(HostIdentity host, AccountStore store) {
        this.host = host;
        this.store = store;
    }

    @Override
    public Optional<Account> find(String domain, String user) {
        String name = user == null ? "" : user.trim();
        String realm = domain == null ? "" : domain.trim();
        if (realm.isEmpty()) {
            int backslash = name.indexOf('\\');
            int at = name.lastIndexOf('@');
            if (backslash > 0) {
                realm = name.substring(0, backslash);
                name = name.substring(backslash + 1);
            } else if (at > 0) {
                realm = name.substring(at + 1);
                name = name.substring(0, at);
            }
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (String candidate : candidates(realm)) {
            Optional<Account> account = store.find(candidate, name);
            if (account.isPresent()) {
                return account;
            }
        }
        return Optional.empty();
    }

    /** Whether the account is one of this computer's local accounts (the only ones Basic authentication accepts). */
    boolean isLocal(Account account) {
        return account.domain().equalsIgnoreCase(host.computerName());
    }

    private List<String> candidates(String realm) {
        List<String> candidates = new ArrayList<>();
        if (realm.isEmpty() || realm.equals(".")) {
            candidates.add(host.computerName());
            if (host.domainJoined()) {
                candidates.add(host.netbiosDomain());
            }
        } else if (realm.equalsIgnoreCase(host.fqdn()) || realm.equalsIgnoreCase(host.computerName())) {
            candidates.add(host.computerName());
        } else if (host.domainJoined() && realm.equalsIgnoreCase(host.dnsDomain())) {
            candidates.add(host.netbiosDomain());
        } else {
            candidates.add(realm);
        }
        return candidates;
    }
}
