package io.hvmigrate.sim.world.ad;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The directory's accounts at one moment. */
public record DirectorySnapshot(List<ComputerAccount> computers, List<UserAccount> users) {
    public DirectorySnapshot {
        computers = List.copyOf(computers);
        users = List.copyOf(users);
    }

    public Optional<ComputerAccount> computer(String identity) {
        return computers.stream().filter(c -> Identities.matchesComputer(c, identity)).findFirst();
    }

    public Optional<UserAccount> user(String identity) {
        return users.stream().filter(u -> Identities.matchesUser(u, identity)).findFirst();
    }

    /** Identity matching shared by the in-memory directory and snapshots. */
    static final class Identities {
        private Identities() {}

        static boolean matchesComputer(ComputerAccount c, String identity) {
            String id = identity.toLowerCase(Locale.ROOT);
            int slash = id.indexOf('\\');
            if (slash >= 0) {
                id = id.substring(slash + 1);
            }
            return id.equals(c.name().toLowerCase(Locale.ROOT))
                    || id.equals(c.samAccountName().toLowerCase(Locale.ROOT))
                    || id.equals(c.distinguishedName().toLowerCase(Locale.ROOT))
                    || id.equals(c.dnsHostName().toLowerCase(Locale.ROOT))
                    || id.equals(c.objectGuid().toString());
        }

        static boolean matchesUser(UserAccount u, String identity) {
            String id = identity.toLowerCase(Locale.ROOT);
            int slash = id.indexOf('\\');
            if (slash >= 0) {
                id = id.substring(slash + 1);
            }
            int at = id.indexOf('@');
            if (at >= 0) {
                id = id.substring(0, at);
            }
            return id.equals(u.samAccountName().toLowerCase(Locale.ROOT))
                    || id.equals(u.distinguishedName().toLowerCase(Locale.ROOT));
        }
    }
}
