package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.directory.Directory;
import io.hvmigrate.directory.DirectoryAccount;
import io.hvmigrate.directory.DirectoryBackend;
import io.hvmigrate.directory.DirectoryException;
import io.hvmigrate.directory.PowerShellDirectory;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.ClusterFacts;
import io.hvmigrate.model.Facts.ClusterGroup;
import io.hvmigrate.model.Facts.Disk;
import io.hvmigrate.model.Facts.FileServerFacts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.MigrationNetwork;
import io.hvmigrate.model.Facts.MigrationSettings;
import io.hvmigrate.model.Facts.Share;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Facts.Volume;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the facts from the fleet: every inventory host at once, one round trip each, then each cluster once from one of
 * its nodes. Shares and who may use them come from the inventory (a WinRM session cannot test a share for its host).
 */
public final class Discovery {

    /**
     * A host that could not be read, why, and what kind of failure that was: a move that depends on the host is then
     * refused for that cause (authentication, TLS, connection, WinRM configuration), never as a missing VM.
     */
    public record Unreachable(String host, String reason, Cause cause) {

        /** The fix for this cause, as the user acts on it. */
        public String fix() {
            return cause.fix();
        }

        /** One line for the user: the host, the cause, what happened, the fix. */
        public String describe() {
            return host + ": " + cause.words() + " (" + cause.name() + "): " + reason + "; fix: " + fix();
        }
    }

    /** Why a host could not be read. Stable names: reports and scripts may match on them. */
    public enum Cause {
        /** The host refused the credentials (HTTP 401, a Kerberos failure, a missing secret). */
        AUTH_FAILED("authentication failed", "check the inventory's credential for the host (user, password file or environment "
                + "variable; for Kerberos a valid ticket or keytab) and that the account is an administrator of the host"),
        /** The certificate was not trusted or did not name the host. */
        TLS_FAILED("TLS failed", "install the host's WinRM certificate's CA in the inventory's trust (tls.ca), or issue the host a "
                + "certificate naming it; see the README, Host prerequisites"),
        /** Nothing reached the host, or the connection broke. */
        HOST_UNREACHABLE("host unreachable", "check that the host is up, that WinRM listens on the inventory's port "
                + "(Test-WSMan <host> -UseSSL) and that the firewall lets the management host in"),
        /** The host's WinRM service answered with a fault: a quota or its configuration. */
        WINRM_REFUSED("WinRM refused the request", "check the host's WinRM configuration (winrm get winrm/config): MaxShellsPerUser, "
                + "MaxConcurrentOperationsPerUser, MaxMemoryPerShellMB, and the listener"),
        /**
         * The host that answered is not the inventory entry's host (what it says it is, or the name its certificate
         * gives, differs from the entry), or another inventory entry reaches the same host.
         */
        IDENTITY_MISMATCH("not the inventory's host", "check the inventory entry's address and port (a stale IP, a copy-paste slip, "
                + "a DNS alias): they must reach the host its fqdn names, and each host must have one entry; compare with "
                + "(Get-VMHost).FullyQualifiedDomainName and (Get-CimInstance Win32_ComputerSystemProduct).UUID on the host"),
        /** The host answered, but the discovery script failed there. */
        SCRIPT_FAILED("discovery failed on the host", "run the message's command on the host to see why (Hyper-V module, "
                + "Failover Clustering tools, the account's rights)");

        private final String words;
        private final String fix;

        Cause(String words, String fix) {
            this.words = words;
            this.fix = fix;
        }

        public String words() {
            return words;
        }

        public String fix() {
            return fix;
        }

        /** The cause of a failed remote call. */
        public static Cause of(TransportException e) {
            return switch (e.kind()) {
                case AUTHENTICATION -> AUTH_FAILED;
                case TLS -> TLS_FAILED;
                case WRONG_HOST -> IDENTITY_MISMATCH;
                case REJECTED -> WINRM_REFUSED;
                case NOT_SENT, OUTCOME_UNKNOWN, REFUSED_LOCALLY -> HOST_UNREACHABLE;
            };
        }
    }

    /** What discovery found, and which hosts it could not read. */
    public record Result(Facts facts, List<Unreachable> unreachable) {

        /** The inventory hosts that could not be read, as the planner refuses the moves that depend on them. */
        public List<io.hvmigrate.plan.UnreadHost> unreadHosts() {
            return unreachable.stream().filter(u -> !u.host().endsWith(" (directory)"))
                    .map(u -> new io.hvmigrate.plan.UnreadHost(u.host(), switch (u.cause()) {
                        case AUTH_FAILED -> io.hvmigrate.plan.RefusalCode.AUTH_FAILED;
                        case TLS_FAILED -> io.hvmigrate.plan.RefusalCode.TLS_FAILED;
                        case HOST_UNREACHABLE -> io.hvmigrate.plan.RefusalCode.HOST_UNREACHABLE;
                        case WINRM_REFUSED, SCRIPT_FAILED -> io.hvmigrate.plan.RefusalCode.HOST_NOT_READ;
                        case IDENTITY_MISMATCH -> io.hvmigrate.plan.RefusalCode.HOST_IDENTITY_MISMATCH;
                    }, u.cause().words() + ": " + u.reason(), u.fix())).toList();
        }

        /** True when hosts were asked and none answered: a connection problem, not a playbook one. */
        public boolean noHostRead() {
            return facts.hosts().isEmpty() && !unreadHosts().isEmpty();
        }
    }

    private final HostConnections hosts;
    private final Inventory inventory;
    private final Clock clock;
    private final Duration limit;
    private final DirectoryBackend directory;

    public Discovery(HostConnections hosts, Inventory inventory, Clock clock, Duration limit) {
        this(hosts, inventory, clock, limit, PowerShellDirectory.backend(hosts, limit, inventory.directoryVia()));
    }

    public Discovery(HostConnections hosts, Inventory inventory, Clock clock, Duration limit, DirectoryBackend directory) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.clock = clock;
        this.limit = limit;
        this.directory = directory;
    }

    public Result discover(List<String> names) {
        List<Unreachable> unreachable = new ArrayList<>();
        Map<String, JsonNode> hostData = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, String> sharedTarget = HostIdentity.sharedTargets(
                    names.stream().map(inventory::host).flatMap(Optional::stream).toList());
            Map<String, Future<StepResult>> calls = new LinkedHashMap<>();
            for (String h : names) {
                if (sharedTarget.containsKey(h)) {
                    unreachable.add(new Unreachable(h, sharedTarget.get(h), Cause.IDENTITY_MISMATCH));
                } else {
                    calls.put(h, pool.submit(() -> hosts.run(h, StepScripts.discoverHost(), limit, true)));
                }
            }
            Map<String, TransportException> wrongHost = new LinkedHashMap<>();
            for (var e : calls.entrySet()) {
                read(e.getKey(), e.getValue(), unreachable, wrongHost).ifPresent(d -> hostData.put(e.getKey(), d));
            }
            verifyIdentities(hostData, wrongHost, unreachable);
            // each cluster once, from the first node that answered
            Map<String, String> clusterReader = new LinkedHashMap<>();
            hostData.forEach((h, d) -> {
                String c = text(d, "cluster");
                if (c != null) {
                    clusterReader.putIfAbsent(Names.key(c), h);
                }
            });
            Map<String, Future<StepResult>> clusterCalls = new LinkedHashMap<>();
            clusterReader.forEach((c, h) -> clusterCalls.put(h, pool.submit(() -> hosts.run(h, StepScripts.discoverCluster(), limit, true))));
            // the directory is read while the clusters are, through a host that reads no cluster when there is one
            Directory dir = null;
            Future<Directory.Snapshot> dirRead = null;
            DirectoryRequest request = directoryRequest();
            if (!hostData.isEmpty() || !directory.needsManagementHost()) {
                String reader = hostData.keySet().stream().filter(h -> !clusterReader.containsValue(h)).findFirst()
                        .orElse(hostData.isEmpty() ? null : hostData.keySet().iterator().next());
                Directory through = directory.through(reader);
                dir = through;
                dirRead = pool.submit(() -> through.read(request.computers(), request.users(), request.domains()));
            }
            List<JsonNode> clusterData = new ArrayList<>();
            for (var e : clusterCalls.entrySet()) {
                read(e.getKey(), e.getValue(), unreachable, new LinkedHashMap<>()).ifPresent(clusterData::add);
            }
            Facts facts = build(hostData, clusterData);
            if (dirRead != null) {
                facts = withDirectory(facts, dir, request, dirRead, unreachable);
            }
            return new Result(facts, unreachable);
        }
    }

    /**
     * Reads the computer accounts of every inventory host, cluster and file server (SOFS nodes too) from the directory
     * (over LDAP, or through Get-ADComputer on one host that answered): what delegation checks need. Accounts the
     * directory does not know are left out; a failed read leaves the directory facts empty (checks then say they cannot
     * tell). Over LDAP, the domain, its forest and its trusts are read too.
     */
    /** What the directory is asked for: derived from the inventory alone, so the read can start early. */
    private record DirectoryRequest(Map<String, String> byAccount, Map<String, List<String>> userHosts,
                                    List<Directory.AccountRef> computers, List<Directory.AccountRef> users, List<String> domains) {}

    private DirectoryRequest directoryRequest() {
        Map<String, String> byAccount = new LinkedHashMap<>();
        Map<String, String> domainOf = new LinkedHashMap<>();
        for (Inventory.HostEndpoint h : inventory.hosts()) {
            byAccount.putIfAbsent(Names.key(h.netbios()), h.name());
            domainOf.putIfAbsent(Names.key(h.netbios()), Names.domainOf(h.fqdn()));
        }
        for (Inventory.ClusterRef c : inventory.clusters()) {
            byAccount.putIfAbsent(Names.key(c.name()), c.name());
            domainOf.putIfAbsent(Names.key(c.name()), Names.domainOf(c.fqdn()));
        }
        for (Inventory.FileServerRef f : inventory.fileServers()) {
            byAccount.putIfAbsent(Names.key(f.netbios()), f.name());
            domainOf.putIfAbsent(Names.key(f.netbios()), Names.domainOf(f.fqdn()));
            for (String n : f.nodes()) {
                byAccount.putIfAbsent(Names.key(n), n);
                domainOf.putIfAbsent(Names.key(n), Names.domainOf(f.fqdn()));
            }
        }
        List<Directory.AccountRef> computers = byAccount.keySet().stream()
                .map(k -> new Directory.AccountRef(k.toUpperCase(Locale.ROOT), domainOf.get(k))).toList();
        // the accounts the engine runs as, each once, with the hosts that use it
        Map<String, List<String>> userHosts = new LinkedHashMap<>();
        for (Inventory.HostEndpoint h : inventory.hosts()) {
            if (h.user() != null && !h.user().isBlank()) {
                userHosts.computeIfAbsent(h.user(), u -> new ArrayList<>()).add(h.name());
            }
        }
        List<Directory.AccountRef> users = userHosts.keySet().stream().map(Discovery::userRef).toList();
        List<String> domains = new ArrayList<>();
        domainOf.values().stream().filter(java.util.Objects::nonNull).map(d -> d.toLowerCase(Locale.ROOT))
                .filter(d -> !domains.contains(d)).forEach(domains::add);
        return new DirectoryRequest(byAccount, userHosts, computers, users, domains);
    }

    private Facts withDirectory(Facts facts, Directory dir, DirectoryRequest request, Future<Directory.Snapshot> pending,
                                List<Unreachable> unreachable) {
        Map<String, String> byAccount = request.byAccount();
        Map<String, List<String>> userHosts = request.userHosts();
        List<Facts.ComputerAccount> accounts = new ArrayList<>();
        List<Facts.Domain> domainFacts = new ArrayList<>(facts.directory().domains());
        List<Facts.Trust> trusts = new ArrayList<>(facts.directory().trusts());
        List<Facts.UserAccount> userFacts = new ArrayList<>();
        try {
            Directory.Snapshot snap = await(pending);
            for (DirectoryAccount a : snap.computers()) {
                accounts.add(new Facts.ComputerAccount(byAccount.getOrDefault(Names.key(a.asked()), a.asked()), a.samAccountName(),
                        a.servicePrincipalNames(), a.allowedToDelegateTo(), a.trustedToAuthForDelegation(), a.trustedForDelegation(),
                        a.allowedToActOnBehalfOf(), a.whenChanged()));
            }
            for (Directory.UserInfo u : snap.users()) {
                String account = userHosts.keySet().stream().filter(k -> userRef(k).name().equalsIgnoreCase(u.asked()))
                        .findFirst().orElse(u.asked());
                userFacts.add(new Facts.UserAccount(account, u.samAccountName(), u.domain(), userHosts.getOrDefault(account, List.of()),
                        u.accountNotDelegated(), u.memberOf()));
            }
            for (Directory.DomainInfo d : snap.domains()) {
                if (domainFacts.stream().noneMatch(x -> Names.same(x.name(), d.name()))) {
                    domainFacts.add(new Facts.Domain(d.name(), d.forest()));
                }
            }
            for (Directory.TrustInfo t : snap.trusts()) {
                if ((t.attributes() & Directory.TrustInfo.WITHIN_FOREST) != 0) {
                    continue; // a parent-child or tree-root trust: the same forest, which domains() says
                }
                Facts.TrustType type = t.forestTransitive() ? Facts.TrustType.FOREST : Facts.TrustType.EXTERNAL;
                String local = type == Facts.TrustType.FOREST ? forestOf(domainFacts, t.local()) : t.local();
                if (domainFacts.stream().noneMatch(d -> Names.same(d.name(), t.partner()))) {
                    // outside this forest (not WITHIN_FOREST): a forest trust names the other forest's root; an
                    // external trust names a domain whose forest the object does not say, so it counts as its own
                    domainFacts.add(new Facts.Domain(t.partner(), t.partner()));
                }
                Facts.Trust trust;
                if (t.inbound() && t.outbound()) {
                    trust = new Facts.Trust(local, t.partner(), type, true);
                } else if (t.outbound()) {
                    trust = new Facts.Trust(local, t.partner(), type, false);
                } else if (t.inbound()) {
                    trust = new Facts.Trust(t.partner(), local, type, false);
                } else {
                    continue;
                }
                // both sides hold an object for the same trust: keep it once
                boolean known = trusts.stream().anyMatch(x -> x.type() == trust.type() && x.bidirectional() == trust.bidirectional()
                        && ((Names.same(x.trusting(), trust.trusting()) && Names.same(x.trusted(), trust.trusted()))
                        || (trust.bidirectional() && Names.same(x.trusting(), trust.trusted()) && Names.same(x.trusted(), trust.trusting()))));
                if (!known) {
                    trusts.add(trust);
                }
            }
        } catch (DirectoryException e) {
            unreachable.add(new Unreachable(dir.where() + " (directory)", e.getMessage(), Cause.SCRIPT_FAILED));
            if (e.isSecondHop()) {
                // not an empty directory: the management host could not reach a DC, and check says so with the fix
                Facts.DirectoryFacts d = facts.directory();
                return new Facts(facts.collectedAt(), facts.hosts(), facts.clusters(), facts.fileServers(), facts.vms(),
                        new Facts.DirectoryFacts(d.domains(), d.trusts(), d.computers(), d.users(), d.tickets(),
                                dir.where(), e.getMessage()));
            }
            return facts;
        }
        return new Facts(facts.collectedAt(), facts.hosts(), facts.clusters(), facts.fileServers(), facts.vms(),
                new Facts.DirectoryFacts(domainFacts, trusts, accounts, userFacts, facts.directory().tickets(), dir.where()));
    }

    private static Directory.Snapshot await(Future<Directory.Snapshot> pending) throws DirectoryException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryException("interrupted while reading the directory");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DirectoryException d) {
                throw d;
            }
            throw new DirectoryException(String.valueOf(e.getCause()));
        }
    }

    /** {@code LAB\svc} → svc in LAB; {@code svc@LAB.TEST} → svc in lab.test; {@code svc} → svc in the directory's own domain. */
    static Directory.AccountRef userRef(String user) {
        int slash = user.indexOf('\\');
        if (slash > 0) {
            return new Directory.AccountRef(user.substring(slash + 1), user.substring(0, slash));
        }
        int at = user.lastIndexOf('@');
        if (at > 0) {
            return new Directory.AccountRef(user.substring(0, at), user.substring(at + 1).toLowerCase(Locale.ROOT));
        }
        return new Directory.AccountRef(user, null);
    }

    private static String forestOf(List<Facts.Domain> domains, String domain) {
        return domains.stream().filter(d -> Names.same(d.name(), domain)).map(Facts.Domain::forest).findFirst().orElse(domain);
    }

    /**
     * Blocks the entries that did not reach their own host ({@link HostIdentity#blocked}): they leave the facts (no move
     * is planned on them, and no cluster is read through them) and are reported as not read, with both identities.
     */
    private void verifyIdentities(Map<String, JsonNode> hostData, Map<String, TransportException> wrongHost,
                                  List<Unreachable> unreachable) {
        Map<String, HostIdentity> answered = new LinkedHashMap<>();
        hostData.forEach((h, d) -> answered.put(h, HostIdentity.of(d)));
        Map<String, String> certificateName = new LinkedHashMap<>();
        Map<String, String> refusedAs = new LinkedHashMap<>();
        wrongHost.forEach((h, t) -> {
            certificateName.put(h, t.answeredAs());
            refusedAs.put(h, t.detail());
        });
        HostIdentity.blocked(inventory, answered, certificateName, refusedAs).forEach((h, why) -> {
            hostData.remove(h);
            unreachable.removeIf(u -> u.host().equals(h));
            unreachable.add(new Unreachable(h, why, Cause.IDENTITY_MISMATCH));
        });
    }

    private static Optional<JsonNode> read(String host, Future<StepResult> f, List<Unreachable> unreachable,
                                           Map<String, TransportException> wrongHost) {
        try {
            StepResult r = f.get();
            return switch (r) {
                case StepResult.Ok ok -> Optional.of(ok.data());
                case StepResult.Failed fail -> {
                    unreachable.add(new Unreachable(host, fail.message(), Cause.SCRIPT_FAILED));
                    yield Optional.empty();
                }
                case StepResult.Unreadable u -> {
                    unreachable.add(new Unreachable(host, u.why(), Cause.SCRIPT_FAILED));
                    yield Optional.empty();
                }
            };
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof TransportException t) {
                unreachable.add(new Unreachable(host, t.detail(), Cause.of(t)));
                if (t.answeredAs() != null) {
                    wrongHost.put(host, t);
                }
            } else {
                unreachable.add(new Unreachable(host, String.valueOf(e.getCause()), Cause.SCRIPT_FAILED));
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable.add(new Unreachable(host, "interrupted", Cause.HOST_UNREACHABLE));
            return Optional.empty();
        }
    }

    Facts build(Map<String, JsonNode> hostData, List<JsonNode> clusterData) {
        List<HostFacts> hostFacts = new ArrayList<>();
        List<VmFacts> vms = new ArrayList<>();
        Map<String, JsonNode> clusterByName = new LinkedHashMap<>();
        clusterData.forEach(c -> clusterByName.put(Names.key(c.path("name").asText()), c));

        for (var e : hostData.entrySet()) {
            String name = e.getKey();
            JsonNode d = e.getValue();
            Inventory.HostEndpoint ep = inventory.host(name).orElseThrow();
            String cluster = text(d, "cluster");
            JsonNode c = cluster == null ? null : clusterByName.get(Names.key(cluster));
            String nodeState = null;
            if (c != null) {
                for (JsonNode n : c.path("nodes")) {
                    if (Names.same(n.path(0).asText(), ep.netbios()) || Names.same(n.path(0).asText(), name)) {
                        nodeState = n.path(1).asText();
                    }
                }
            }
            JsonNode mig = d.path("mig");
            List<MigrationNetwork> nets = new ArrayList<>();
            d.path("nets").forEach(n -> nets.add(new MigrationNetwork(n.path(0).asText(), n.path(1).asInt())));
            List<Volume> volumes = new ArrayList<>();
            d.path("vol").forEach(v -> volumes.add(new Volume(v.path(0).asText() + ":\\", v.path(1).asLong())));
            String fqdn = text(d, "fqdn") != null && text(d, "fqdn").contains(".") ? text(d, "fqdn") : ep.fqdn();
            hostFacts.add(new HostFacts(name, fqdn, ep.netbios(), Names.domainOf(fqdn), text(d, "os"), cluster == null ? null : canonicalCluster(cluster),
                    nodeState, new MigrationSettings(mig.path(0).asBoolean(), mig.path(1).asInt() == 1 ? Facts.AuthType.KERBEROS : Facts.AuthType.CREDSSP,
                    switch (mig.path(2).asInt()) {
                        case 0 -> Facts.PerformanceOption.TCPIP;
                        case 2 -> Facts.PerformanceOption.SMB;
                        default -> Facts.PerformanceOption.COMPRESSION;
                    }, mig.path(3).asBoolean(), mig.path(4).asInt(2), mig.path(5).asInt(2)),
                    nets, StepResult.strings(d.path("ips")), StepResult.strings(d.path("sw")), new Facts.Processor(d.path("cpu").path(0).asText(""), d.path("cpu").path(1).asText("")),
                    StepResult.strings(d.path("ver")), new Facts.Memory(d.path("mem").path(0).asLong(), d.path("mem").path(1).asLong()), volumes,
                    d.path("cg").asBoolean(), text(d, "vmPath")));
            for (JsonNode v : d.path("vms")) {
                List<Disk> disks = new ArrayList<>();
                v.path("disks").forEach(x -> disks.add(new Disk(x.path(0).asText(),
                        x.path(1).isNumber() ? x.path(1).asLong() : Disk.UNKNOWN)));
                ClusterGroup group = null;
                if (v.path("ha").asBoolean() && c != null) {
                    group = groupOf(c, v.path("id").asText(), v.path("name").asText(), cluster);
                }
                vms.add(new VmFacts(v.path("name").asText(), v.path("id").asText().toLowerCase(Locale.ROOT), name, v.path("state").asText(),
                        group, v.path("ver").asText(), v.path("gen").asInt(2), v.path("mem").asLong(), v.path("path").asText(), disks,
                        StepResult.strings(v.path("sw")), StepResult.strings(v.path("iso"))));
            }
        }
        List<Facts.SystemTicket> tickets = new ArrayList<>();
        for (var e : hostData.entrySet()) {
            JsonNode tgt = e.getValue().path("tgt");
            if (tgt.isArray() && !tgt.isEmpty()) {
                KlistTgt.parse(StepResult.strings(tgt), text(e.getValue(), "now"))
                        .ifPresent(t -> tickets.add(new Facts.SystemTicket(e.getKey(), t.start(), t.end())));
            }
        }
        List<ClusterFacts> clusters = new ArrayList<>();
        for (JsonNode c : clusterData) {
            List<String> nodes = new ArrayList<>();
            for (JsonNode n : c.path("nodes")) {
                nodes.add(inventory.host(n.path(0).asText()).map(Inventory.HostEndpoint::name).orElse(n.path(0).asText()));
            }
            List<Volume> csv = new ArrayList<>();
            c.path("csv").forEach(v -> csv.add(new Volume(v.path(0).asText(), v.path(1).asLong())));
            String cname = canonicalCluster(c.path("name").asText());
            clusters.add(new ClusterFacts(cname, inventory.cluster(cname).map(Inventory.ClusterRef::fqdn).orElse(null),
                    text(c, "domain"), nodes, c.path("mpm").asInt(0), csv));
        }
        List<FileServerFacts> fileServers = new ArrayList<>();
        for (Inventory.FileServerRef f : inventory.fileServers()) {
            fileServers.add(new FileServerFacts(f.name(), f.fqdn(), f.netbios(), Names.domainOf(f.fqdn()), f.kind(), f.nodes(),
                    f.shares().stream().map(s -> new Share(s.name(), s.fullControl(), 0)).toList()));
        }
        return new Facts(clock.instant(), hostFacts, clusters, fileServers, vms,
                new Facts.DirectoryFacts(List.of(), List.of(), List.of(), List.of(), tickets));
    }

    private String canonicalCluster(String name) {
        return inventory.cluster(name).map(Inventory.ClusterRef::name).orElse(name);
    }

    /**
     * The role that holds the VM: the owner group of the VM's "Virtual Machine" resource (VmID), whatever the role is
     * called ("SCVMM web01 Resources", a name an administrator gave it); a cluster read without resources falls back
     * to a role named like the VM.
     */
    private ClusterGroup groupOf(JsonNode cluster, String vmId, String vmName, String clusterName) {
        String roleName = vmName;
        for (JsonNode r : cluster.path("res")) {
            if (r.path(0).asText().equalsIgnoreCase(vmId) && !r.path(1).asText().isEmpty()) {
                roleName = r.path(1).asText();
                break;
            }
        }
        for (JsonNode g : cluster.path("groups")) {
            if (Names.same(g.path(0).asText(), roleName)) {
                List<String> owners = new ArrayList<>();
                g.path(4).forEach(o -> owners.add(inventory.host(o.asText()).map(Inventory.HostEndpoint::name).orElse(o.asText())));
                String owner = inventory.host(g.path(1).asText()).map(Inventory.HostEndpoint::name).orElse(g.path(1).asText());
                return new ClusterGroup(g.path(0).asText(), canonicalCluster(clusterName), owner, g.path(2).asText(), g.path(3).asInt(2000), owners);
            }
        }
        // a clustered VM whose role has another name: the role is still there, with default settings
        return new ClusterGroup(roleName, canonicalCluster(clusterName), null, "Online", 2000, List.of());
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

}
