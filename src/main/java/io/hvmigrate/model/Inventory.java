package io.hvmigrate.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the fleet: hosts and their WinRM endpoints, clusters, file servers. What the hosts are (cluster
 * membership, VMs, settings, delegation) is discovered, not declared here.
 *
 * @param file        where it was read from
 * @param caFile      a PEM file of certificate authorities to trust for HTTPS (in addition to the JVM's), or null
 * @param hosts       Hyper-V hosts
 * @param clusters    failover clusters
 * @param fileServers file servers and Scale-Out File Server access points that hold VM storage
 * @param directory   the directory over LDAP as the inventory writes it, or null: with no {@code directoryVia}, LDAP
 *                    to the DCs of the hosts' domain (see {@code Directories.defaultRef})
 * @param directoryVia the inventory host whose ActiveDirectory cmdlets read and write the directory
 *                     ({@code directory: {via: HOST}}: a management host that is a domain controller), or null
 */
public record Inventory(Path file, Path caFile, List<HostEndpoint> hosts, List<ClusterRef> clusters,
                        List<FileServerRef> fileServers, DirectoryRef directory, String directoryVia, Index index) {

    public Inventory(Path file, Path caFile, List<HostEndpoint> hosts, List<ClusterRef> clusters, List<FileServerRef> fileServers) {
        this(file, caFile, hosts, clusters, fileServers, null, null);
    }

    public Inventory(Path file, Path caFile, List<HostEndpoint> hosts, List<ClusterRef> clusters,
                     List<FileServerRef> fileServers, DirectoryRef directory) {
        this(file, caFile, hosts, clusters, fileServers, directory, null);
    }

    public Inventory(Path file, Path caFile, List<HostEndpoint> hosts, List<ClusterRef> clusters,
                     List<FileServerRef> fileServers, DirectoryRef directory, String directoryVia) {
        this(file, caFile, hosts, clusters, fileServers, directory, directoryVia, null);
    }

    public Inventory {
        hosts = List.copyOf(hosts);
        clusters = List.copyOf(clusters);
        fileServers = List.copyOf(fileServers);
        index = new Index(new NameIndex<>(hosts, h -> java.util.Arrays.asList(h.name(), h.fqdn(), h.netbios())),
                new NameIndex<>(clusters, c -> java.util.Arrays.asList(c.name(), c.fqdn())),
                new NameIndex<>(fileServers, f -> java.util.Arrays.asList(f.name(), f.fqdn(), f.netbios())));
    }

    /**
     * Look-ups by name without scanning. Part of the record only to live beside the lists it indexes: it equals every
     * other index, so inventories compare by their content alone.
     */
    public record Index(NameIndex<HostEndpoint> hosts, NameIndex<ClusterRef> clusters, NameIndex<FileServerRef> fileServers) {
        @Override
        public String toString() {
            return "Index";
        }
    }

    /** A host by its inventory name, FQDN or NetBIOS name. */
    public Optional<HostEndpoint> host(String name) {
        return index.hosts().get(name);
    }

    public Optional<ClusterRef> cluster(String name) {
        return index.clusters().get(name);
    }

    public Optional<FileServerRef> fileServer(String name) {
        return index.fileServers().get(name);
    }

    /**
     * One Hyper-V host's WinRM endpoint.
     *
     * @param name                 the name playbooks use
     * @param fqdn                 DNS name (also the name Kerberos and delegation use)
     * @param netbios              NetBIOS name
     * @param address              where to connect (a DNS name or an IP address); defaults to the FQDN
     * @param transport            https (default) or http
     * @param port                 5986 for https, 5985 for http unless set
     * @param auth                 kerberos (default) or ntlm
     * @param user                 the account, {@code LAB\svc-hvmigrate} or {@code svc-hvmigrate@LAB.TEST}; null means the current
     *                             Kerberos identity
     * @param credential           where the password is kept, or null (Kerberos with a ticket cache)
     * @param skipCertificateCheck accept any server certificate for this host only (warned about on every run)
     */
    public record HostEndpoint(String name, String fqdn, String netbios, String address, Transport transport, int port,
                               Auth auth, String user, CredentialRef credential, boolean skipCertificateCheck) {

        public boolean answersTo(String n) {
            return Names.same(name, n) || Names.same(fqdn, n) || Names.same(netbios, n);
        }
    }

    public enum Transport { HTTPS, HTTP }

    public enum Auth { KERBEROS, NTLM }

    public record ClusterRef(String name, String fqdn) {}

    /**
     * A file server or Scale-Out File Server. For a SOFS, {@code name} is the client access point that SMB paths use
     * and that delegation must name; {@code nodes} are the servers behind it.
     */
    public record FileServerRef(String name, String fqdn, String netbios, FileServerKind kind, List<String> nodes,
                                List<ShareRef> shares) {
        public FileServerRef {
            nodes = List.copyOf(nodes);
            shares = List.copyOf(shares);
        }

        public boolean answersTo(String n) {
            return Names.same(name, n) || Names.same(fqdn, n) || Names.same(netbios, n);
        }
    }

    public enum FileServerKind { FILE_SERVER, SOFS }

    /**
     * A share of a file server and who may use it. A WinRM session on a host cannot test a share for the host (that
     * would be a second hop), so who has Full Control is declared here and copied into the facts.
     */
    public record ShareRef(String name, List<String> fullControl) {
        public ShareRef {
            fullControl = List.copyOf(fullControl);
        }
    }

    /**
     * Active Directory over LDAP: LDAPS ({@code ldaps://}), StartTLS ({@code ldap://}), or {@code ldap://} sealed by a
     * Kerberos bind; the server's certificate checked against {@code caFile} (or the JVM's authorities when null).
     * Either a simple bind ({@code user} and {@code credential}) or a Kerberos (GSSAPI) bind as {@code kerberosPrincipal}
     * (empty: the ticket cache's), from {@code keytab}, else with {@code credential}'s password, else the ticket cache.
     *
     * @param url       {@code ldaps://dc1.lab.test:636} or {@code ldap://dc1.lab.test}; or null: a DC of {@code domain}
     *                  found by DNS SRV ({@code _ldap._tcp.dc._msdcs.<domain>})
     * @param baseDn    where accounts and trusts are searched, e.g. {@code DC=lab,DC=test}; null: the server's default
     *                  naming context
     * @param domain    with no url, the domain whose DCs the DNS names
     * @param dnsServer with no url, the DNS server to ask ({@code host[:port]}), or null for the system's
     */
    public record DirectoryRef(java.net.URI url, String baseDn, String user, CredentialRef credential, String kerberosPrincipal,
                               Path keytab, Path caFile, String domain, String dnsServer) {

        public DirectoryRef(java.net.URI url, String baseDn, String user, CredentialRef credential, String kerberosPrincipal,
                            Path keytab, Path caFile) {
            this(url, baseDn, user, credential, kerberosPrincipal, keytab, caFile, null, null);
        }

        public boolean kerberos() {
            return kerberosPrincipal != null;
        }

        public boolean startTls() {
            return url == null || "ldap".equalsIgnoreCase(url.getScheme());
        }
    }
}
