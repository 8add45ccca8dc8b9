package io.hvmigrate.sim.wsman.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an endpoint looks up the accounts clients authenticate as. The endpoint has already turned what the client
 * sent into a NetBIOS domain or computer name (a DNS domain name, {@code user@dns.domain}, {@code .} and an empty
 * domain are resolved before the store is asked).
 */
@FunctionalInterface
public interface AccountStore {

    /**
     * The account {@code domain\\user}, if it exists.
     *
     * @param domain a NetBIOS domain name or a computer name, in any case
     * @param user   the account name, in any case
     */
    Optional<Account> find(String domain, String user);

    /** A store holding no account. */
    static AccountStore empty() {
        return (domain, user) -> Optional.empty();
    }

    /**
     * A fixed store from {@code DOMAIN\\user → password}; names compare without regard to case, as Windows compares
     * account names.
     */
    static AccountStore of(Map<String, String> passwordsByName) {
        Map<String, Account> accounts = new HashMap<>();
        passwordsByName.forEach((name, password) -> {
            int slash = name.indexOf('\\');
            if (slash <= 0 || slash == name.length() - 1) {
                throw new IllegalArgumentException("account names are DOMAIN\\user: " + name);
            }
            Account account = new Account(name.substring(0, slash), name.substring(slash + 1), password);
            accounts.put(key(account.domain(), account.user()), account);
        });
        Map<String, Account> frozen = Map.copyOf(accounts);
        return (domain, user) -> Optional.ofNullable(frozen.get(key(domain, user)));
    }

    private static String key(String domain, String user) {
        return domain.toUpperCase(Locale.ROOT) + "\\" + user.toLowerCase(Locale.ROOT);
    }
}
