package io.hvmigrate.sim.world.ad;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The directory held in memory, built from the fleet file. Thread-safe. */
public final class InMemoryDirectory implements Directory {
    private final Map<String, ComputerAccount> computers = new LinkedHashMap<>();
    private final List<UserAccount> users = new ArrayList<>();

    public synchronized void add(ComputerAccount account) {
        computers.put(account.samAccountName().toLowerCase(Locale.ROOT), account);
    }

    public synchronized void add(UserAccount account) {
        users.add(account);
    }

    @Override
    public synchronized Optional<ComputerAccount> computer(String identity) {
        return computers.values().stream().filter(c -> DirectorySnapshot.Identities.matchesComputer(c, identity))
                .findFirst();
    }

    @Override
    public synchronized List<ComputerAccount> computers() {
        return List.copyOf(computers.values());
    }

    @Override
    public synchronized Optional<UserAccount> user(String identity) {
        return users.stream().filter(u -> DirectorySnapshot.Identities.matchesUser(u, identity)).findFirst();
    }

    private ComputerAccount require(String identity) throws DirectoryException {
        return computer(identity).orElseThrow(() -> new DirectoryException(identity, "no computer '" + identity + "'"));
    }

    private void put(ComputerAccount c) {
        computers.put(c.samAccountName().toLowerCase(Locale.ROOT), c);
    }

    @Override
    public synchronized void addAllowedToDelegateTo(String identity, Collection<String> spns)
            throws DirectoryException {
        ComputerAccount c = require(identity);
        List<String> values = new ArrayList<>(c.allowedToDelegateTo());
        for (String s : spns) {
            if (values.stream().noneMatch(v -> v.equalsIgnoreCase(s))) {
                values.add(s);
            }
        }
        put(c.withDelegateTo(values));
    }

    @Override
    public synchronized void removeAllowedToDelegateTo(String identity, Collection<String> spns)
            throws DirectoryException {
        ComputerAccount c = require(identity);
        List<String> values = new ArrayList<>(c.allowedToDelegateTo());
        values.removeIf(v -> spns.stream().anyMatch(v::equalsIgnoreCase));
        put(c.withDelegateTo(values));
    }

    @Override
    public synchronized void replaceAllowedToDelegateTo(String identity, Collection<String> spns)
            throws DirectoryException {
        put(require(identity).withDelegateTo(List.copyOf(spns)));
    }

    @Override
    public synchronized void setAccountControl(String identity, int bits, boolean on) throws DirectoryException {
        ComputerAccount c = require(identity);
        put(c.withAccountControl(on ? c.userAccountControl() | bits : c.userAccountControl() & ~bits));
    }

    @Override
    public synchronized void setPrincipalsAllowedToDelegateToAccount(String identity, List<String> principals)
            throws DirectoryException {
        put(require(identity).withPrincipalsAllowed(principals == null ? List.of() : List.copyOf(principals)));
    }

    @Override
    public synchronized void setServicePrincipalNames(String identity, List<String> spns) throws DirectoryException {
        put(require(identity).withSpns(spns));
    }

    @Override
    public synchronized DirectorySnapshot snapshot() {
        return new DirectorySnapshot(List.copyOf(computers.values()), List.copyOf(users));
    }
}
