package io.hvmigrate.load;

import io.hvmigrate.model.CredentialRef;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Inventory.Auth;
import io.hvmigrate.model.Inventory.ClusterRef;
import io.hvmigrate.model.Inventory.FileServerKind;
import io.hvmigrate.model.Inventory.FileServerRef;
import io.hvmigrate.model.Inventory.HostEndpoint;
import io.hvmigrate.model.Inventory.Transport;
import io.hvmigrate.model.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inventory file: its shape (and JSON Schema) and how it is read. */
public final class InventoryFormat {
    private InventoryFormat() {}

    private static final String PASSWORD_MESSAGE = "passwords are never written in an inventory";
    private static final String PASSWORD_FIX = "keep the password in an environment variable or a file readable only by you, and write credential: env:NAME or credential: file:PATH";

    static Shape.Str credential() {
        return Shape.string("where the password is kept: env:NAME or file:PATH; for auth: kerberos also keytab:PATH (no password)").secret().check(v ->
                CredentialRef.parse(v) != null ? null
                        // the value may be a password: never echo it
                        : "credential must be a reference (env:NAME, NAME an environment variable's name, or file:PATH), not a"
                        + " password | fix: " + PASSWORD_FIX);
    }

    private static Shape.Obj connection(String title, String description) {
        return Shape.object(title, description)
                .optional("transport", Shape.string("WinRM transport").values("https", "http"))
                .optional("port", Shape.integer("WinRM port (5986 for https, 5985 for http)", 1, 65535))
                .optional("auth", Shape.string("WinRM authentication").values("kerberos", "ntlm"))
                .optional("user", Shape.string("the account, LAB\\svc-hvmigrate or svc-hvmigrate@LAB.TEST"))
                .optional("credential", credential())
                .forbid("password", PASSWORD_MESSAGE, PASSWORD_FIX);
    }

    public static final Shape.Obj SHAPE = Shape.object("hvmigrate inventory",
                    "how hvmigrate reaches the Hyper-V hosts; what they are is discovered")
            .optional("version", Shape.integer("inventory format version", 1, 1))
            .optional("tls", Shape.object(null, "TLS settings")
                    .optional("caFile", Shape.string("a PEM file of certificate authorities to trust, relative to this file")))
            .optional("directory", Shape.object(null, "Active Directory over LDAP from hvmigrate's own host (kind, url, bind), "
                            + "or through the ActiveDirectory PowerShell module of a management host that is a domain controller "
                            + "(via); without it, over LDAP to the DCs of the first host's domain (DNS SRV), bound with the "
                            + "hosts' account by Kerberos")
                    .optional("via", Shape.string("an inventory host that is a domain controller: its ActiveDirectory module "
                            + "reads and writes the directory"))
                    .optional("kind", Shape.string("ldap: hvmigrate reads and writes the directory itself").values("ldap"))
                    .optional("domain", Shape.string("instead of url: the domain whose domain controllers DNS names "
                            + "(_ldap._tcp.dc._msdcs.<domain> SRV); hvmigrate talks to the first over ldap:// (StartTLS, or "
                            + "sealed by a Kerberos bind)").pattern(NamePatterns.FQDN, NamePatterns.FQDN_HINT))
                    .optional("dns", Shape.string("with domain: the DNS server to ask, host[:port]; default: the system's"))
                    .optional("url", Shape.string("ldaps://DC:636 (LDAPS) or ldap://DC (StartTLS; with a Kerberos bind, sealed by Kerberos); never unencrypted")
                            .pattern("(?i)ldaps?://[^/\\s?#]+(:[0-9]{1,5})?/?", "ldaps://dc1.example.com:636 or ldap://dc1.example.com"))
                    .optional("baseDn", Shape.string("where accounts and trusts are searched, e.g. DC=lab,DC=test; default: the domain the server holds"))
                    .optional("caFile", Shape.string("a PEM file of authorities that sign the server's certificate, relative to this file; default: the JVM's"))
                    .optional("bind", Shape.object(null, "how hvmigrate signs in to the directory")
                            .optional("user", Shape.string("simple bind: a DN, user@REALM or DOMAIN\\user"))
                            .optional("credential", credential())
                            .optional("kerberos", Shape.object(null, "Kerberos (GSSAPI) bind")
                                    .required("principal", Shape.string("svc-hvmigrate@LAB.TEST"))
                                    .optional("keytab", Shape.string("a keytab for the principal, relative to this file; default: the ticket cache")))
                            .forbid("password", PASSWORD_MESSAGE, PASSWORD_FIX)
                            .exactlyOneOf("user", "kerberos"))
                    .exactlyOneOf("url", "domain", "via")
                    .forbid("password", PASSWORD_MESSAGE, PASSWORD_FIX))
            .optional("defaults", connection(null, "connection settings every host inherits"))
            .required("hosts", Shape.list("Hyper-V hosts", connection(null, "a Hyper-V host")
                    .required("name", Shape.string("the name playbooks use").pattern(NamePatterns.HOST, NamePatterns.HOST_HINT))
                    .required("fqdn", Shape.string("the host's DNS name").pattern(NamePatterns.FQDN, NamePatterns.FQDN_HINT))
                    .optional("netbios", Shape.string("NetBIOS name; defaults to the first label of fqdn, upper-case").pattern(NamePatterns.NETBIOS, NamePatterns.NETBIOS_HINT))
                    .optional("address", Shape.string("where to connect: a DNS name or an IP address; defaults to fqdn").check(NamePatterns::checkAddress))
                    .optional("insecureSkipCertificateCheck", Shape.bool("accept any certificate from this host (warned about on every run)")), 1))
            .optional("clusters", Shape.list("failover clusters", Shape.object(null, "a failover cluster")
                    .required("name", Shape.string("the cluster name").pattern(NamePatterns.HOST, NamePatterns.HOST_HINT))
                    .optional("fqdn", Shape.string("the cluster name object's DNS name").pattern(NamePatterns.FQDN, NamePatterns.FQDN_HINT)), 0))
            .optional("fileServers", Shape.list("file servers and Scale-Out File Servers holding VM storage", Shape.object(null, "a file server")
                    .required("name", Shape.string("the name SMB paths use (for a SOFS: its client access point)").pattern(NamePatterns.HOST, NamePatterns.HOST_HINT))
                    .optional("fqdn", Shape.string("DNS name").pattern(NamePatterns.FQDN, NamePatterns.FQDN_HINT))
                    .optional("netbios", Shape.string("NetBIOS name").pattern(NamePatterns.NETBIOS, NamePatterns.NETBIOS_HINT))
                    .optional("kind", Shape.string("file server or Scale-Out File Server").values("file-server", "sofs"))
                    .optional("nodes", Shape.list("the servers behind a SOFS access point", Shape.string("a server name"), 0))
                    .optional("shares", Shape.list("its shares that hold VM files", Shape.object(null, "a share")
                            .required("name", Shape.string("share name"))
                            .optional("fullControl", Shape.list("hosts and clusters whose computer accounts have Full Control on the share and its folder",
                                    Shape.string("a host or cluster"), 0)), 0)), 0));

    /**
     * Reads and checks an inventory. {@code transport: http} is accepted with either {@code auth}: the engine seals
     * every message it sends over plain HTTP with the connection's Kerberos or NTLM keys.
     */
    public static Inventory load(Path file) {
        Node root = LocatedYaml.read(file, Document.INVENTORY);
        Problems problems = new Problems();
        SHAPE.check(root, problems);
        Inventory inv = bind(file, root, problems);
        problems.throwIfAny();
        return inv;
    }

    static Inventory bind(Path file, Node root, Problems problems) {
        if (!(root instanceof Node.MapNode m)) {
            return new Inventory(file, null, List.of(), List.of(), List.of());
        }
        Node.MapNode defaults = Fields.map(m, "defaults").orElse(null);
        Path caFile = Fields.map(m, "tls").flatMap(t -> Fields.string(t, "caFile"))
                .map(p -> resolve(file, p)).orElse(null);
        if (caFile != null) {
            checkCaFile(caFile, Fields.at(Fields.map(m, "tls").orElseThrow(), "caFile"), problems);
        }

        List<HostEndpoint> hosts = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node n : Fields.list(m, "hosts")) {
            if (!(n instanceof Node.MapNode h)) {
                continue;
            }
            Optional<String> name = Fields.string(h, "name");
            Optional<String> fqdn = Fields.string(h, "fqdn");
            if (name.isEmpty() || fqdn.isEmpty()) {
                continue;
            }
            for (String alias : List.of(name.get(), fqdn.get())) {
                Node prev = seen.putIfAbsent(Names.key(alias), h);
                if (prev != null && prev != h) {
                    problems.add(Fields.at(h, "name"), "host '" + alias + "' is listed twice (first at " + prev.location() + ")", "remove one of the entries");
                }
            }
            Transport transport = Fields.choice(setting(h, defaults, "transport"), Transport.class, Transport.HTTPS);
            int port = Fields.integer(h, "port").or(() -> defaults == null ? Optional.empty() : Fields.integer(defaults, "port"))
                    .map(Long::intValue).orElse(transport == Transport.HTTPS ? 5986 : 5985);
            Auth auth = Fields.choice(setting(h, defaults, "auth"), Auth.class, Auth.KERBEROS);
            CredentialRef cred = setting(h, defaults, "credential").map(CredentialRef::parse).orElse(null);
            String user = setting(h, defaults, "user").orElse(null);
            if (auth == Auth.NTLM && (user == null || cred == null)) {
                problems.add(h, "host '" + name.get() + "' uses NTLM but has no " + (user == null ? "user" : "credential"),
                        "set user: and credential: on the host or under defaults:");
            }
            if (cred != null && cred.source() == CredentialRef.Source.KEYTAB) {
                if (auth == Auth.NTLM) {
                    problems.add(h, "host '" + name.get() + "' uses NTLM, which needs a password, but its credential is a keytab",
                            "use auth: kerberos with the keytab, or credential: env:NAME / file:PATH for NTLM");
                } else if (user == null) {
                    problems.add(h, "host '" + name.get() + "' has a keytab but no user: the keytab holds the key of one principal",
                            "set user: svc-hvmigrate@REALM (the principal the keytab holds)");
                } else if (!java.nio.file.Files.isReadable(resolve(file, cred.target()))) {
                    problems.add(h, "host '" + name.get() + "': keytab " + resolve(file, cred.target()) + " cannot be read",
                            "check the path (it is relative to the inventory file)");
                }
                cred = new CredentialRef(CredentialRef.Source.KEYTAB, resolve(file, cred.target()).toString());
            }
            String netbios = Fields.string(h, "netbios").orElse(Names.netbiosOf(fqdn.get()));
            hosts.add(new HostEndpoint(name.get(), fqdn.get(), netbios, Fields.string(h, "address").orElse(fqdn.get()),
                    transport, port, auth, user, cred, Fields.bool(h, "insecureSkipCertificateCheck", false)));
        }

        List<ClusterRef> clusters = new ArrayList<>();
        for (Node n : Fields.list(m, "clusters")) {
            if (n instanceof Node.MapNode c && Fields.string(c, "name").isPresent()) {
                String cname = Fields.string(c, "name").get();
                if (seen.putIfAbsent(Names.key(cname), c) != null) {
                    problems.add(Fields.at(c, "name"), "name '" + cname + "' is used twice in the inventory", "give the cluster and the host different names");
                }
                clusters.add(new ClusterRef(cname, Fields.string(c, "fqdn").orElse(null)));
            }
        }

        List<FileServerRef> fileServers = new ArrayList<>();
        for (Node n : Fields.list(m, "fileServers")) {
            if (n instanceof Node.MapNode f && Fields.string(f, "name").isPresent()) {
                String fname = Fields.string(f, "name").get();
                if (seen.putIfAbsent(Names.key(fname), f) != null) {
                    problems.add(Fields.at(f, "name"), "name '" + fname + "' is used twice in the inventory", "give each entry its own name");
                }
                FileServerKind kind = "sofs".equalsIgnoreCase(Fields.string(f, "kind", "file-server")) ? FileServerKind.SOFS : FileServerKind.FILE_SERVER;
                String ffqdn = Fields.string(f, "fqdn").orElse(null);
                List<Inventory.ShareRef> shares = new ArrayList<>();
                for (Node sn : Fields.list(f, "shares")) {
                    if (sn instanceof Node.MapNode sh && Fields.string(sh, "name").isPresent()) {
                        shares.add(new Inventory.ShareRef(Fields.string(sh, "name").get(), Fields.strings(sh, "fullControl")));
                    }
                }
                fileServers.add(new FileServerRef(fname, ffqdn,
                        Fields.string(f, "netbios").orElse(Names.netbiosOf(ffqdn == null ? fname : ffqdn)), kind, Fields.strings(f, "nodes"), shares));
            }
        }
        return new Inventory(file, caFile, hosts, clusters, fileServers, directory(file, m, problems),
                directoryVia(m, hosts, problems));
    }

    /** {@code directory: {via: HOST}}: an inventory host; LDAP's keys do not go with it, and LDAP needs them. */
    private static String directoryVia(Node.MapNode m, List<Inventory.HostEndpoint> hosts, Problems problems) {
        Optional<Node.MapNode> dir = Fields.map(m, "directory");
        if (dir.isEmpty()) {
            return null;
        }
        Optional<String> via = Fields.string(dir.get(), "via");
        if (via.isEmpty()) {
            for (String k : List.of("kind", "bind")) {
                if (dir.get().entry(k).isEmpty() && (dir.get().entry("url").isPresent() || dir.get().entry("domain").isPresent())) {
                    problems.add(dir.get(), "missing key '" + k + "' in the directory over LDAP",
                            "add '" + k + ":'" + (k.equals("kind") ? " (ldap)" : " (user: and credential:, or kerberos:)"));
                }
            }
            return null;
        }
        for (String k : List.of("kind", "bind", "baseDn", "caFile", "dns")) {
            dir.get().entry(k).ifPresent(e -> problems.add(e.keyLocation(), "'" + k + "' is for the directory over LDAP; "
                    + "with via: the management host's ActiveDirectory module reads the directory", "remove '" + k
                    + ":', or remove via: and read the directory over LDAP"));
        }
        Optional<Inventory.HostEndpoint> host = hosts.stream().filter(h -> h.answersTo(via.get())).findFirst();
        if (host.isEmpty()) {
            problems.add(Fields.at(dir.get(), "via"), "directory via: '" + via.get() + "' is not a host of this inventory",
                    "name a host listed under hosts: (a management host that is a domain controller), or read the "
                    + "directory over LDAP (kind: ldap, url:, bind:)");
            return null;
        }
        return host.get().name();
    }

    private static Inventory.DirectoryRef directory(Path file, Node.MapNode m, Problems problems) {
        Optional<Node.MapNode> dir = Fields.map(m, "directory");
        Optional<String> url = dir.flatMap(d -> Fields.string(d, "url"));
        Optional<String> domain = dir.flatMap(d -> Fields.string(d, "domain"));
        Optional<Node.MapNode> bind = dir.flatMap(d -> Fields.map(d, "bind"));
        if (dir.isEmpty() || (url.isEmpty() && domain.isEmpty()) || bind.isEmpty()) {
            return null;
        }
        java.net.URI uri = null;
        if (url.isPresent()) {
            try {
                uri = new java.net.URI(url.get().trim());
            } catch (java.net.URISyntaxException e) {
                return null; // the shape's pattern said what is wrong
            }
        }
        Path ca = Fields.string(dir.get(), "caFile").map(p -> resolve(file, p)).orElse(null);
        if (ca != null) {
            checkCaFile(ca, Fields.at(dir.get(), "caFile"), problems);
        }
        String user = Fields.string(bind.get(), "user").orElse(null);
        CredentialRef cred = Fields.string(bind.get(), "credential").map(CredentialRef::parse).orElse(null);
        Optional<Node.MapNode> krb = Fields.map(bind.get(), "kerberos");
        if (user != null && cred == null) {
            problems.add(bind.get(), "a simple bind as '" + user + "' needs a credential", "add credential: env:NAME or credential: file:PATH");
        }
        if (krb.isPresent() && bind.get().entry("credential").isPresent()) {
            problems.add(Fields.at(bind.get(), "credential"), "a Kerberos bind takes no credential (the keytab or ticket cache holds the key)",
                    "remove credential:, or bind with user: instead of kerberos:");
        }
        Path keytab = krb.flatMap(k -> Fields.string(k, "keytab")).map(p -> resolve(file, p)).orElse(null);
        if (keytab != null && !java.nio.file.Files.isReadable(keytab)) {
            problems.add(Fields.at(krb.get(), "keytab"), "keytab " + keytab + " cannot be read", "check the path (it is relative to the inventory file)");
        }
        String baseDn = Fields.string(dir.get(), "baseDn").orElse(null);
        if (baseDn != null && !com.unboundid.ldap.sdk.DN.isValidDN(baseDn)) {
            problems.add(Fields.at(dir.get(), "baseDn"), "baseDn '" + baseDn + "' is not a distinguished name", "write it as DC=lab,DC=test");
        }
        return new Inventory.DirectoryRef(uri, baseDn, user, cred, krb.flatMap(k -> Fields.string(k, "principal")).orElse(null), keytab, ca,
                uri == null ? domain.get().trim().toLowerCase(java.util.Locale.ROOT) : null,
                uri == null ? Fields.string(dir.get(), "dns").orElse(null) : null);
    }

    /** The most a CA file holds: a bundle of every public authority is a few hundred KiB. */
    private static final long CA_FILE_MAX = 4L << 20;

    /** A CA file must be a readable file of certificates (PEM, as TLS set-up reads it), said at the caFile: that names it. */
    private static void checkCaFile(Path ca, Location at, Problems problems) {
        String fix = "name a PEM file of certificates (-----BEGIN CERTIFICATE-----); the path is relative to the inventory file";
        try {
            if (!java.nio.file.Files.isRegularFile(ca) || !java.nio.file.Files.isReadable(ca)) {
                problems.add(at, "CA file " + ca + " cannot be read" + (java.nio.file.Files.isDirectory(ca) ? ": it is a folder" : ""),
                        "check the path (it is relative to the inventory file)");
                return;
            }
            if (java.nio.file.Files.size(ca) > CA_FILE_MAX) {
                problems.add(at, "CA file " + ca + " is larger than 4 MiB: not a file of certificates", fix);
                return;
            }
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(ca)) {
                if (java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                    problems.add(at, "CA file " + ca + " holds no certificate", fix);
                }
            }
        } catch (java.security.cert.CertificateException e) {
            problems.add(at, "CA file " + ca + " is not a file of certificates (PEM): it cannot be read as X.509", fix);
        } catch (java.io.IOException e) {
            problems.add(at, "CA file " + ca + " cannot be read: " + e.getClass().getSimpleName(), "check the path and its permissions");
        }
    }

    private static Optional<String> setting(Node.MapNode host, Node.MapNode defaults, String key) {
        return Fields.string(host, key).or(() -> defaults == null ? Optional.empty() : Fields.string(defaults, key));
    }

    static Path resolve(Path base, String p) {
        Path path = Path.of(p);
        if (path.isAbsolute() || base == null) {
            return path;
        }
        Path dir = base.toAbsolutePath().getParent();
        return dir == null ? path : dir.resolve(path).normalize();
    }
}
