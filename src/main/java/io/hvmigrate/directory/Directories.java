package io.hvmigrate.directory;

import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.transport.Secrets;
import java.time.Duration;
import java.util.Locale;

/** The directory backend the inventory asks for. */
public final class Directories {
    private Directories() {}

    /**
     * LDAP from hvmigrate's own host unless the inventory names a management host: {@code directory: {kind: ldap, …}}
     * as written; {@code directory: {via: HOST}}, the ActiveDirectory cmdlets of that host (a domain controller: on any
     * other host the module makes a second hop to a DC that a WinRM logon cannot make); and without a {@code directory:}
     * block, {@link #defaultRef the hosts' own domain}, its DCs found by DNS SRV. The LDAP connection is opened when first
     * used and closed with the backend.
     *
     * @param dnsServer the DNS server that names the DCs when the inventory does not ({@code directory.dns}), or null
     *                  for the system's
     */
    public static DirectoryBackend of(Inventory inventory, HostConnections hosts, Secrets secrets, Duration limit, String dnsServer) {
        if (inventory.directory() == null && inventory.directoryVia() != null) {
            return PowerShellDirectory.backend(hosts, limit, inventory.directoryVia());
        }
        Inventory.DirectoryRef ref = inventory.directory() != null ? withDns(inventory.directory(), dnsServer)
                : defaultRef(inventory, dnsServer);
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

    private static Inventory.DirectoryRef withDns(Inventory.DirectoryRef ref, String dnsServer) {
        if (ref.url() != null || ref.dnsServer() != null || dnsServer == null || dnsServer.isBlank()) {
            return ref;
        }
        return new Inventory.DirectoryRef(ref.url(), ref.baseDn(), ref.user(), ref.credential(), ref.kerberosPrincipal(),
                ref.keytab(), ref.caFile(), ref.domain(), dnsServer.trim());
    }

    /**
     * The directory of an inventory without a {@code directory:} block, as a domain member's own tools find it: the
     * domain of the first host's FQDN, its DCs from DNS ({@code _ldap._tcp.dc._msdcs.<domain>} SRV, lowest priority
     * first, the next when one does not answer), reached over {@code ldap://} sealed by a Kerberos bind, so no DC
     * certificate is needed. The bind is the hosts' own account: {@code LAB\svc} or {@code svc@LAB.TEST} with the hosts'
     * credential — a password or a keytab — (the KDC from krb5.conf), or, for hosts given no account, the ticket cache's.
     */
    public static Inventory.DirectoryRef defaultRef(Inventory inventory, String dnsServer) {
        Inventory.HostEndpoint first = inventory.hosts().getFirst();
        String domain = Names.domainOf(first.fqdn());
        if (domain == null) {
            domain = first.fqdn().toLowerCase(Locale.ROOT);
        }
        String principal = principal(first.user(), domain);
        io.hvmigrate.model.CredentialRef credential = first.user() == null ? null : first.credential();
        java.nio.file.Path keytab = null;
        if (credential != null && credential.source() == io.hvmigrate.model.CredentialRef.Source.KEYTAB) {
            keytab = java.nio.file.Path.of(credential.target());
            credential = null;
        }
        return new Inventory.DirectoryRef(null, null, null, credential, principal, keytab, null, domain,
                dnsServer == null || dnsServer.isBlank() ? null : dnsServer.trim());
    }

    /**
     * The Kerberos principal of a Windows account name: {@code LAB\svc} → {@code svc@<REALM of the hosts' domain>},
     * {@code svc@LAB.TEST} with its realm upper-cased; empty (the ticket cache's own principal) for none.
     */
    static String principal(String user, String domain) {
        if (user == null || user.isBlank()) {
            return "";
        }
        String u = user.trim();
        int slash = u.indexOf('\\');
        if (slash >= 0) {
            return u.substring(slash + 1) + "@" + domain.toUpperCase(Locale.ROOT);
        }
        int at = u.lastIndexOf('@');
        return at >= 0 ? u.substring(0, at) + "@" + u.substring(at + 1).toUpperCase(Locale.ROOT)
                : u + "@" + domain.toUpperCase(Locale.ROOT);
    }
}
