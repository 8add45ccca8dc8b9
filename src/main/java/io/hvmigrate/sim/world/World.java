package io.hvmigrate.sim.world;

import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.world.ad.AccountControl;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import io.hvmigrate.sim.world.ad.Directory;
import io.hvmigrate.sim.world.ad.DirectoryException;
import io.hvmigrate.sim.world.ad.DirectorySnapshot;
import io.hvmigrate.sim.world.ad.DomainTopology;
import io.hvmigrate.sim.world.ad.InMemoryDirectory;
import io.hvmigrate.sim.world.fleet.AccountSpec;
import io.hvmigrate.sim.world.fleet.ClusterSpec;
import io.hvmigrate.sim.world.fleet.DomainSpec;
import io.hvmigrate.sim.world.fleet.FaultSpec;
import io.hvmigrate.sim.world.fleet.FileServerSpec;
import io.hvmigrate.sim.world.fleet.Fleet;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.world.fleet.VmSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The live state of a simulated fleet and the operations cmdlets perform on it, each checked as Windows checks it.
 * Thread-safe: every operation holds the world's lock; blocking waits release it.
 *
 * <p>Time is the {@link SimClock}'s: migrations progress, queue and end as simulated time passes, and the world
 * catches up on every tick and before every operation.
 */
public final class World {
    final SimClock clock;
    final Fleet fleet;
    final DomainTopology topology;
    final Directory directory;
    final Duration ticketLifetime;
    final Map<String, HostState> hosts = new LinkedHashMap<>();
    final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    final Map<String, FileServerState> fileServers = new LinkedHashMap<>();
    final Map<UUID, VmState> vms = new LinkedHashMap<>();
    final Map<String, Instant> whenChanged = new LinkedHashMap<>();
    final List<Migration> migrations = new ArrayList<>();
    final List<FaultSpec.MigrationFailure> migrationFaults = new ArrayList<>();
    final List<ScheduledCrash> crashes = new ArrayList<>();
    final Instant startedAt;
    private final MoveRules rules = new MoveRules(this);
    private final Scheduler scheduler = new Scheduler(this);
    private final ClusterOperations clusterOps = new ClusterOperations(this);

    record ScheduledCrash(String host, Instant at) {}

    public World(Fleet fleet, SimClock clock) {
        this(fleet, clock, buildDirectory(fleet));
    }

    /** A world whose directory is supplied by the caller (e.g. one backed by a real LDAP server). */
    public World(Fleet fleet, SimClock clock, Directory directory) {
        this.fleet = fleet;
        this.clock = clock;
        this.directory = directory;
        this.topology = new DomainTopology(fleet.domains(), fleet.trusts());
        this.ticketLifetime = Duration.ofMinutes(fleet.kerberos().ticketLifetimeMinutes());
        this.startedAt = clock.now();
        DirectorySnapshot initial = directory.snapshot();
        for (HostSpec h : fleet.hosts()) {
            HostState s = new HostState(h, netbiosOf(h.domain()));
            s.ticketView = initial;
            s.ticketViewAt = startedAt;
            hosts.put(key(h.name()), s);
        }
        for (ClusterSpec c : fleet.clusters()) {
            ClusterState cs = new ClusterState(c);
            hosts.values().stream().filter(h -> cs.name.equals(h.cluster)).forEach(h -> cs.nodes.add(h.name));
            clusters.put(key(c.name()), cs);
        }
        for (FileServerSpec f : fleet.fileServers()) {
            fileServers.put(key(f.name()), new FileServerState(f));
        }
        for (VmSpec v : fleet.vms()) {
            VmState vm = new VmState(v.name(), v.id() != null ? UUID.fromString(v.id()) : idFor(v.name()),
                    v.generation());
            vm.version = v.version();
            vm.state = VmPowerState.parse(v.state());
            vm.host = hosts.get(key(v.host())).name;
            vm.memoryStartupMB = v.memoryStartupMB();
            vm.memoryAssignedMB = vm.state == VmPowerState.Running ? v.memoryAssignedMB() : 0;
            vm.dirtyMBps = v.dirtyMBps();
            vm.processorCount = v.processorCount();
            vm.processorCompatibility = v.processorCompatibility();
            vm.path = v.path();
            v.disks().forEach(d -> vm.disks.add(new VmState.Disk(d.path(), d.sizeGB())));
            // generation 2: DVD drives on SCSI controller 0 after the disks; generation 1: IDE controller 1
            for (String iso : v.dvdPaths()) {
                vm.dvdDrives.add(vm.generation == 1 ? new VmState.Dvd(1, vm.dvdDrives.size(), iso)
                        : new VmState.Dvd(0, vm.disks.size() + vm.dvdDrives.size(), iso));
            }
            vm.switches.addAll(v.switches());
            vm.startedAt = vm.state == VmPowerState.Running ? startedAt.minus(Duration.ofDays(3)) : null;
            vms.put(vm.id, vm);
            if (v.clusterGroup() != null) {
                ClusterState cs = clusters.get(key(hosts.get(key(v.host())).cluster));
                VmSpec.ClusterGroupSpec g = v.clusterGroup();
                String groupName = g.name() != null ? g.name() : v.name();
                ClusterState.GroupState gs = new ClusterState.GroupState(groupName, vm.id, idFor("group:" + groupName));
                gs.ownerNode = vm.host;
                gs.state = g.state() != null ? g.state() : (vm.state == VmPowerState.Running ? "Online" : "Offline");
                gs.priority = g.priority();
                gs.preferredOwners = upper(g.preferredOwners());
                gs.possibleOwners = g.possibleOwners().isEmpty() ? List.copyOf(cs.nodes) : upper(g.possibleOwners());
                gs.antiAffinityClassNames = List.copyOf(g.antiAffinityClassNames());
                gs.failoverThreshold = g.failoverThreshold();
                gs.failoverPeriod = g.failoverPeriod();
                gs.autoFailbackType = g.autoFailbackType();
                cs.groups.put(key(groupName), gs);
                vm.cluster = cs.name;
            }
        }
        for (FaultSpec f : fleet.faults()) {
            switch (f) {
                case FaultSpec.MigrationFailure m -> migrationFaults.add(m);
                case FaultSpec.HostCrash c -> crashes.add(new ScheduledCrash(c.host().toUpperCase(Locale.ROOT),
                        startedAt.plusSeconds(c.afterSeconds())));
            }
        }
        clock.onTick(this::advance);
    }

    /** Loads a fleet file and builds its world on the given clock. */
    public static World fromFile(java.nio.file.Path fleetFile, SimClock clock)
            throws io.hvmigrate.sim.world.fleet.FleetLoadException {
        return new World(new io.hvmigrate.sim.world.fleet.FleetLoader().load(fleetFile), clock);
    }

    /** The session a shell on {@code computerName} opened by {@code caller} works against. */
    public HostSession session(String computerName, Caller caller) throws WorldException {
        return new HostSession(this, host(computerName).name, caller);
    }

    public Fleet fleet() {
        return fleet;
    }

    private static List<String> upper(List<String> names) {
        return names.stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
    }

    private UUID idFor(String name) {
        return UUID.nameUUIDFromBytes(("hvsim:" + fleet.name() + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private String netbiosOf(String domain) {
        return topology.domain(domain).map(DomainSpec::netbios).orElse(domain.toUpperCase(Locale.ROOT));
    }

    /** The directory the fleet file declares: one computer account per host, cluster, file server and SOFS node. */
    public static InMemoryDirectory buildDirectory(Fleet fleet) {
        InMemoryDirectory d = new InMemoryDirectory();
        for (HostSpec h : fleet.hosts()) {
            d.add(computer(fleet, h.name(), h.domain(), h.account(), true));
        }
        for (ClusterSpec c : fleet.clusters()) {
            d.add(computer(fleet, c.name(), c.domain(), c.account(), false));
        }
        for (FileServerSpec f : fleet.fileServers()) {
            d.add(computer(fleet, f.name(), f.domain(), f.account(), false));
            for (String n : f.nodes()) {
                d.add(computer(fleet, n, f.domain(), AccountSpec.NONE, false));
            }
        }
        fleet.computers().forEach(c -> d.add(computer(fleet, c.name(), c.domain(), c.account(), false)));
        for (var u : fleet.users()) {
            int uac = AccountControl.NORMAL_ACCOUNT | (u.sensitive() ? AccountControl.NOT_DELEGATED : 0);
            d.add(new io.hvmigrate.sim.world.ad.UserAccount(u.sam(), u.domain().toLowerCase(Locale.ROOT),
                    "CN=" + u.sam() + ",CN=Users," + dn(u.domain()), uac, u.protectedUsers()));
        }
        return d;
    }

    private static ComputerAccount computer(Fleet fleet, String name, String domain, AccountSpec a,
                                            boolean hyperVHost) {
        String upper = name.toUpperCase(Locale.ROOT);
        String fqdn = name.toLowerCase(Locale.ROOT) + "." + domain.toLowerCase(Locale.ROOT);
        List<String> spns = new ArrayList<>();
        if (a.servicePrincipalNames() != null) {
            spns.addAll(a.servicePrincipalNames());
        } else {
            // What Windows registers: HOST and RestrictedKrbHost by the domain join, WSMAN by WinRM, and VMMS's three
            // Hyper-V SPNs (event 14050 when it cannot). cifs is served by the HOST SPN alias (sPNMappings) and is
            // not registered separately.
            spns.addAll(List.of("HOST/" + fqdn, "HOST/" + upper, "RestrictedKrbHost/" + fqdn,
                    "RestrictedKrbHost/" + upper, "WSMAN/" + fqdn, "WSMAN/" + upper));
            if (hyperVHost) {
                for (String svc : List.of("Microsoft Virtual System Migration Service",
                        "Microsoft Virtual Console Service", "Hyper-V Replica Service")) {
                    spns.add(svc + "/" + fqdn);
                    spns.add(svc + "/" + upper);
                }
            }
        }
        spns.addAll(a.extraServicePrincipalNames());
        int uac = AccountControl.WORKSTATION_TRUST_ACCOUNT
                  | (a.trustedForDelegation() ? AccountControl.TRUSTED_FOR_DELEGATION : 0)
                  | (a.trustedToAuthForDelegation() ? AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION : 0);
        UUID guid = UUID.nameUUIDFromBytes(("hvsim:" + fleet.name() + ":computer:" + fqdn)
                .getBytes(StandardCharsets.UTF_8));
        return new ComputerAccount(upper, upper + "$", fqdn, domain.toLowerCase(Locale.ROOT),
                "CN=" + upper + ",CN=Computers," + dn(domain), guid, spns, a.allowedToDelegateTo(), uac,
                a.principalsAllowedToDelegateToAccount());
    }

    static String dn(String domain) {
        StringBuilder sb = new StringBuilder();
        for (String part : domain.toLowerCase(Locale.ROOT).split("\\.")) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append("DC=").append(part);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ time

    public SimClock clock() {
        return clock;
    }

    public Directory directory() {
        return directory;
    }

    public DomainTopology topology() {
        return topology;
    }

    /** Brings the world up to the clock's present: migrations progress, end, start from the queue; crashes happen. */
    public synchronized void tick() {
        scheduler.catchUp(clock.now());
        notifyAll();
    }

    /**
     * The clock moved on (and a waiter woke up to look): catch up, waking the waiters only when something changed.
     * Waking them on every look made every waiting Move-VM wake all the others, which woke it again, without end —
     * CPU burnt for nothing in proportion to the migrations waited on at once.
     */
    private synchronized void advance() {
        if (scheduler.catchUp(clock.now())) {
            notifyAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ hosts

    HostState host(String nameOrAddress) throws WorldException {
        return findHost(nameOrAddress).orElseThrow(() -> WindowsErrors.hostNotFound(nameOrAddress));
    }

    Optional<HostState> findHost(String nameOrAddress) {
        if (nameOrAddress == null) {
            return Optional.empty();
        }
        // most callers name the host as it is called: one look-up, not a scan of the fleet
        HostState named = hosts.get(key(nameOrAddress.trim()));
        if (named != null) {
            return Optional.of(named);
        }
        return hosts.values().stream().filter(h -> h.answersTo(nameOrAddress)).findFirst();
    }

    public synchronized List<HostInfo> hosts() {
        tick();
        return hosts.values().stream().map(HostState::info).toList();
    }

    public synchronized HostInfo vmHost(String computerName) throws WorldException {
        tick();
        return host(computerName).info();
    }

    /**
     * Set-VMHost for the migration settings; null leaves a value as it is. Values are checked as Set-VMHost checks
     * them (the limits are UInt32 and at least 1).
     */
    public synchronized HostInfo setVmHost(String computerName, HostSettings change) throws WorldException {
        HostState h = host(computerName);
        if (change.maximumVirtualMachineMigrations() != null && change.maximumVirtualMachineMigrations() < 1) {
            throw WindowsErrors.invalidArgument("The value of MaximumVirtualMachineMigrations must be at least 1.",
                    h.name);
        }
        if (change.maximumStorageMigrations() != null && change.maximumStorageMigrations() < 1) {
            throw WindowsErrors.invalidArgument("The value of MaximumStorageMigrations must be at least 1.", h.name);
        }
        if (change.authenticationType() != null) {
            h.authenticationType = change.authenticationType();
        }
        if (change.performanceOption() != null) {
            h.performance = change.performanceOption();
        }
        if (change.useAnyNetworkForMigration() != null) {
            h.useAnyNetwork = change.useAnyNetworkForMigration();
        }
        if (change.maximumVirtualMachineMigrations() != null) {
            h.maxVmMigrations = change.maximumVirtualMachineMigrations();
        }
        if (change.maximumStorageMigrations() != null) {
            h.maxStorageMigrations = change.maximumStorageMigrations();
        }
        if (change.virtualMachinePath() != null) {
            h.virtualMachinePath = change.virtualMachinePath();
        }
        if (change.virtualHardDiskPath() != null) {
            h.virtualHardDiskPath = change.virtualHardDiskPath();
        }
        scheduler.catchUp(clock.now()); // a raised limit lets queued migrations start
        if (change.performanceOption() != null) {
            scheduler.reshare(clock.now()); // the host's links carry SMB over more of them, or fewer
        }
        notifyAll();
        return h.info();
    }

    /** Enable-VMMigration / Disable-VMMigration. */
    public synchronized HostInfo setMigrationEnabled(String computerName, boolean enabled) throws WorldException {
        HostState h = host(computerName);
        h.migrationEnabled = enabled;
        return h.info();
    }

    public synchronized List<MigrationNetwork> migrationNetworks(String computerName) throws WorldException {
        return List.copyOf(host(computerName).networks);
    }

    /** Add-VMMigrationNetwork. */
    public synchronized MigrationNetwork addMigrationNetwork(String computerName, String subnet, int priority)
            throws WorldException {
        HostState h = host(computerName);
        String normal = normalizeSubnet(subnet);
        if (h.networks.stream().anyMatch(n -> n.subnet().equalsIgnoreCase(normal))) {
            throw new WorldException(WindowsErrors.VIRTUALIZATION_EXCEPTION,
                    "The migration network '" + normal + "' already exists.", WindowsErrors.COR_E_EXCEPTION,
                    ErrorCategory.ResourceExists, "ObjectAlreadyExists", normal);
        }
        MigrationNetwork n = new MigrationNetwork(normal, priority);
        h.networks.add(n);
        return n;
    }

    /** Set-VMMigrationNetwork: changes the entries that match {@code subnet} (wildcards allowed). */
    public synchronized List<MigrationNetwork> setMigrationNetwork(String computerName, String subnet,
                                                                   String newSubnet, Integer newPriority)
            throws WorldException {
        HostState h = host(computerName);
        List<MigrationNetwork> changed = new ArrayList<>();
        for (int i = 0; i < h.networks.size(); i++) {
            MigrationNetwork n = h.networks.get(i);
            if (Wildcard.matches(subnet, n.subnet())) {
                MigrationNetwork m = new MigrationNetwork(newSubnet != null ? normalizeSubnet(newSubnet) : n.subnet(),
                        newPriority != null ? newPriority : n.priority());
                h.networks.set(i, m);
                changed.add(m);
            }
        }
        if (changed.isEmpty()) {
            throw migrationNetworkNotFound(subnet);
        }
        return changed;
    }

    /** Remove-VMMigrationNetwork. */
    public synchronized List<MigrationNetwork> removeMigrationNetwork(String computerName, String subnet)
            throws WorldException {
        HostState h = host(computerName);
        List<MigrationNetwork> removed = h.networks.stream().filter(n -> Wildcard.matches(subnet, n.subnet()))
                .toList();
        if (removed.isEmpty()) {
            throw migrationNetworkNotFound(subnet);
        }
        h.networks.removeAll(removed);
        return removed;
    }

    private static WorldException migrationNetworkNotFound(String subnet) {
        return new WorldException(WindowsErrors.VIRTUALIZATION_EXCEPTION,
                "No migration network matching '" + subnet + "' was found.", WindowsErrors.COR_E_EXCEPTION,
                ErrorCategory.ObjectNotFound, "ObjectNotFound", subnet);
    }

    private static String normalizeSubnet(String subnet) {
        String s = subnet.trim();
        if (s.contains("/")) {
            return s;
        }
        return s.contains(":") ? s + "/128" : s + "/32";
    }

    public synchronized List<String> supportedVersions(String computerName) throws WorldException {
        return host(computerName).supportedVersions();
    }

    /** klist purge -li 0x3e7: the host forgets its tickets and acts on the directory as it is now. */
    public synchronized void purgeSystemTickets(String computerName) throws WorldException {
        HostState h = host(computerName);
        h.ticketView = directory.snapshot();
        h.ticketViewAt = clock.now();
    }

    /** An orderly restart: tickets are gone afterwards; VMs are saved and restored (AutomaticStopAction Save). */
    public synchronized void rebootHost(String computerName) throws WorldException {
        purgeSystemTickets(computerName);
    }

    /** The directory as this host acts on it: its cached view, refreshed once the ticket lifetime has passed. */
    DirectorySnapshot directoryAsSeenBy(HostState h) {
        Instant now = clock.now();
        if (!now.isBefore(h.ticketViewAt.plus(ticketLifetime))) {
            h.ticketView = directory.snapshot();
            h.ticketViewAt = now;
        }
        return h.ticketView;
    }

    // ------------------------------------------------------------------------------------------------ faults

    /** A run-time fault: the next migration of {@code vm} fails at {@code atPercent} with the given error. */
    public synchronized void injectMigrationFailure(FaultSpec.MigrationFailure fault) {
        migrationFaults.add(fault);
    }

    /** A run-time transport fault of the host's endpoint (played out by the endpoint). */
    public synchronized void setTransportFault(String computerName, HostSpec.TransportFault fault)
            throws WorldException {
        host(computerName).transportFault = fault;
    }

    /**
     * The host stops at once, as after a power loss. Its clustered VMs are restarted by the cluster on another node
     * that is Up and a possible owner (preferred owners first); its other VMs are off until the host returns. A
     * migration to it fails on the source with the VM still running there; a migration from it is lost with it.
     */
    public synchronized void crashHost(String computerName) throws WorldException {
        HostState h = host(computerName);
        scheduler.catchUp(clock.now());
        scheduler.crash(h, clock.now());
        notifyAll();
    }

    /** The crashed host boots again: it rejoins its cluster as Up and restarts the VMs that were running. */
    public synchronized void restartHost(String computerName) throws WorldException {
        HostState h = host(computerName);
        if (h.running) {
            return;
        }
        h.running = true;
        h.ticketView = directory.snapshot();
        h.ticketViewAt = clock.now();
        if (h.cluster != null) {
            h.nodeState = HostSpec.NodeState.Up;
            h.drainStatus = "NotInitiated";
        }
        for (VmState vm : vms.values()) {
            if (vm.host.equals(h.name) && vm.wasRunningBeforeCrash) {
                vm.wasRunningBeforeCrash = false;
                if (h.memoryFreeMB >= vm.memoryStartupMB) {
                    vm.state = VmPowerState.Running;
                    vm.memoryAssignedMB = vm.memoryStartupMB;
                    vm.startedAt = clock.now();
                    h.memoryFreeMB -= vm.memoryAssignedMB;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ VMs

    public synchronized List<VmInfo> vms(String computerName) throws WorldException {
        tick();
        HostState h = host(computerName);
        return vms.values().stream().filter(v -> v.host.equals(h.name)).map(this::info).toList();
    }

    public synchronized VmInfo vm(String computerName, String name) throws WorldException {
        tick();
        return info(vmOn(host(computerName), name));
    }

    public synchronized VmInfo vm(String computerName, UUID id) throws WorldException {
        tick();
        HostState h = host(computerName);
        VmState v = vms.get(id);
        if (v == null || !v.host.equals(h.name)) {
            throw WindowsErrors.vmIdNotFound(id);
        }
        return info(v);
    }

    /** Where the VM is now, wherever it is (a fleet-wide lookup for tests and tools). */
    public synchronized Optional<VmInfo> findVm(String name) {
        tick();
        return vms.values().stream().filter(v -> v.name.equalsIgnoreCase(name)).findFirst().map(this::info);
    }

    VmState vmOn(HostState h, String name) throws WorldException {
        return vms.values().stream().filter(v -> v.host.equals(h.name) && v.name.equalsIgnoreCase(name))
                .findFirst().orElseThrow(() -> WindowsErrors.vmNotFound(name));
    }

    VmInfo info(VmState v) {
        Optional<Migration> m = migrations.stream().filter(x -> x.vm == v && !x.ended()).findFirst();
        Duration uptime = v.state == VmPowerState.Running && v.startedAt != null
                ? Duration.between(v.startedAt, clock.now()) : Duration.ZERO;
        return new VmInfo(v.name, v.id, v.host, v.state, v.generation, v.version, v.memoryStartupMB,
                v.memoryAssignedMB, v.dirtyMBps, v.processorCount, v.processorCompatibility, v.path,
                v.disks.stream().map(d -> new VmInfo.DiskInfo(d.path, d.sizeGB)).toList(), v.dvdDrives.stream().map(d -> new VmInfo.DvdInfo(d.controllerNumber,
                        d.controllerLocation, d.path)).toList(),
                List.copyOf(v.switches), v.cluster != null, v.cluster, uptime,
                m.map(x -> x.percentAt(clock.now())).orElse(-1));
    }

    /**
     * Set-VMDvdDrive -VMName: puts an ISO into (or, with a null path, ejects the media from) the VM's DVD drives that
     * match the controller number and location given (all of them when none is given). The ISO must be a file the host
     * can open. Returns the drives changed.
     */
    public synchronized List<VmInfo.DvdInfo> setDvdDrive(String computerName, String vmName, Integer controllerNumber,
            Integer controllerLocation, String path) throws WorldException {
        tick();
        HostState h = host(computerName);
        VmState v = vmOn(h, vmName);
        List<VmState.Dvd> hits = v.dvdDrives.stream()
                .filter(d -> controllerNumber == null || d.controllerNumber == controllerNumber)
                .filter(d -> controllerLocation == null || d.controllerLocation == controllerLocation).toList();
        if (hits.isEmpty()) {
            throw WindowsErrors.invalidArgument("No DVD drive exists on virtual machine '" + v.name + "' at the "
                    + "specified controller number and location.", vmName);
        }
        if (path != null && !path.isEmpty() && !pathExists(h.name, path)) {
            throw WindowsErrors.invalidArgument("Failed to add device 'Virtual CD/DVD Disk'. The system cannot find the "
                    + "file specified. (0x80070002). '" + path + "'", path);
        }
        for (VmState.Dvd d : hits) {
            d.path = path == null || path.isEmpty() ? null : path;
        }
        return hits.stream().map(d -> new VmInfo.DvdInfo(d.controllerNumber, d.controllerLocation, d.path)).toList();
    }

    /** Set-VMProcessor -CompatibilityForMigrationEnabled; the VM must be off, as Hyper-V requires. */
    public synchronized void setProcessorCompatibility(String computerName, String vmName, boolean enabled)
            throws WorldException {
        VmState v = vmOn(host(computerName), vmName);
        if (v.state != VmPowerState.Off) {
            throw WindowsErrors.invalidOperation("The operation cannot be performed while the virtual machine is in "
                    + "its current state.", vmName);
        }
        v.processorCompatibility = enabled;
    }

    /** Start-VM / Stop-VM, for setting up scenarios. */
    public synchronized void setVmState(String computerName, String vmName, VmPowerState state)
            throws WorldException {
        HostState h = host(computerName);
        VmState v = vmOn(h, vmName);
        h.memoryFreeMB += v.memoryInUseMB();
        v.state = state;
        v.memoryAssignedMB = state == VmPowerState.Running || state == VmPowerState.Paused ? v.memoryStartupMB : 0;
        h.memoryFreeMB -= v.memoryInUseMB();
        v.startedAt = state == VmPowerState.Running ? clock.now() : null;
    }

    /** Compare-VM: what would stop this move, without moving anything. */
    public synchronized CompatibilityReport compareVm(MoveVmRequest request) throws WorldException {
        tick();
        return rules.compare(request);
    }

    /**
     * Starts Move-VM's migration after the checks Windows makes (VM, hosts, authentication and delegation, networks,
     * compatibility). Returns the migration job's instance id; the move completes as simulated time passes.
     */
    public synchronized UUID startMove(MoveVmRequest request) throws WorldException {
        tick();
        Migration m = rules.admit(request);
        migrations.add(m);
        scheduler.catchUp(clock.now());
        notifyAll();
        return m.instanceId;
    }

    /**
     * Waits (releasing the lock) until the migration has ended or {@code max} of wall time passed.
     *
     * @return the job as it stands; {@code ended()} tells whether it finished
     */
    public synchronized MigrationJobInfo awaitMigration(UUID instanceId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            advance();
            Migration m = migration(instanceId);
            if (m == null) {
                throw new IllegalArgumentException("no migration " + instanceId);
            }
            long left = deadline - System.nanoTime();
            if (m.ended() || left <= 0) {
                return m.info(clock.now());
            }
            wait(Math.max(1, Math.min(50, left / 1_000_000)));
        }
    }

    /** The error a failed, cancelled or lost migration ended with, or empty when it completed or runs. */
    public synchronized Optional<WorldException> migrationFailure(UUID instanceId) {
        Migration m = migration(instanceId);
        return m == null ? Optional.empty() : Optional.ofNullable(m.failure);
    }

    Migration migration(UUID instanceId) {
        return migrations.stream().filter(m -> m.instanceId.equals(instanceId)).findFirst().orElse(null);
    }

    /** Msvm_MigrationJob instances on a host (the migration's source), finished ones until TimeBeforeRemoval. */
    public synchronized List<MigrationJobInfo> migrationJobs(String computerName) throws WorldException {
        tick();
        HostState h = host(computerName);
        Instant now = clock.now();
        return migrations.stream().filter(m -> m.source.equals(h.name))
                .filter(m -> m.endedAt == null
                        || now.isBefore(m.endedAt.plus(MigrationJobInfo.TIME_BEFORE_REMOVAL)))
                .map(m -> m.info(now)).toList();
    }

    /**
     * Msvm_MigrationJob.RequestStateChange. 4 (Terminate) and 5 (Kill) stop the migration and leave the VM running
     * on the source. Returns the method's return value: 0 done, 1 not supported, 4097 invalid state transition.
     */
    public synchronized int requestJobStateChange(String computerName, UUID instanceId, int requestedState)
            throws WorldException {
        tick();
        HostState h = host(computerName);
        Migration m = migration(instanceId);
        if (m == null || !m.source.equals(h.name)) {
            throw new WorldException("Microsoft.Management.Infrastructure.CimException", "Not found ",
                    0x80041002, ErrorCategory.ObjectNotFound, "HRESULT 0x80041002", instanceId);
        }
        if (requestedState != 4 && requestedState != 5) {
            return 1;
        }
        if (m.ended()) {
            return 4097;
        }
        scheduler.cancel(m, requestedState == 5 ? 9 : 8);
        notifyAll();
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ clusters

    public ClusterOperations clusters() {
        return clusterOps;
    }

    // ------------------------------------------------------------------------------------------------ directory

    /** Get-ADComputer: the account as the directory holds it now. */
    /**
     * whenChanged of a computer object: when it was last written through a cmdlet of this fleet, or, for one never
     * written, a day before the fleet started (the accounts were there before the hosts' tickets were issued).
     */
    public synchronized Instant adWhenChanged(ComputerAccount c) {
        // AD keeps whenChanged to the second (GeneralizedTime "…ss.0Z")
        return whenChanged.getOrDefault(key(c.samAccountName()), startedAt.minus(Duration.ofDays(1)))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /**
     * The domain an AD cmdlet's {@code -Server} names (a domain's DNS or NetBIOS name, or a domain controller's DNS
     * name); without it, the domain of the host the cmdlet runs on. A name that is none of these cannot be contacted,
     * as in AD: "Unable to contact the server…".
     */
    public synchronized String adDomain(String server, String computerName) throws WorldException {
        if (server == null || server.isBlank()) {
            return host(computerName).domain;
        }
        String s = server.trim().toLowerCase(Locale.ROOT);
        Optional<DomainSpec> d = topology.domain(s);
        if (d.isEmpty()) {
            d = fleet.domains().stream().filter(x -> s.endsWith("." + x.name().toLowerCase(Locale.ROOT))).findFirst();
        }
        return d.map(x -> x.name().toLowerCase(Locale.ROOT)).orElseThrow(() -> WindowsErrors.adServerDown(server));
    }

    /** Get-ADComputer -Identity … -Server …: only objects of that domain's naming context are found. */
    public ComputerAccount adComputer(String identity, String domain) throws WorldException {
        return directory.computer(identity).filter(c -> c.domain().equalsIgnoreCase(domain))
                .orElseThrow(() -> WindowsErrors.adIdentityNotFound(identity, dn(domain)));
    }

    /** The directory's users (Get-ADUser). */
    public Optional<io.hvmigrate.sim.world.ad.UserAccount> adUser(String identity, String domain) {
        return directory.snapshot().users().stream().filter(u -> u.domain().equalsIgnoreCase(domain))
                .filter(u -> new DirectorySnapshot(List.of(), List.of(u)).user(identity).isPresent()).findFirst();
    }

    /** The start of the host's TGT for its computer account (logon session 0x3e7): when its tickets were issued. */
    public synchronized Instant systemTgtStart(String computerName) throws WorldException {
        HostState h = host(computerName);
        directoryAsSeenBy(h);
        return h.ticketViewAt;
    }

    /** The cultures whose formats hvsim knows (what klist's dates look like on a host of that display language). */
    public static final java.util.Set<String> CULTURES = java.util.Set.of("en-US", "en-GB", "de-DE", "fr-FR", "ja-JP");

    /** The host's culture (display language and formats), en-US unless set. */
    public synchronized String culture(String computerName) throws WorldException {
        return host(computerName).culture;
    }

    /** Sets the host's culture: one of {@link #CULTURES}. */
    public synchronized void setCulture(String computerName, String culture) throws WorldException {
        String c = CULTURES.stream().filter(x -> x.equalsIgnoreCase(culture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown culture '" + culture + "': one of " + new java.util.TreeSet<>(CULTURES)));
        host(computerName).culture = c;
    }

    /** The lifetime of tickets the fleet's KDC issues. */
    public Duration ticketLifetime() {
        return ticketLifetime;
    }

    /** The host's NetBIOS and domain names: {@code HV-S1}, {@code lab.test}. */
    public synchronized String hostDomain(String computerName) throws WorldException {
        return host(computerName).domain;
    }

    public ComputerAccount adComputer(String identity) throws WorldException {
        return directory.computer(identity).orElseThrow(() -> WindowsErrors.adIdentityNotFound(identity,
                dn(fleet.domains().isEmpty() ? "lab.test" : fleet.domains().get(0).name())));
    }

    public void adAddAllowedToDelegateTo(String identity, Collection<String> spns) throws WorldException {
        directoryChange(() -> directory.addAllowedToDelegateTo(identity, spns), identity);
    }

    public void adRemoveAllowedToDelegateTo(String identity, Collection<String> spns) throws WorldException {
        directoryChange(() -> directory.removeAllowedToDelegateTo(identity, spns), identity);
    }

    public void adReplaceAllowedToDelegateTo(String identity, Collection<String> spns) throws WorldException {
        directoryChange(() -> directory.replaceAllowedToDelegateTo(identity, spns), identity);
    }

    /**
     * Set-ADComputer/Set-ADObject -Remove, -Add, -Replace, -Clear of msDS-AllowedToDelegateTo, as one modification
     * of the object: applied in the order Set-ADComputer.md gives ("When you use the *Add*, *Replace*, *Clear*, and
     * *Remove* parameters together, the operations are performed in the following order: Remove, Add, Replace,
     * Clear"), all or nothing. As in AD (LDAP noSuchAttribute / attributeOrValueExists), removing a value the
     * attribute does not hold, or adding one it holds (or the same value twice), is refused and nothing changes;
     * values compare without regard to case. {@code replace} null: no -Replace.
     */
    public synchronized void adModifyAllowedToDelegateTo(String identity, List<String> remove, List<String> add,
                                                         List<String> replace, boolean clear) throws WorldException {
        ComputerAccount c = adComputer(identity);
        List<String> values = new ArrayList<>(c.allowedToDelegateTo());
        for (String r : remove) {
            if (!values.removeIf(v -> v.equalsIgnoreCase(r))) {
                throw WindowsErrors.adValueMissing(identity);
            }
        }
        for (String a : add) {
            if (values.stream().anyMatch(v -> v.equalsIgnoreCase(a))) {
                throw WindowsErrors.adValueExists(identity);
            }
            values.add(a);
        }
        if (replace != null) {
            values = new ArrayList<>(replace);
        }
        if (clear) {
            values.clear();
        }
        List<String> result = List.copyOf(values);
        directoryChange(() -> directory.replaceAllowedToDelegateTo(identity, result), identity);
    }

    /** Set-ADAccountControl -TrustedToAuthForDelegation / -TrustedForDelegation / -AccountNotDelegated. */
    public void adSetAccountControl(String identity, int bit, boolean on) throws WorldException {
        directoryChange(() -> directory.setAccountControl(identity, bit, on), identity);
    }

    /** Set-ADComputer -PrincipalsAllowedToDelegateToAccount (replaces the list; empty clears). */
    public void adSetPrincipalsAllowedToDelegateToAccount(String identity, List<String> principals)
            throws WorldException {
        directoryChange(() -> directory.setPrincipalsAllowedToDelegateToAccount(identity, principals), identity);
    }

    private interface Change {
        void run() throws DirectoryException;
    }

    private void directoryChange(Change change, String identity) throws WorldException {
        try {
            change.run();
            directory.computer(identity).ifPresent(c -> whenChanged.put(key(c.samAccountName()), clock.now()));
        } catch (DirectoryException e) {
            throw WindowsErrors.adIdentityNotFound(identity,
                    dn(fleet.domains().isEmpty() ? "lab.test" : fleet.domains().get(0).name()));
        }
    }

    // ------------------------------------------------------------------------------------------- second hops

    /**
     * Whether a command run in a shell on {@code computerName} may use {@code service/<target>} as the shell's user: the
     * second hop. Microsoft, "Making the second hop in PowerShell Remoting" (MicrosoftDocs/PowerShell-Docs,
     * reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md): "Access to the resource on ServerC is
     * denied, because the credentials you used to create the PowerShell Remoting session aren't passed from ServerB to
     * ServerC." A WinRM network logon (Kerberos or NTLM) holds no credential to pass on; a CredSSP logon would (hvsim
     * has no CredSSP listener, so its WinRM shells are always network logons; console sessions in tests are
     * interactive). What the same page lets through, and hvsim with it: Kerberos constrained delegation of the host's
     * account to that exact SPN with "Use any authentication protocol" (protocol transition; "Limited to one domain"),
     * or resource-based constrained delegation on the target ("Works across domains and forests"); never for an
     * account that is "sensitive and can't be delegated" (nor a member of Protected Users). A resource on the host
     * itself is no hop at all.
     *
     * @param service        {@code ldap} (AD Web Services on a domain controller) or {@code cifs} (SMB)
     * @param targetNames    the target's NetBIOS name and FQDN; the SPN must name one of them
     * @param targetAccount  the target's computer account ({@code NAME$}), for resource-based delegation; may be null
     * @param targetDomain   the target's domain
     */
    private boolean mayHop(HostState h, Caller caller, String service, List<String> targetNames, String targetAccount,
                           String targetDomain) {
        if (caller.logon() != Caller.Logon.NETWORK || fleet.secondHopAllowed()) {
            return true;
        }
        DirectorySnapshot ad = directoryAsSeenBy(h);
        if (ad.user(caller.account()).map(io.hvmigrate.sim.world.ad.UserAccount::cannotBeDelegated).orElse(false)) {
            return false;
        }
        ComputerAccount source = ad.computer(h.sam()).orElse(null);
        boolean classic = source != null && h.domain.equalsIgnoreCase(targetDomain)
                && source.trustedToAuthForDelegation()
                && source.allowedToDelegateTo().stream().anyMatch(spn -> targetNames.stream()
                        .anyMatch(n -> spn.equalsIgnoreCase(service + "/" + n)));
        if (classic) {
            return true;
        }
        if (targetAccount == null || !topology.kerberosRoutable(h.domain, targetDomain)) {
            return false;
        }
        return ad.computers().stream().filter(t -> t.samAccountName().equalsIgnoreCase(targetAccount)
                        && t.domain().equalsIgnoreCase(targetDomain))
                .anyMatch(t -> t.principalsAllowedToDelegateToAccount().stream()
                        .anyMatch(p -> MoveRules.principalIs(p, h)));
    }

    /**
     * The ActiveDirectory module on {@code computerName} reaching AD Web Services on a domain controller of
     * {@code domain} for {@code caller}. A host that is itself a DC of that domain reads it locally. Otherwise it is a
     * second hop to {@code ldap/<dc>}, where the DCs are the fleet's hosts marked {@code domainController} in that
     * domain or, when none is, {@code DC1.<domain>} (account {@code DC1$} when the fleet lists it under computers).
     * Refused as the module reports an unreachable server: ADServerDownException "Unable to contact the server…"
     * (ResourceUnavailable). That text is what administrators report for this case (e.g. Get-ADUser inside
     * Invoke-Command); Microsoft's documentation does not print it, so it is not verified against a Microsoft source.
     */
    public synchronized void adReach(String computerName, Caller caller, String domain, String server)
            throws WorldException {
        HostState h = host(computerName);
        List<HostState> dcs = hosts.values().stream().filter(x -> x.spec.domainController()
                && x.domain.equalsIgnoreCase(domain)).toList();
        if (dcs.contains(h)) {
            return;
        }
        List<String[]> targets = new ArrayList<>();
        if (dcs.isEmpty()) {
            targets.add(new String[] {"DC1", "dc1." + domain.toLowerCase(Locale.ROOT), "DC1$"});
        } else {
            dcs.forEach(d -> targets.add(new String[] {d.name, d.fqdn, d.sam()}));
        }
        for (String[] t : targets) {
            if (mayHop(h, caller, "ldap", List.of(t[0], t[1]), t[2], domain)) {
                return;
            }
        }
        throw WindowsErrors.adServerDown(server == null || server.isBlank() ? domain : server);
    }

    /**
     * A Hyper-V cmdlet on {@code computerName} managing {@code target} with {@code -ComputerName}: the Hyper-V module
     * connects to the target's Virtual Machine Management Service through its WMI provider (root\\virtualization\\v2)
     * as the shell's user, a second hop like any other ({@link #mayHop}). The services such a connection asks tickets
     * for are DCOM's {@code RPCSS/<target>} and, from Windows Server 2016's module on, WS-Management's
     * {@code HTTP/<target>} (Microsoft, "Remotely manage Hyper-V hosts with Hyper-V Manager", windowsserverdocs:
     * "Hyper-V Manager … uses the WS-MAN protocol"); both are aliases of {@code HOST/} in AD's default sPNMappings, so
     * a host account constrained to any of {@code HOST/}, {@code RPCSS/} or {@code HTTP/} of the target passes.
     * Which one Windows' S4U2Proxy really asks for on each release is not confirmed here; the three are accepted.
     */
    public synchronized boolean mayManage(String computerName, Caller caller, String target) throws WorldException {
        HostState h = host(computerName);
        HostState t = host(target);
        if (t == h) {
            return true;
        }
        for (String service : List.of("HOST", "RPCSS", "HTTP")) {
            if (mayHop(h, caller, service, List.of(t.name, t.fqdn), t.sam(), t.domain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A path a command of the shell (Get-Item, Test-Path) opens as the shell's user: a UNC path on another computer is
     * a second hop to {@code cifs/<server>} (see {@link #mayHop}); local paths and CSVs are not. Hyper-V's own service
     * (VMMS: Get-VHD, Move-VM's storage) opens files as the host's computer account instead, with no hop.
     */
    public synchronized boolean userMayOpen(String computerName, Caller caller, String path) throws WorldException {
        HostState h = host(computerName);
        if (!(StoragePaths.locate(path) instanceof StoragePaths.Smb smb)) {
            return true;
        }
        if (h.answersTo(smb.server())) {
            return true;
        }
        Optional<FileServerState> fs = fileServer(smb.server());
        if (fs.isPresent()) {
            FileServerState f = fs.get();
            return mayHop(h, caller, "cifs", List.of(f.name, f.fqdn, smb.server()), f.name + "$", f.domain);
        }
        Optional<HostState> other = findHost(smb.server());
        return other.map(o -> mayHop(h, caller, "cifs", List.of(o.name, o.fqdn, smb.server()), o.sam(), o.domain))
                .orElse(false);
    }

    // ------------------------------------------------------------------------------------------------ paths

    /** The host's local volumes with a drive letter: drive root ({@code D:\\}) → {size, free} in MiB. C: always exists. */
    public synchronized Map<String, long[]> localVolumes(String computerName) throws WorldException {
        HostState h = host(computerName);
        Map<String, long[]> out = new java.util.TreeMap<>();
        out.put("C:\\", new long[] {512L * 1024, 256L * 1024});
        h.volumes.forEach((drive, v) -> out.put(drive, v.clone()));
        return out;
    }

    /**
     * The size in bytes of a file a host opens by path (Get-Item): a virtual hard disk of some VM, as a fixed VHDX of
     * its size, when the host can reach it; empty when the file does not exist for that host.
     */
    public synchronized java.util.OptionalLong fileLength(String computerName, String path) throws WorldException {
        HostState h = host(computerName);
        VmState owner = diskOwner(path);
        if (owner == null) {
            return java.util.OptionalLong.empty();
        }
        for (VmState.Disk d : owner.disks) {
            if (d.path.equalsIgnoreCase(path) && vmFileReachable(h, d.path, owner)) {
                return java.util.OptionalLong.of(d.sizeGB * 1024L * 1024L * 1024L);
            }
        }
        // another VM may hold a disk at the same path that this host can reach
        for (VmState v : vms.values()) {
            for (VmState.Disk d : v.disks) {
                if (v != owner && d.path.equalsIgnoreCase(path) && vmFileReachable(h, d.path, v)) {
                    return java.util.OptionalLong.of(d.sizeGB * 1024L * 1024L * 1024L);
                }
            }
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * Disk path (lower case) to the first VM holding a disk there: an index for {@link #fileLength}, so that hosts
     * reading their VMs' disks one by one do not scan the whole fleet for each. VMs come, go and move their storage:
     * an entry is checked before it is believed, and the index is made again when a path is not in it or its entry
     * no longer holds.
     */
    private final Map<String, VmState> diskOwners = new java.util.HashMap<>();

    private VmState diskOwner(String path) {
        String key = path.toLowerCase(java.util.Locale.ROOT);
        VmState known = diskOwners.get(key);
        if (known != null && vms.get(known.id) == known && known.disks.stream().anyMatch(d -> d.path.equalsIgnoreCase(path))) {
            return known;
        }
        diskOwners.clear();
        for (VmState v : vms.values()) {
            for (VmState.Disk d : v.disks) {
                diskOwners.putIfAbsent(d.path.toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        return diskOwners.get(key);
    }

    /** Test-Path as seen from a host: its local volumes, its cluster's CSVs, and shares it has access to. */
    public synchronized boolean pathExists(String computerName, String path) throws WorldException {
        HostState h = host(computerName);
        if (!pathReachable(h, path)) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        for (VmState v : vms.values()) {
            if (StoragePaths.under(v.path, path) || v.path.toLowerCase(Locale.ROOT).equals(p)) {
                return true;
            }
            for (VmState.Disk d : v.disks) {
                if (StoragePaths.under(d.path, path)) {
                    return true;
                }
            }
            if (v.dvdPaths().stream().anyMatch(d -> StoragePaths.under(d, path))) {
                return true;
            }
        }
        // volume roots and share roots exist
        return switch (StoragePaths.locate(path)) {
            case StoragePaths.Local l -> p.length() <= 3;
            case StoragePaths.Csv c -> p.equals(c.volume().toLowerCase(Locale.ROOT));
            case StoragePaths.Smb s -> p.equals(("\\\\" + s.server() + "\\" + s.share()).toLowerCase(Locale.ROOT));
        };
    }

    /** True when the host can open files under {@code path}. */
    boolean pathReachable(HostState h, String path) {
        return switch (StoragePaths.locate(path)) {
            case StoragePaths.Local l -> h.volumes.containsKey(l.drive()) || l.drive().equalsIgnoreCase("C:\\");
            case StoragePaths.Csv c -> h.cluster != null
                    && clusters.get(key(h.cluster)).csvVolumes.containsKey(c.volume().toLowerCase(Locale.ROOT));
            case StoragePaths.Smb s -> share(s).map(sh -> sh.grants(h.sam())).orElse(false);
        };
    }

    /** True when host {@code h} can open a file of {@code vm}: a local drive's files only on the VM's own host. */
    boolean vmFileReachable(HostState h, String path, VmState vm) {
        if (StoragePaths.locate(path) instanceof StoragePaths.Local) {
            return h.name.equals(vm.host) && pathReachable(h, path);
        }
        return pathReachable(h, path);
    }

    Optional<FileServerState> fileServer(String serverAsWritten) {
        return fileServers.values().stream().filter(f -> f.answersTo(serverAsWritten)).findFirst();
    }

    Optional<FileServerState.Share> share(StoragePaths.Smb smb) {
        return fileServer(smb.server()).map(f -> f.shares.get(smb.share().toLowerCase(Locale.ROOT)));
    }

    /** Free space (MiB) where {@code path} lies, as seen from host {@code h}; -1 when it is not reachable. */
    long freeSpaceMB(HostState h, String path) {
        if (!pathReachable(h, path)) {
            return -1;
        }
        return switch (StoragePaths.locate(path)) {
            case StoragePaths.Local l -> h.volumes.getOrDefault(l.drive(), new long[] {0, 0})[1];
            case StoragePaths.Csv c -> clusters.get(key(h.cluster)).csvVolumes.get(c.volume()
                    .toLowerCase(Locale.ROOT))[1];
            case StoragePaths.Smb s -> share(s).map(sh -> sh.freeMB).orElse(-1L);
        };
    }

    void adjustFreeSpace(HostState h, String path, long deltaMB) {
        switch (StoragePaths.locate(path)) {
            case StoragePaths.Local l -> {
                long[] v = h.volumes.get(l.drive());
                if (v != null) {
                    v[1] += deltaMB;
                }
            }
            case StoragePaths.Csv c -> {
                if (h.cluster != null) {
                    long[] v = clusters.get(key(h.cluster)).csvVolumes.get(c.volume().toLowerCase(Locale.ROOT));
                    if (v != null) {
                        v[1] += deltaMB;
                    }
                }
            }
            case StoragePaths.Smb s -> share(s).ifPresent(sh -> sh.freeMB += deltaMB);
        }
    }

    // ------------------------------------------------------------------------------------------------ for harnesses

    /**
     * How long a live migration of the VM from where it is now to {@code destination} takes by the world's time model
     * (reference §5.2) when it has both hosts' links to itself: with {@code includeStorage}, every disk is copied first;
     * then memory pre-copy and blackout. Time spent queued behind a migration limit, or sharing a link with other
     * migrations, is not included. A harness computing bounds from the fleet uses the model the world runs on rather
     * than a copy of it.
     */
    public synchronized Duration migrationDuration(String vmName, String destination, boolean includeStorage)
            throws WorldException {
        return work(vmName, destination, includeStorage).alone();
    }

    /**
     * What that migration carries over its source's and its destination's migration links, in MiB (disks, then memory
     * with its dirty-page passes, after compression).
     */
    public synchronized double migrationWireMB(String vmName, String destination, boolean includeStorage)
            throws WorldException {
        return work(vmName, destination, includeStorage).wireMB();
    }

    /**
     * MiB per second the host's migration links carry in all, shared by the migrations running on it at once: its link
     * speed, times its RDMA links when its performance option is SMB.
     */
    public synchronized double migrationLinkMBps(String computerName) throws WorldException {
        return TimeModel.hostMBps(host(computerName));
    }

    /** The fixed part of every migration, which uses no link: setup before the transfer, blackout after it. */
    public static Duration migrationFixedTime() {
        return TimeModel.SETUP.plus(TimeModel.BLACKOUT);
    }

    private TimeModel.Work work(String vmName, String destination, boolean includeStorage) throws WorldException {
        VmState vm = vms.values().stream().filter(v -> v.name.equalsIgnoreCase(vmName)).findFirst()
                .orElseThrow(() -> WindowsErrors.vmNotFound(vmName));
        Map<String, String> all = new LinkedHashMap<>();
        if (includeStorage) {
            vm.disks.forEach(d -> all.put(d.path, d.path));
        }
        return TimeModel.work(vm, host(vm.host), host(destination), all);
    }

    /**
     * How many live migrations the host may take part in at once, as source or destination: its cluster's
     * MaximumParallelMigrations on a cluster node, its MaximumVirtualMachineMigrations otherwise.
     */
    public synchronized long migrationLimit(String computerName) throws WorldException {
        return migrationLimit(host(computerName));
    }

    /**
     * Every migration since the world started, in the order they were asked for, including those whose
     * Msvm_MigrationJob has already been removed (TimeBeforeRemoval). Not something Windows offers: a view for
     * harnesses that measure a whole wave.
     */
    public synchronized List<MigrationJobInfo> migrationHistory() {
        tick();
        Instant now = clock.now();
        return migrations.stream().map(m -> m.info(now)).toList();
    }

    /** Effective limit of simultaneous live migrations on a host: the cluster's MaximumParallelMigrations wins. */
    long migrationLimit(HostState h) {
        return h.cluster != null ? clusters.get(key(h.cluster)).maximumParallelMigrations : h.maxVmMigrations;
    }

    static Comparator<Migration> byQueueTime() {
        return Comparator.comparing(m -> m.queuedAt);
    }
}
