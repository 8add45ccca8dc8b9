package io.hvmigrate.directory;

import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.transport.Secrets;
import java.time.Duration;

/** The directory backend the inventory asks for. */
public final class Directories {
    private Directories() {}

    /**
     * LDAP when the inventory has {@code directory: {kind: ldap, …}}, otherwise the ActiveDirectory cmdlets on a
     * management host. The LDAP connection is opened when first used and closed with the backend.
     */
    public static DirectoryBackend of(Inventory inventory, HostConnections hosts, Secrets secrets, Duration limit) {
        Inventory.DirectoryRef ref = inventory.directory();
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
