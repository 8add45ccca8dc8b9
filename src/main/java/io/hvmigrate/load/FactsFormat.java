package io.hvmigrate.load;

import io.hvmigrate.model.Cidr;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.AuthType;
import io.hvmigrate.model.Facts.ClusterFacts;
import io.hvmigrate.model.Facts.ClusterGroup;
import io.hvmigrate.model.Facts.ComputerAccount;
import io.hvmigrate.model.Facts.DirectoryFacts;
import io.hvmigrate.model.Facts.Disk;
import io.hvmigrate.model.Facts.Domain;
import io.hvmigrate.model.Facts.FileServerFacts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.Memory;
import io.hvmigrate.model.Facts.MigrationNetwork;
import io.hvmigrate.model.Facts.MigrationSettings;
import io.hvmigrate.model.Facts.PerformanceOption;
import io.hvmigrate.model.Facts.Processor;
import io.hvmigrate.model.Facts.Share;
import io.hvmigrate.model.Facts.Trust;
import io.hvmigrate.model.Facts.TrustType;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Facts.Volume;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A facts snapshot: what discovery reads from the hosts, in the same shape whether it was discovered live, saved with
 * {@code hvmigrate discover --out FILE}, or written by hand for planning offline.
 */
public final class FactsFormat {
    private FactsFormat() {}

    static Shape size(String description) {
        return Shape.oneOf(description, Shape.integer(description + " in bytes", 0, Long.MAX_VALUE),
                Shape.string(description + " (" + Units.SIZE_HINT + ")").check(Units::checkSize));
    }

    private static final Shape.Obj VOLUME = Shape.object(null, "a volume")
            .required("path", Shape.string("the volume's path, e.g. D:\\ or C:\\ClusterStorage\\Volume1"))
            .optional("free", size("free space"));

    private static final Shape.Obj MIGRATION = Shape.object(null, "Get-VMHost live-migration settings")
            .optional("enabled", Shape.bool("VirtualMachineMigrationEnabled"))
            .optional("authenticationType", Shape.string("VirtualMachineMigrationAuthenticationType").values("Kerberos", "CredSSP"))
            .optional("performanceOption", Shape.string("VirtualMachineMigrationPerformanceOption").values("TCPIP", "Compression", "SMB"))
            .optional("useAnyNetwork", Shape.bool("UseAnyNetworkForMigration"))
            .optional("maximumVirtualMachineMigrations", Shape.integer("MaximumVirtualMachineMigrations", 1, 1024))
            .optional("maximumStorageMigrations", Shape.integer("MaximumStorageMigrations", 1, 1024));

    private static final Shape.Obj HOST = Shape.object(null, "a Hyper-V host")
            .required("name", Shape.string("the inventory name").pattern(NamePatterns.HOST, NamePatterns.HOST_HINT))
            .required("fqdn", Shape.string("DNS name").pattern(NamePatterns.FQDN, NamePatterns.FQDN_HINT))
            .optional("netbios", Shape.string("NetBIOS name").pattern(NamePatterns.NETBIOS, NamePatterns.NETBIOS_HINT))
            .optional("domain", Shape.string("AD domain DNS name; defaults to the fqdn's domain"))
            .optional("os", Shape.string("operating system, e.g. Windows Server 2022"))
            .optional("cluster", Shape.string("the cluster it is a node of"))
            .optional("nodeState", Shape.string("cluster node state").values("Up", "Paused", "Down", "Joining"))
            .optional("migration", MIGRATION)
            .optional("migrationNetworks", Shape.list("Get-VMMigrationNetwork", Shape.object(null, "a migration network")
                    .required("subnet", Shape.string("subnet in CIDR notation"))
                    .optional("priority", Shape.integer("priority", 0, Integer.MAX_VALUE)), 0))
            .optional("addresses", Shape.list("IP addresses with prefix length", Shape.string("e.g. 198.51.100.11/24"), 0))
            .optional("switches", Shape.list("virtual switch names", Shape.string("a switch name"), 0))
            .optional("processor", Shape.object(null, "the processor")
                    .optional("vendor", Shape.string("GenuineIntel or AuthenticAMD"))
                    .optional("model", Shape.string("model family")))
            .optional("supportedVersions", Shape.list("VM configuration versions the host accepts", Shape.string("e.g. 10.0"), 0))
            .optional("memory", Shape.object(null, "memory")
                    .optional("total", size("total memory"))
                    .optional("available", size("memory free for VMs")))
            .optional("volumes", Shape.list("local volumes", VOLUME, 0))
            .optional("credentialGuard", Shape.bool("Credential Guard is running"))
            .optional("virtualMachinePath", Shape.string("Get-VMHost VirtualMachinePath"));

    private static final Shape.Obj CLUSTER = Shape.object(null, "a failover cluster")
            .required("name", Shape.string("cluster name"))
            .optional("fqdn", Shape.string("DNS name of the cluster name object"))
            .optional("domain", Shape.string("AD domain"))
            .required("nodes", Shape.list("node host names", Shape.string("a host"), 1))
            .optional("maximumParallelMigrations", Shape.integer("MaximumParallelMigrations (0 when the cluster has none)", 0, 1024))
            .optional("csvVolumes", Shape.list("cluster shared volumes", VOLUME, 0));

    private static final Shape.Obj FILE_SERVER = Shape.object(null, "a file server or SOFS access point")
            .required("name", Shape.string("the name SMB paths use"))
            .optional("fqdn", Shape.string("DNS name"))
            .optional("netbios", Shape.string("NetBIOS name"))
            .optional("domain", Shape.string("AD domain"))
            .optional("kind", Shape.string("file server or Scale-Out File Server").values("file-server", "sofs"))
            .optional("nodes", Shape.list("servers behind a SOFS access point", Shape.string("a server"), 0))
            .optional("shares", Shape.list("SMB shares", Shape.object(null, "a share")
                    .required("name", Shape.string("share name"))
                    .optional("fullControl", Shape.list("hosts and clusters whose computer accounts have Full Control", Shape.string("a host or cluster"), 0))
                    .optional("free", size("free space")), 0));

    private static final Shape.Obj VM = Shape.object(null, "a virtual machine")
            .required("name", Shape.string("VM name"))
            .optional("id", Shape.string("VM Id").pattern("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", "a GUID"))
            .required("host", Shape.string("the host that owns it"))
            .optional("state", Shape.string("VM state as Get-VM shows it: Running, Off, Saved, Paused, …"))
            .optional("version", Shape.string("configuration version"))
            .optional("generation", Shape.integer("generation", 1, 2))
            .optional("memory", size("memory assigned"))
            .required("path", Shape.string("the folder of its configuration"))
            .optional("disks", Shape.list("virtual hard disks", Shape.object(null, "a disk")
                    .required("path", Shape.string("VHD/VHDX path"))
                    .optional("size", size("file size")), 0))
            .optional("switches", Shape.list("switches its network adapters connect to", Shape.string("a switch"), 0))
            .optional("iso", Shape.list("mounted ISO paths", Shape.string("a path"), 0))
            .optional("group", Shape.object(null, "its cluster role (present when it is highly available)")
                    .optional("name", Shape.string("group name; defaults to the VM name"))
                    .optional("ownerNode", Shape.string("owner node"))
                    .optional("state", Shape.string("group state").values("Online", "Offline", "Failed", "PartialOnline", "Pending"))
                    .optional("priority", Shape.integer("priority: 3000 high, 2000 medium, 1000 low, 0 no auto start", 0, 3000))
                    .optional("preferredOwners", Shape.list("preferred owners in order", Shape.string("a node"), 0)));

    private static final Shape.Obj DIRECTORY = Shape.object(null, "Active Directory")
            .optional("domains", Shape.list("domains and their forests", Shape.object(null, "a domain")
                    .required("name", Shape.string("domain DNS name"))
                    .optional("forest", Shape.string("forest root domain; defaults to the domain")), 0))
            .optional("trusts", Shape.list("trusts between forests or domains", Shape.object(null, "a trust")
                    .required("trusting", Shape.string("the forest/domain whose resources trust"))
                    .required("trusted", Shape.string("the forest/domain whose accounts are trusted"))
                    .required("type", Shape.string("trust type").values("forest", "external"))
                    .optional("bidirectional", Shape.bool("the trust works both ways")), 0))
            .optional("computers", Shape.list("computer accounts", Shape.object(null, "a computer account")
                    .required("host", Shape.string("the host or file server"))
                    .optional("samAccountName", Shape.string("sAMAccountName, e.g. HV-A1$"))
                    .optional("servicePrincipalNames", Shape.list("servicePrincipalName", Shape.string("an SPN"), 0))
                    .optional("allowedToDelegateTo", Shape.list("msDS-AllowedToDelegateTo", Shape.string("an SPN"), 0))
                    .optional("trustedToAuthForDelegation", Shape.bool("userAccountControl TRUSTED_TO_AUTH_FOR_DELEGATION (use any authentication protocol)"))
                    .optional("trustedForDelegation", Shape.bool("userAccountControl TRUSTED_FOR_DELEGATION (unconstrained)"))
                    .optional("allowedToActOnBehalfOf", Shape.list("msDS-AllowedToActOnBehalfOfOtherIdentity principals", Shape.string("an account"), 0))
                    .optional("whenChanged", Shape.string("when the account last changed").check(Units::checkTimestamp)), 0))
            .optional("users", Shape.list("the accounts hvmigrate connects to hosts as", Shape.object(null, "a user account")
                    .required("account", Shape.string("as the inventory names it, e.g. LAB\\svc-hvmigrate"))
                    .optional("samAccountName", Shape.string("sAMAccountName"))
                    .optional("domain", Shape.string("its domain"))
                    .optional("hosts", Shape.list("the hosts hvmigrate connects to as this user", Shape.string("a host"), 0))
                    .optional("accountNotDelegated", Shape.bool("\"account is sensitive and cannot be delegated\" (NOT_DELEGATED)"))
                    .optional("memberOf", Shape.list("group distinguished names", Shape.string("a group DN"), 0)), 0))
            .optional("tickets", Shape.list("each host's TGT for its computer account (klist -li 0x3e7 tgt)", Shape.object(null, "a TGT")
                    .required("host", Shape.string("the host"))
                    .required("start", Shape.string("StartTime").check(Units::checkTimestamp))
                    .optional("end", Shape.string("EndTime").check(Units::checkTimestamp)), 0));

    public static final Shape.Obj SHAPE = Shape.object("hvmigrate facts",
                    "a snapshot of the fleet as discovery reads it: hosts, clusters, file servers, VMs, directory")
            .optional("version", Shape.integer("facts format version", 1, Facts.FORMAT_VERSION))
            .optional("collectedAt", Shape.string("when the facts were read").check(Units::checkTimestamp))
            .required("hosts", Shape.list("Hyper-V hosts", HOST, 1))
            .optional("clusters", Shape.list("failover clusters", CLUSTER, 0))
            .optional("fileServers", Shape.list("file servers", FILE_SERVER, 0))
            .optional("vms", Shape.list("virtual machines", VM, 0))
            .optional("directory", DIRECTORY);

    public static Facts load(Path file) {
        Node root = LocatedYaml.read(file, Document.FACTS);
        Problems problems = new Problems();
        SHAPE.check(root, problems);
        Facts facts = bind(root, problems);
        problems.throwIfAny();
        return facts;
    }

    static long bytes(Node.MapNode m, String key, long fallback) {
        return Fields.scalar(m, key).map(s -> s.value() instanceof Long l ? l : Units.bytes(s.text())).orElse(fallback);
    }

    static Facts bind(Node root, Problems problems) {
        if (!(root instanceof Node.MapNode m)) {
            return new Facts(null, List.of(), List.of(), List.of(), List.of(), DirectoryFacts.empty());
        }
        Instant collected = Fields.string(m, "collectedAt").map(Units::timestamp).map(o -> o.toInstant()).orElse(null);

        List<ClusterFacts> clusters = new ArrayList<>();
        Map<String, Node.MapNode> clusterNodes = new HashMap<>();
        for (Node n : Fields.list(m, "clusters")) {
            if (n instanceof Node.MapNode c && Fields.string(c, "name").isPresent()) {
                String name = Fields.string(c, "name").get();
                if (clusterNodes.putIfAbsent(Names.key(name), c) != null) {
                    problems.add(Fields.at(c, "name"), "cluster '" + name + "' is listed twice", "keep one entry");
                }
                String fqdn = Fields.string(c, "fqdn").orElse(null);
                clusters.add(new ClusterFacts(name, fqdn, Fields.string(c, "domain").orElse(Names.domainOf(fqdn)),
                        Fields.strings(c, "nodes"), Fields.integer(c, "maximumParallelMigrations").orElse(0L).intValue(), volumes(c, "csvVolumes")));
            }
        }

        List<HostFacts> hosts = new ArrayList<>();
        Map<String, Node.MapNode> hostNodes = new HashMap<>();
        for (Node n : Fields.list(m, "hosts")) {
            if (!(n instanceof Node.MapNode h) || Fields.string(h, "name").isEmpty() || Fields.string(h, "fqdn").isEmpty()) {
                continue;
            }
            String name = Fields.string(h, "name").get();
            String fqdn = Fields.string(h, "fqdn").get();
            if (hostNodes.putIfAbsent(Names.key(name), h) != null) {
                problems.add(Fields.at(h, "name"), "host '" + name + "' is listed twice", "keep one entry");
            }
            hostNodes.putIfAbsent(Names.key(fqdn), h);
            Node.MapNode mig = Fields.map(h, "migration").orElse(null);
            // Windows' own defaults where a hand-written snapshot leaves a setting out
            MigrationSettings ms = new MigrationSettings(
                    Fields.bool(mig, "enabled", false),
                    "kerberos".equalsIgnoreCase(Fields.string(mig, "authenticationType", "CredSSP")) ? AuthType.KERBEROS : AuthType.CREDSSP,
                    Fields.choice(Fields.string(mig, "performanceOption"), PerformanceOption.class, PerformanceOption.COMPRESSION),
                    Fields.bool(mig, "useAnyNetwork", true),
                    Fields.integer(mig, "maximumVirtualMachineMigrations").orElse(2L).intValue(),
                    Fields.integer(mig, "maximumStorageMigrations").orElse(2L).intValue());
            List<MigrationNetwork> nets = new ArrayList<>();
            for (Node nn : Fields.list(h, "migrationNetworks")) {
                if (nn instanceof Node.MapNode net && Fields.string(net, "subnet").isPresent()) {
                    String subnet = Fields.string(net, "subnet").get();
                    if (subnetProblem(net, subnet, problems)) {
                        nets.add(new MigrationNetwork(subnet, Fields.integer(net, "priority").orElse(0L).intValue()));
                    }
                }
            }
            for (Node.Scalar a : Fields.stringOrList(h, "addresses")) {
                String t = a.text();
                if (!t.contains("/")) {
                    problems.add(a, "address '" + t + "' has no prefix length", "write it with its prefix, e.g. " + t + "/24");
                } else {
                    try {
                        Cidr.address(t.substring(0, t.indexOf('/')), t);
                    } catch (Cidr.Invalid e) {
                        problems.add(a, e.getMessage(), e.fix());
                    }
                }
            }
            Node.MapNode cpu = Fields.map(h, "processor").orElse(null);
            Node.MapNode mem = Fields.map(h, "memory").orElse(null);
            String cluster = Fields.string(h, "cluster").orElse(null);
            String nodeState = Fields.string(h, "nodeState").orElse(cluster == null ? null : "Up");
            if (cluster != null && !clusterNodes.containsKey(Names.key(cluster))) {
                problems.add(Fields.at(h, "cluster"), "host '" + name + "' names cluster '" + cluster + "', which is not in clusters:",
                        DidYouMean.closest(cluster, clusters.stream().map(ClusterFacts::name).toList()).map(s -> "did you mean '" + s + "'?").orElse("add the cluster under clusters:"));
            }
            hosts.add(new HostFacts(name, fqdn, Fields.string(h, "netbios").orElse(Names.netbiosOf(fqdn)),
                    Fields.string(h, "domain").orElse(Names.domainOf(fqdn)), Fields.string(h, "os", "Windows Server 2022"),
                    cluster, nodeState, ms, nets, Fields.strings(h, "addresses"), Fields.strings(h, "switches"),
                    new Processor(Fields.string(cpu, "vendor", "GenuineIntel"), Fields.string(cpu, "model", "")),
                    Fields.strings(h, "supportedVersions"),
                    new Memory(bytes(mem, "total", 0), bytes(mem, "available", 0)), volumes(h, "volumes"),
                    Fields.bool(h, "credentialGuard", false), Fields.string(h, "virtualMachinePath", "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V")));
        }
        // look-ups by name, not scans: a facts file may hold thousands of hosts and a hundred thousand VMs
        io.hvmigrate.model.NameIndex<HostFacts> hostNamed = Facts.Index.byName(hosts);
        io.hvmigrate.model.NameIndex<ClusterFacts> clusterNamed = new io.hvmigrate.model.NameIndex<>(clusters, c -> java.util.Arrays.asList(c.name()));
        // cluster membership must agree both ways
        for (ClusterFacts c : clusters) {
            Node.MapNode cn = clusterNodes.get(Names.key(c.name()));
            for (Node.Scalar node : Fields.stringOrList(cn, "nodes")) {
                Optional<HostFacts> h = hostNamed.get(node.text());
                if (h.isEmpty()) {
                    problems.add(node, "cluster '" + c.name() + "' lists node '" + node.text() + "', which is not in hosts:", unknownHostFix(node.text(), hosts));
                } else if (!Names.same(h.get().cluster(), c.name())) {
                    problems.add(node, "cluster '" + c.name() + "' lists node '" + node.text() + "', but that host says cluster: " + h.get().cluster(),
                            "set cluster: " + c.name() + " on host '" + h.get().name() + "'");
                }
            }
        }
        for (HostFacts h : hosts) {
            if (h.cluster() != null) {
                clusterNamed.get(h.cluster()).ifPresent(c -> {
                    if (c.nodes().stream().noneMatch(h::answersTo)) {
                        problems.add(Fields.at(hostNodes.get(Names.key(h.name())), "cluster"),
                                "host '" + h.name() + "' says it is a node of '" + c.name() + "', but the cluster does not list it", "add it to the cluster's nodes:");
                    }
                });
            }
        }

        List<FileServerFacts> fileServers = new ArrayList<>();
        for (Node n : Fields.list(m, "fileServers")) {
            if (n instanceof Node.MapNode f && Fields.string(f, "name").isPresent()) {
                String name = Fields.string(f, "name").get();
                String fqdn = Fields.string(f, "fqdn").orElse(null);
                List<Share> shares = new ArrayList<>();
                for (Node sn : Fields.list(f, "shares")) {
                    if (sn instanceof Node.MapNode s && Fields.string(s, "name").isPresent()) {
                        for (Node.Scalar who : Fields.stringOrList(s, "fullControl")) {
                            boolean known = hostNamed.get(who.text()).isPresent() || clusterNamed.get(who.text()).isPresent();
                            if (!known) {
                                problems.add(who, "'" + who.text() + "' is neither a host nor a cluster in these facts", unknownHostFix(who.text(), hosts));
                            }
                        }
                        shares.add(new Share(Fields.string(s, "name").get(), Fields.strings(s, "fullControl"), bytes(s, "free", 0)));
                    }
                }
                fileServers.add(new FileServerFacts(name, fqdn, Fields.string(f, "netbios").orElse(Names.netbiosOf(fqdn == null ? name : fqdn)),
                        Fields.string(f, "domain").orElse(Names.domainOf(fqdn)),
                        "sofs".equalsIgnoreCase(Fields.string(f, "kind", "file-server")) ? Inventory.FileServerKind.SOFS : Inventory.FileServerKind.FILE_SERVER,
                        Fields.strings(f, "nodes"), shares));
            }
        }

        List<VmFacts> vms = new ArrayList<>();
        Map<String, Node> vmIds = new HashMap<>();
        Map<String, Node> vmNamesPerHost = new HashMap<>();
        for (Node n : Fields.list(m, "vms")) {
            if (!(n instanceof Node.MapNode v) || Fields.string(v, "name").isEmpty() || Fields.string(v, "host").isEmpty() || Fields.string(v, "path").isEmpty()) {
                continue;
            }
            String name = Fields.string(v, "name").get();
            String hostName = Fields.string(v, "host").get();
            Optional<HostFacts> host = hostNamed.get(hostName);
            if (host.isEmpty()) {
                problems.add(Fields.at(v, "host"), "VM '" + name + "' is on host '" + hostName + "', which is not in hosts:", unknownHostFix(hostName, hosts));
                continue;
            }
            String id = Fields.string(v, "id").map(s -> s.toLowerCase(Locale.ROOT)).orElse(java.util.UUID.nameUUIDFromBytes((host.get().fqdn() + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            Node prevId = vmIds.putIfAbsent(id, v);
            if (prevId != null) {
                problems.add(Fields.at(v, "id"), "VM id " + id + " is used twice (also at " + prevId.location() + ")", "a VM exists on one host only; remove the stale entry");
            }
            Node prevName = vmNamesPerHost.putIfAbsent(Names.key(host.get().name()) + "/" + Names.key(name), v);
            if (prevName != null && Fields.string(v, "id").isEmpty()) {
                problems.add(Fields.at(v, "name"), "host '" + host.get().name() + "' has two VMs named '" + name + "'", "give each its id: so they can be told apart");
            }
            ClusterGroup group = null;
            Optional<Node.MapNode> g = Fields.map(v, "group");
            if (g.isPresent()) {
                if (host.get().cluster() == null) {
                    problems.add(g.get(), "VM '" + name + "' has a cluster group but host '" + host.get().name() + "' is not a cluster node",
                            "remove group: or set cluster: on the host");
                } else {
                    group = new ClusterGroup(Fields.string(g.get(), "name", name), host.get().cluster(),
                            Fields.string(g.get(), "ownerNode", host.get().name()), Fields.string(g.get(), "state", "Online"),
                            Fields.integer(g.get(), "priority").orElse(2000L).intValue(), Fields.strings(g.get(), "preferredOwners"));
                }
            }
            List<Disk> disks = new ArrayList<>();
            for (Node dn : Fields.list(v, "disks")) {
                if (dn instanceof Node.MapNode d && Fields.string(d, "path").isPresent()) {
                    disks.add(new Disk(Fields.string(d, "path").get(), bytes(d, "size", Disk.UNKNOWN)));
                }
            }
            vms.add(new VmFacts(name, id, host.get().name(), Fields.string(v, "state", "Running"), group,
                    Fields.string(v, "version", "10.0"), Fields.integer(v, "generation").orElse(2L).intValue(),
                    bytes(v, "memory", 0), Fields.string(v, "path").get(), disks, Fields.strings(v, "switches"), Fields.strings(v, "iso")));
        }

        DirectoryFacts directory = DirectoryFacts.empty();
        Optional<Node.MapNode> dir = Fields.map(m, "directory");
        if (dir.isPresent()) {
            List<Domain> domains = new ArrayList<>();
            for (Node dn : Fields.list(dir.get(), "domains")) {
                if (dn instanceof Node.MapNode d && Fields.string(d, "name").isPresent()) {
                    String dname = Fields.string(d, "name").get();
                    domains.add(new Domain(dname.toLowerCase(Locale.ROOT), Fields.string(d, "forest", dname).toLowerCase(Locale.ROOT)));
                }
            }
            List<Trust> trusts = new ArrayList<>();
            for (Node tn : Fields.list(dir.get(), "trusts")) {
                if (tn instanceof Node.MapNode t && Fields.string(t, "trusting").isPresent() && Fields.string(t, "trusted").isPresent() && Fields.string(t, "type").isPresent()) {
                    trusts.add(new Trust(Fields.string(t, "trusting").get().toLowerCase(Locale.ROOT), Fields.string(t, "trusted").get().toLowerCase(Locale.ROOT),
                            "forest".equalsIgnoreCase(Fields.string(t, "type").get()) ? TrustType.FOREST : TrustType.EXTERNAL, Fields.bool(t, "bidirectional", false)));
                }
            }
            List<ComputerAccount> computers = new ArrayList<>();
            for (Node cn : Fields.list(dir.get(), "computers")) {
                if (cn instanceof Node.MapNode c && Fields.string(c, "host").isPresent()) {
                    String host = Fields.string(c, "host").get();
                    boolean known = hostNamed.get(host).isPresent() || fileServers.stream().anyMatch(f -> f.answersTo(host) || f.nodes().stream().anyMatch(x -> Names.same(x, host)))
                            || clusters.stream().anyMatch(x -> Names.same(x.name(), host) || Names.same(x.fqdn(), host));
                    if (!known) {
                        problems.add(Fields.at(c, "host"), "computer account for '" + host + "', which is neither a host, a cluster nor a file server in these facts", unknownHostFix(host, hosts));
                    }
                    computers.add(new ComputerAccount(host, Fields.string(c, "samAccountName", Names.netbiosOf(host) + "$"),
                            Fields.strings(c, "servicePrincipalNames"), Fields.strings(c, "allowedToDelegateTo"),
                            Fields.bool(c, "trustedToAuthForDelegation", false), Fields.bool(c, "trustedForDelegation", false),
                            Fields.strings(c, "allowedToActOnBehalfOf"),
                            Fields.string(c, "whenChanged").map(Units::timestamp).map(o -> o == null ? null : o.toInstant()).orElse(null)));
                }
            }
            List<Facts.UserAccount> users = new ArrayList<>();
            for (Node un : Fields.list(dir.get(), "users")) {
                if (un instanceof Node.MapNode u && Fields.string(u, "account").isPresent()) {
                    String account = Fields.string(u, "account").get();
                    String sam = account.contains("\\") ? account.substring(account.indexOf('\\') + 1)
                            : account.contains("@") ? account.substring(0, account.indexOf('@')) : account;
                    users.add(new Facts.UserAccount(account, Fields.string(u, "samAccountName", sam), Fields.string(u, "domain").orElse(null),
                            Fields.strings(u, "hosts"), Fields.bool(u, "accountNotDelegated", false), Fields.strings(u, "memberOf")));
                }
            }
            List<Facts.SystemTicket> tickets = new ArrayList<>();
            for (Node tn : Fields.list(dir.get(), "tickets")) {
                if (tn instanceof Node.MapNode t && Fields.string(t, "host").isPresent() && Fields.string(t, "start").map(Units::timestamp).isPresent()) {
                    tickets.add(new Facts.SystemTicket(Fields.string(t, "host").get(), Units.timestamp(Fields.string(t, "start").get()).toInstant(),
                            Fields.string(t, "end").map(Units::timestamp).map(o -> o == null ? null : o.toInstant()).orElse(null)));
                }
            }
            directory = new DirectoryFacts(domains, trusts, computers, users, tickets);
        }
        return new Facts(collected, hosts, clusters, fileServers, vms, directory);
    }

    private static boolean subnetProblem(Node.MapNode net, String subnet, Problems problems) {
        try {
            Cidr.parse(subnet);
            return true;
        } catch (Cidr.Invalid e) {
            problems.add(Fields.at(net, "subnet"), e.getMessage(), e.fix());
            return false;
        }
    }

    private static List<Volume> volumes(Node.MapNode m, String key) {
        List<Volume> out = new ArrayList<>();
        for (Node n : Fields.list(m, key)) {
            if (n instanceof Node.MapNode v && Fields.string(v, "path").isPresent()) {
                out.add(new Volume(Fields.string(v, "path").get(), bytes(v, "free", 0)));
            }
        }
        return out;
    }

    private static String unknownHostFix(String name, List<HostFacts> hosts) {
        return DidYouMean.closest(name, hosts.stream().map(HostFacts::name).toList()).map(s -> "did you mean '" + s + "'?")
                .orElse("add it under hosts:");
    }
}
