package io.hvmigrate.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the fleet is, as discovered from the hosts (or read from a snapshot taken earlier with the same shape):
 * hosts and their migration settings, clusters, file servers and shares, VMs and where their files are, and the
 * directory's view of domains, trusts and delegation.
 */
public record Facts(Instant collectedAt, List<HostFacts> hosts, List<ClusterFacts> clusters,
                    List<FileServerFacts> fileServers, List<VmFacts> vms, DirectoryFacts directory, Index index) {

    public static final int FORMAT_VERSION = 1;

    public Facts(Instant collectedAt, List<HostFacts> hosts, List<ClusterFacts> clusters, List<FileServerFacts> fileServers,
                 List<VmFacts> vms, DirectoryFacts directory) {
        this(collectedAt, hosts, clusters, fileServers, vms, directory, null);
    }

    public Facts {
        hosts = List.copyOf(hosts);
        clusters = List.copyOf(clusters);
        fileServers = List.copyOf(fileServers);
        vms = List.copyOf(vms);
        index = new Index(hosts, vms, clusters);
    }

    /**
     * Look-ups by name without scanning: hosts by name, FQDN or NetBIOS name, VMs by host, id and name, each key in the
     * one normalisation {@link Names#key} (case-insensitive), built once when first used. Part of the record only to
     * live beside the lists it indexes: it equals every other index, so facts compare by their content alone.
     */
    public static final class Index {
        private final List<VmFacts> vms;
        private final NameIndex<HostFacts> hosts;
        private final NameIndex<ClusterFacts> clusters;
        private volatile Maps maps;

        private record Maps(java.util.Map<String, List<VmFacts>> byHost,
                            java.util.Map<String, List<VmFacts>> byId, java.util.Map<String, List<VmFacts>> byName) {}

        Index(List<HostFacts> hosts, List<VmFacts> vms, List<ClusterFacts> clusters) {
            this.vms = vms;
            this.hosts = byName(hosts);
            this.clusters = new NameIndex<>(clusters, c -> java.util.Arrays.asList(c.name(), c.fqdn()));
        }

        /** Hosts by name, FQDN or NetBIOS name, as {@link HostFacts#answersTo} matches them. */
        public static NameIndex<HostFacts> byName(List<HostFacts> hosts) {
            return new NameIndex<>(hosts, x -> java.util.Arrays.asList(x.name(), x.fqdn(), x.netbios()));
        }

        private Maps maps() {
            Maps m = maps;
            if (m == null) {
                java.util.Map<String, List<VmFacts>> byHost = new java.util.HashMap<>();
                java.util.Map<String, List<VmFacts>> byId = new java.util.HashMap<>();
                java.util.Map<String, List<VmFacts>> byName = new java.util.HashMap<>();
                for (VmFacts v : vms) {
                    add(byHost, v.host(), v);
                    add(byId, v.id(), v);
                    add(byName, v.name(), v);
                }
                m = new Maps(frozen(byHost), frozen(byId), frozen(byName));
                maps = m;
            }
            return m;
        }

        private static java.util.Map<String, List<VmFacts>> frozen(java.util.Map<String, List<VmFacts>> map) {
            map.replaceAll((k, v) -> List.copyOf(v));
            return map;
        }

        private static void add(java.util.Map<String, List<VmFacts>> map, String key, VmFacts v) {
            if (key != null) {
                map.computeIfAbsent(Names.key(key), k -> new java.util.ArrayList<>(2)).add(v);
            }
        }

        Optional<HostFacts> host(String name) {
            return hosts.get(name);
        }

        List<VmFacts> on(String host) {
            return host == null ? List.of() : maps().byHost().getOrDefault(Names.key(host), List.of());
        }

        List<VmFacts> withId(String id) {
            return id == null ? List.of() : maps().byId().getOrDefault(Names.key(id), List.of());
        }

        List<VmFacts> named(String name) {
            return name == null ? List.of() : maps().byName().getOrDefault(Names.key(name), List.of());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Index;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "Index";
        }
    }

    public Optional<HostFacts> host(String name) {
        return index.host(name);
    }

    /** The VMs with this id (one, unless a snapshot holds a VM twice). */
    public List<VmFacts> vmsWithId(String id) {
        return index.withId(id);
    }

    /** The VMs with this name, on any host (names are not unique in a fleet). */
    public List<VmFacts> vmsNamed(String name) {
        return index.named(name);
    }

    public Optional<ClusterFacts> cluster(String name) {
        return index.clusters.get(name);
    }

    public Optional<FileServerFacts> fileServer(String name) {
        return fileServers.stream().filter(f -> f.answersTo(name)).findFirst();
    }

    public List<VmFacts> vmsOn(String host) {
        return index.on(host);
    }

    /**
     * One Hyper-V host.
     *
     * @param name              the inventory name
     * @param domain            AD domain DNS name (e.g. {@code lab.test})
     * @param os                e.g. "Windows Server 2022"
     * @param cluster           the cluster it is a node of, or null
     * @param nodeState         Up, Paused, Down (cluster nodes) — null for standalone hosts
     * @param migration         Get-VMHost's live-migration settings
     * @param migrationNetworks Get-VMMigrationNetwork
     * @param addresses         the host's IP addresses with prefix length, e.g. {@code 198.51.100.11/24}
     * @param switches          virtual switch names
     * @param supportedVersions VM configuration versions it accepts (Get-VMHostSupportedVersion)
     * @param virtualMachinePath Get-VMHost VirtualMachinePath, the default place for VM files
     */
    public record HostFacts(String name, String fqdn, String netbios, String domain, String os, String cluster,
                            String nodeState, MigrationSettings migration, List<MigrationNetwork> migrationNetworks,
                            List<String> addresses, List<String> switches, Processor processor,
                            List<String> supportedVersions, Memory memory, List<Volume> volumes,
                            boolean credentialGuard, String virtualMachinePath) {
        public HostFacts {
            migrationNetworks = List.copyOf(migrationNetworks);
            addresses = List.copyOf(addresses);
            switches = List.copyOf(switches);
            supportedVersions = List.copyOf(supportedVersions);
            volumes = List.copyOf(volumes);
        }

        public boolean answersTo(String n) {
            return Names.same(name, n) || Names.same(fqdn, n) || Names.same(netbios, n);
        }

        public boolean clustered() {
            return cluster != null;
        }
    }

    /** Get-VMHost: VirtualMachineMigration* settings, UseAnyNetworkForMigration and the concurrency limits. */
    public record MigrationSettings(boolean enabled, AuthType authenticationType, PerformanceOption performanceOption,
                                    boolean useAnyNetwork, int maximumVirtualMachineMigrations,
                                    int maximumStorageMigrations) {}

    /** MigrationAuthenticationType: CredSSP=0, Kerberos=1. */
    public enum AuthType { CREDSSP, KERBEROS }

    /** VMMigrationPerformance: TCPIP=0, Compression=1, SMB=2. */
    public enum PerformanceOption { TCPIP, COMPRESSION, SMB }

    public record MigrationNetwork(String subnet, int priority) {}

    public record Processor(String vendor, String model) {}

    public record Memory(long totalBytes, long availableBytes) {}

    /** A local volume: {@code D:\}, its free space. */
    public record Volume(String path, long freeBytes) {}

    /**
     * A failover cluster.
     *
     * @param maximumParallelMigrations the cluster-wide limit (WS2022 2022-09 CU and later; default 1), or 0 when the
     *                                  cluster has no such property
     * @param csvVolumes                cluster shared volumes, e.g. {@code C:\ClusterStorage\Volume1}
     */
    public record ClusterFacts(String name, String fqdn, String domain, List<String> nodes,
                               int maximumParallelMigrations, List<Volume> csvVolumes) {
        public ClusterFacts {
            nodes = List.copyOf(nodes);
            csvVolumes = List.copyOf(csvVolumes);
        }
    }

    /**
     * A file server or Scale-Out File Server access point with its shares.
     *
     * @param nodes the servers behind a SOFS access point (delegation must name the access point, not these)
     */
    public record FileServerFacts(String name, String fqdn, String netbios, String domain, Inventory.FileServerKind kind,
                                  List<String> nodes, List<Share> shares) {
        public FileServerFacts {
            nodes = List.copyOf(nodes);
            shares = List.copyOf(shares);
        }

        public boolean answersTo(String n) {
            return Names.same(name, n) || Names.same(fqdn, n) || Names.same(netbios, n);
        }
    }

    /**
     * An SMB share.
     *
     * @param fullControl host and cluster names whose computer accounts have Full Control on the share and its folder
     */
    public record Share(String name, List<String> fullControl, long freeBytes) {
        public Share {
            fullControl = List.copyOf(fullControl);
        }
    }

    /**
     * One VM.
     *
     * @param id        Hyper-V's VM Id (GUID)
     * @param host      the host that owns it now
     * @param state     Running, Off, Saved, Paused, …
     * @param group     its cluster role when it is highly available, else null
     * @param path      the folder of its configuration (Get-VM Path)
     * @param version   configuration version, e.g. "9.0"
     */
    public record VmFacts(String name, String id, String host, String state, ClusterGroup group, String version,
                          int generation, long memoryBytes, String path, List<Disk> disks, List<String> switches,
                          List<String> isoPaths) {
        public VmFacts {
            disks = List.copyOf(disks);
            switches = List.copyOf(switches);
            isoPaths = List.copyOf(isoPaths);
        }

        public boolean clustered() {
            return group != null;
        }

        /** The size of the disks whose size is known. */
        public long diskBytes() {
            return disks.stream().filter(Disk::sizeKnown).mapToLong(Disk::sizeBytes).sum();
        }

        /** The disks whose size discovery could not read. */
        public List<Disk> disksOfUnknownSize() {
            return disks.stream().filter(d -> !d.sizeKnown()).toList();
        }
    }

    /**
     * A virtual hard disk of a VM.
     *
     * @param sizeBytes the file's size, or {@link #UNKNOWN} when the host could not read it (Get-VHD failed)
     */
    public record Disk(String path, long sizeBytes) {
        public static final long UNKNOWN = -1;

        public boolean sizeKnown() {
            return sizeBytes >= 0;
        }
    }

    /**
     * A VM's cluster role as Get-ClusterGroup shows it, with what must be restored if the role is removed.
     *
     * @param priority        3000 high, 2000 medium, 1000 low, 0 no auto start
     * @param preferredOwners Get-ClusterOwnerNode -Group, in order
     */
    public record ClusterGroup(String name, String cluster, String ownerNode, String state, int priority,
                               List<String> preferredOwners) {
        public ClusterGroup {
            preferredOwners = List.copyOf(preferredOwners);
        }
    }

    /**
     * Domains, forests, trusts, the computer accounts' delegation, the users hvmigrate connects as and the hosts'
     * system tickets, as the directory and the hosts hold them.
     *
     * @param source    where the directory was read ("ldaps://dc1.lab.test:636", "HV1 (ActiveDirectory module)"), or null (a facts file)
     * @param secondHop why the directory could not be read through {@code source}'s ActiveDirectory module when that
     *                  was a second hop to a domain controller (the WinRM session's credentials are not passed on),
     *                  else null
     */
    public record DirectoryFacts(List<Domain> domains, List<Trust> trusts, List<ComputerAccount> computers,
                                 List<UserAccount> users, List<SystemTicket> tickets, String source, String secondHop) {

        public DirectoryFacts(List<Domain> domains, List<Trust> trusts, List<ComputerAccount> computers,
                              List<UserAccount> users, List<SystemTicket> tickets, String source) {
            this(domains, trusts, computers, users, tickets, source, null);
        }

        public DirectoryFacts {
            domains = List.copyOf(domains);
            trusts = List.copyOf(trusts);
            computers = List.copyOf(computers);
            users = List.copyOf(users);
            tickets = List.copyOf(tickets);
        }

        public DirectoryFacts(List<Domain> domains, List<Trust> trusts, List<ComputerAccount> computers) {
            this(domains, trusts, computers, List.of(), List.of(), null);
        }

        public DirectoryFacts(List<Domain> domains, List<Trust> trusts, List<ComputerAccount> computers,
                              List<UserAccount> users, List<SystemTicket> tickets) {
            this(domains, trusts, computers, users, tickets, null);
        }

        public DirectoryFacts(List<Domain> domains, List<Trust> trusts, List<ComputerAccount> computers, String source) {
            this(domains, trusts, computers, List.of(), List.of(), source);
        }

        /** The account the engine runs as on this host, as the directory holds it. */
        public Optional<UserAccount> userOf(String host) {
            return users.stream().filter(u -> u.hosts().stream().anyMatch(h -> Names.same(h, host))).findFirst();
        }

        /** The host's TGT for its computer account (logon session 0x3e7), as klist showed it. */
        public Optional<SystemTicket> ticketOf(String host) {
            return tickets.stream().filter(t -> Names.same(t.host(), host)).findFirst();
        }

        /** How evidence names the directory: "directory" or "directory (ldaps://dc1.lab.test:636)". */
        public String label() {
            return source == null ? "directory" : "directory (" + source + ")";
        }

        public static DirectoryFacts empty() {
            return new DirectoryFacts(List.of(), List.of(), List.of());
        }

        /** The forest root of a domain, or null when the directory facts do not say (unknown is not "different"). */
        public String forestOf(String domain) {
            if (domain == null) {
                return null;
            }
            return domains.stream().filter(d -> Names.same(d.name(), domain)).map(Domain::forest).findFirst().orElse(null);
        }

        public Optional<ComputerAccount> computer(String name) {
            return computers.stream().filter(c -> Names.same(c.host(), name)).findFirst();
        }
    }

    public record Domain(String name, String forest) {}

    /**
     * A trust: accounts of {@code trusted} may use resources of {@code trusting}; both directions when
     * {@code bidirectional}.
     */
    public record Trust(String trusting, String trusted, TrustType type, boolean bidirectional) {}

    public enum TrustType { FOREST, EXTERNAL }

    /**
     * A host's computer account as the directory holds it.
     *
     * @param allowedToDelegateTo              msDS-AllowedToDelegateTo, exactly as stored
     * @param trustedToAuthForDelegation       userAccountControl 0x1000000 ("use any authentication protocol")
     * @param trustedForDelegation             userAccountControl 0x80000 (unconstrained delegation)
     * @param allowedToActOnBehalfOf           msDS-AllowedToActOnBehalfOfOtherIdentity principals (resource-based)
     * @param servicePrincipalNames            servicePrincipalName
     */
    public record ComputerAccount(String host, String samAccountName, List<String> servicePrincipalNames,
                                  List<String> allowedToDelegateTo, boolean trustedToAuthForDelegation,
                                  boolean trustedForDelegation, List<String> allowedToActOnBehalfOf,
                                  java.time.Instant whenChanged) {
        public ComputerAccount {
            servicePrincipalNames = List.copyOf(servicePrincipalNames);
            allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
            allowedToActOnBehalfOf = List.copyOf(allowedToActOnBehalfOf);
        }

        public ComputerAccount(String host, String samAccountName, List<String> servicePrincipalNames,
                               List<String> allowedToDelegateTo, boolean trustedToAuthForDelegation,
                               boolean trustedForDelegation, List<String> allowedToActOnBehalfOf) {
            this(host, samAccountName, servicePrincipalNames, allowedToDelegateTo, trustedToAuthForDelegation,
                    trustedForDelegation, allowedToActOnBehalfOf, null);
        }
    }

    /**
     * A user account the engine connects to hosts as (Get-ADUser -Properties AccountNotDelegated,MemberOf).
     *
     * @param account             as the inventory names it ({@code LAB\svc-hvmigrate}, {@code svc@LAB.TEST})
     * @param hosts               the inventory hosts that use it
     * @param accountNotDelegated userAccountControl NOT_DELEGATED: "account is sensitive and cannot be delegated"
     * @param memberOf            group DNs
     */
    public record UserAccount(String account, String samAccountName, String domain, List<String> hosts,
                              boolean accountNotDelegated, List<String> memberOf) {
        public UserAccount {
            hosts = List.copyOf(hosts);
            memberOf = List.copyOf(memberOf);
        }

        /** A member of Protected Users: its credentials are never delegated. */
        public boolean protectedUsers() {
            return memberOf.stream().anyMatch(g -> g.regionMatches(true, 0, "CN=Protected Users,", 0, 19));
        }
    }

    /** A host's TGT for its computer account: tickets it holds were issued from the directory as it was at start. */
    public record SystemTicket(String host, java.time.Instant start, java.time.Instant end) {}
}
