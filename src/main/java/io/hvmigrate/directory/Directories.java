package io.hvmigrate.directory;

import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.transport.Secrets;
import java.time.Duration;

/** The directory backend the inventory asks for. */
public final class Directories {
    private Directories() {}

    /**
     * LDAP when the inventory has {@code directory: {kind: ldap, …}}; the ActiveDirectory cmdlets of the management
     * host it names with {@code directory: {via: HOST}}; otherwise those of the host the caller picks (discovery: the
     * first host it read), a second hop to a DC unless that host is one. The LDAP connection is opened when first used
     * and closed with the backend.
     */
    public static DirectoryBackend of(Inventory inventory, HostConnections hosts, Secrets secrets, Duration limit) {
        Inventory.DirectoryRef ref = inventory.directory();
        if (ref == null && inventory.directoryVia() != null) {
            return PowerShellDirectory.backend(hosts, limit, inventory.directoryVia());
        }
        if (ref == null) {
            return PowerShellDirectory.backend(hosts, limit);
        }
        LdapDirectory ldap = new LdapDirectory(ref, () -> {
            if (ref.credential() == null) {
                return null;
            }
            try {
                return secrets.read(ref.credential());
            } catch (Secrets.Missing e) {
                throw new IllegalStateException("the directory's bind password: " + e.getMessage());
            }
        }, limit);
        return new DirectoryBackend() {
            @Override
            public Directory through(String managementHost) {
                return ldap;
            }

            @Override
            public boolean needsManagementHost() {
                return false;
            }

            @Override
            public void close() {
                ldap.close();
            }
        };
    }
}
