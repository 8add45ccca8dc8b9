package io.hvmigrate.sim.world;

import static io.hvmigrate.sim.world.WindowsErrors.connectionFailed;
import static io.hvmigrate.sim.world.WindowsErrors.migrationFailed;
import static io.hvmigrate.sim.world.WindowsErrors.noSuitableCredentials;

import io.hvmigrate.sim.world.ad.ComputerAccount;
import io.hvmigrate.sim.world.ad.DirectorySnapshot;
import io.hvmigrate.sim.world.ad.UserAccount;
import io.hvmigrate.sim.world.fleet.DataAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a Move-VM may start, in the order Hyper-V meets the conditions: the VM on the source, the
 * destination's name, both hosts' migration settings, authentication and delegation (VMMS on the source connects to
 * the destination's VMMS before anything else), the destination's networks, then the compatibility of the VM with the
 * destination.
 */
final class MoveRules {
    static final String VMMS = "Microsoft Virtual System Migration Service";

    private final World world;

    MoveRules(World world) {
        this.world = world;
    }

    /** Everything that must hold for the move to start; returns the queued migration. */
    Migration admit(MoveVmRequest r) throws WorldException {
        HostState src = world.host(r.source());
        VmState vm = r.vmId() != null ? world.vms.get(r.vmId()) : world.vmOn(src, r.vmName());
        if (vm == null || !vm.host.equals(src.name)) {
            throw r.vmId() != null ? WindowsErrors.vmIdNotFound(r.vmId()) : WindowsErrors.vmNotFound(r.vmName());
        }
        if (vm.cluster != null) {
            // Simulator wording: a clustered role is moved by the cluster, or made non-HA first (reference §1 S5/S6).
            throw WindowsErrors.invalidOperation("The virtual machine '" + vm.name + "' is a clustered role in cluster '"
                    + vm.cluster + "'. Move it with Move-ClusterVirtualMachineRole, or remove it from the cluster "
                    + "(Remove-ClusterGroup -RemoveResources) before moving it with Move-VM.", vm.name);
        }
        if (world.migrations.stream().anyMatch(m -> m.vm == vm && !m.ended())) {
            throw WindowsErrors.invalidOperation("The operation cannot be performed while the object is in use.",
                    vm.name);
        }
        HostState dst = world.findHost(r.destination()).orElse(null);
        if (dst == null) {
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.WSAHOST_NOT_FOUND,
                    connectionFailed(r.destination(), "No such host is known.", WindowsErrors.WSAHOST_NOT_FOUND));
        }
        if (dst == src) {
            throw WindowsErrors.invalidArgument("The source and destination of the migration are the same host '"
                    + src.name + "'.", vm.name);
        }
        if (!dst.running) {
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.WSAETIMEDOUT,
                    connectionFailed(r.destination(), "A connection attempt failed because the connected party did "
                            + "not properly respond after a period of time, or established connection failed because "
                            + "connected host has failed to respond.", WindowsErrors.WSAETIMEDOUT));
        }
        if (!src.migrationEnabled) {
            // Simulator wording for a source whose "Enable incoming and outgoing live migrations" is off.
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.ERROR_NOT_SUPPORTED,
                    "Virtual machine migration is not enabled on host '" + src.name + "'. Enable it with "
                    + "Enable-VMMigration. (" + WindowsErrors.hex(WindowsErrors.ERROR_NOT_SUPPORTED) + ")");
        }
        if (!dst.migrationEnabled) {
            // With migration disabled, the destination's VMMS does not listen on TCP 6600.
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.WSAECONNREFUSED,
                    "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine "
                    + "migration with host '" + r.destination() + "': No connection could be made because the "
                    + "target machine actively refused it. (0x8007274D).");
        }
        authenticate(r, vm, src, dst);
        networks(r, vm, src, dst);
        List<Incompatibility> problems = incompatibilities(vm, src, dst, r.storage());
        if (!problems.isEmpty()) {
            Incompatibility first = problems.get(0);
            throw migrationFailed(vm.name, vm.id, false, dst.name, first.hresult(),
                    "The virtual machine '" + vm.name + "' is not compatible with physical computer '" + dst.name
                    + "'. (Virtual machine ID " + vm.id.toString().toUpperCase(Locale.ROOT) + ")",
                    first.message());
        }
        Map<String, String> newPaths = plannedPaths(vm, r.storage());
        TimeModel.Work work = TimeModel.work(vm, src, dst, r.storage().movesStorage() ? newPaths : Map.of());
        Migration m = new Migration(r.storage().movesStorage() ? Migration.Kind.LIVE_WITH_STORAGE : Migration.Kind.LIVE,
                vm, src.name, dst.name, r.destination(), work, newPaths, null, world.clock.now());
        applyFault(m);
        return m;
    }

    void applyFault(Migration m) {
        var it = world.migrationFaults.iterator();
        while (it.hasNext()) {
            var f = it.next();
            if (f.hits(m.vm.name)) {
                m.failAtPercent = f.atPercent();
                m.failure = migrationFailed(m.vm.name, m.vm.id, true, m.source, parseHresult(f.hresult()),
                        f.message());
                if (f.once()) {
                    it.remove();
                }
                return;
            }
        }
    }

    private static int parseHresult(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? (int) Long.parseLong(t.substring(2), 16) : Integer.parseInt(t);
    }

    /** The Compare-VM report for the move. */
    CompatibilityReport compare(MoveVmRequest r) throws WorldException {
        HostState src = world.host(r.source());
        VmState vm = r.vmId() != null ? world.vms.get(r.vmId()) : world.vmOn(src, r.vmName());
        if (vm == null || !vm.host.equals(src.name)) {
            throw WindowsErrors.vmIdNotFound(r.vmId());
        }
        HostState dst = world.findHost(r.destination()).orElseThrow(() -> WindowsErrors.hostNotFound(r.destination()));
        String path = r.storage() instanceof StorageMove.All a ? a.destinationPath()
                : r.storage() instanceof StorageMove.PerItem p ? p.virtualMachinePath() : vm.path;
        return new CompatibilityReport(world.info(vm),
                r.storage().movesStorage() ? "MoveVirtualMachineAndStorage" : "MoveVirtualMachine",
                r.destination(), path, incompatibilities(vm, src, dst, r.storage()));
    }

    // ------------------------------------------------------------------------------------------ authentication

    private void authenticate(MoveVmRequest r, VmState vm, HostState src, HostState dst) throws WorldException {
        if (src.authenticationType != dst.authenticationType) {
            // "the protocol used is identical on each side" (KB4558514); a mismatch surfaces as 0x8009030D
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS,
                    connectionFailed(r.destination(), "The credentials supplied to the package were not recognized",
                            WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS), noSuitableCredentials(vm.id));
        }
        if (src.authenticationType == MigrationAuthenticationType.CredSSP) {
            // CredSSP needs the user's own credentials on the source (console, RDP or a CredSSP session); Credential
            // Guard lets CredSSP use only supplied credentials, so it fails even then (reference §3.1).
            boolean hasCredentials = r.caller().logon() != Caller.Logon.NETWORK;
            if (!hasCredentials || src.credentialGuard) {
                throw noCredentials(r, vm, src);
            }
            return;
        }
        kerberos(r, vm, src, dst);
    }

    private WorldException noCredentials(MoveVmRequest r, VmState vm, HostState src) {
        return migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.SEC_E_NO_CREDENTIALS,
                connectionFailed(r.destination(), "No credentials are available in the security package",
                        WindowsErrors.SEC_E_NO_CREDENTIALS), noSuitableCredentials(vm.id));
    }

    /** One service ticket VMMS on the source must obtain on the user's behalf. */
    private record Needed(String spn, String targetAccount, String targetDomain, boolean storage) {}

    private void kerberos(MoveVmRequest r, VmState vm, HostState src, HostState dst) throws WorldException {
        DirectorySnapshot ad = world.directoryAsSeenBy(src);
        ComputerAccount source = ad.computer(src.sam()).orElse(null);
        UserAccount user = ad.user(r.caller().account()).orElse(null);
        if (user != null && user.cannotBeDelegated()) {
            throw noCredentials(r, vm, src);
        }
        String destForm = r.destination().trim();
        List<Needed> needed = new ArrayList<>();
        needed.add(new Needed(VMMS + "/" + destForm, dst.sam(), dst.domain, false));
        if (r.storage().movesStorage()) {
            needed.add(new Needed("cifs/" + destForm, dst.sam(), dst.domain, true));
        }
        for (String server : smbServers(vm, r.storage())) {
            FileServerState fs = world.fileServer(server).orElse(null);
            if (fs != null) {
                needed.add(new Needed("cifs/" + server, fs.name + "$", fs.domain, true));
            }
        }
        boolean classicUsed = false;
        for (Needed n : needed) {
            if (!world.topology.kerberosRoutable(src.domain, n.targetDomain())) {
                throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.SEC_E_TARGET_UNKNOWN,
                        connectionFailed(n.storage() ? n.spn().substring(5) : r.destination(),
                                "The specified target is unknown or unreachable", WindowsErrors.SEC_E_TARGET_UNKNOWN),
                        noSuitableCredentials(vm.id));
            }
            ComputerAccount target = ad.computer(n.targetAccount()).orElse(null);
            if (target == null || !registered(target, n.spn())) {
                // the KDC finds no account for the SPN (VMMS could not register it: event 14050)
                throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.SEC_E_TARGET_UNKNOWN,
                        connectionFailed(n.storage() ? n.spn().substring(5) : r.destination(),
                                "The specified target is unknown or unreachable", WindowsErrors.SEC_E_TARGET_UNKNOWN),
                        noSuitableCredentials(vm.id));
            }
            boolean rbcd = target != null && target.principalsAllowedToDelegateToAccount().stream()
                    .anyMatch(p -> principalIs(p, src));
            // Classic KCD is "limited to one domain" (reference §3.2): the SPN must be listed and the target local.
            boolean classic = source != null && src.domain.equalsIgnoreCase(n.targetDomain())
                    && source.allowedToDelegateTo().stream().anyMatch(s -> s.equalsIgnoreCase(n.spn()));
            if (!rbcd && !classic) {
                throw n.storage()
                        ? migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.E_ACCESSDENIED,
                                "Failed to access '" + n.spn().substring(5) + "' on behalf of '" + r.caller().account()
                                + "' for a Virtual Machine migration: General access denied error (0x80070005).")
                        : migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS,
                                connectionFailed(r.destination(), "The credentials supplied to the package were not "
                                        + "recognized", WindowsErrors.SEC_E_UNKNOWN_CREDENTIALS),
                                noSuitableCredentials(vm.id));
            }
            classicUsed |= !rbcd;
        }
        // A WinRM logon gives VMMS no forwardable ticket: classic KCD then needs protocol transition (WS2016+,
        // reference §3.2 and §8). RBCD always allows protocol transition.
        if (classicUsed && r.caller().logon() == Caller.Logon.NETWORK && src.os >= 2016
                && (source == null || !source.trustedToAuthForDelegation())) {
            throw noCredentials(r, vm, src);
        }
    }

    /** The SPN is registered on the account; cifs/ is served by the HOST/ SPN, as Windows maps it. */
    private static boolean registered(ComputerAccount target, String spn) {
        String host = spn.substring(spn.indexOf('/') + 1);
        java.util.function.Predicate<String> has = s -> target.servicePrincipalNames().stream()
                .anyMatch(x -> x.equalsIgnoreCase(s));
        if (spn.regionMatches(true, 0, "cifs/", 0, 5)) {
            return has.test(spn) || has.test("HOST/" + host);
        }
        return has.test(spn);
    }

    static boolean principalIs(String principal, HostState h) {
        String p = principal.trim();
        int slash = p.indexOf('\\');
        String domainPart = slash >= 0 ? p.substring(0, slash) : null;
        String name = slash >= 0 ? p.substring(slash + 1) : p;
        if (name.endsWith("$")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean nameOk = name.equalsIgnoreCase(h.name) || name.equalsIgnoreCase(h.fqdn);
        boolean domainOk = domainPart == null || domainPart.equalsIgnoreCase(h.domainNetbios)
                           || domainPart.equalsIgnoreCase(h.domain);
        return nameOk && domainOk;
    }

    /** SMB servers (as written in the paths) the migration touches: where the VM is, and where its files go. */
    private Set<String> smbServers(VmState vm, StorageMove storage) {
        Set<String> servers = new LinkedHashSet<>();
        List<String> paths = new ArrayList<>();
        paths.add(vm.path);
        vm.disks.forEach(d -> paths.add(d.path));
        switch (storage) {
            case StorageMove.All a -> paths.add(a.destinationPath());
            case StorageMove.PerItem p -> {
                if (p.virtualMachinePath() != null) {
                    paths.add(p.virtualMachinePath());
                }
                paths.addAll(p.vhds().values());
            }
            case StorageMove.None n -> { }
        }
        for (String p : paths) {
            if (StoragePaths.locate(p) instanceof StoragePaths.Smb s) {
                servers.add(s.server());
            }
        }
        return servers;
    }

    // ------------------------------------------------------------------------------------------ networks

    private void networks(MoveVmRequest r, VmState vm, HostState src, HostState dst) throws WorldException {
        if (dst.useAnyNetwork) {
            return;
        }
        // "incoming live migration traffic is transmitted only on the networks specified" (Set-VMHost help)
        boolean reachable = src.migrationAddresses.stream().anyMatch(a -> dst.networks.stream()
                .anyMatch(n -> DataAddresses.inSubnet(a, n.subnet())));
        if (!reachable) {
            throw migrationFailed(vm.name, vm.id, true, src.name, WindowsErrors.WSAETIMEDOUT,
                    connectionFailed(r.destination(), "A connection attempt failed because the connected party did "
                            + "not properly respond after a period of time, or established connection failed because "
                            + "connected host has failed to respond.", WindowsErrors.WSAETIMEDOUT));
        }
    }

    // ------------------------------------------------------------------------------------------ compatibility

    /** What the destination cannot accept, in the order Compare-VM lists it. */
    List<Incompatibility> incompatibilities(VmState vm, HostState src, HostState dst, StorageMove storage)
            throws WorldException {
        List<Incompatibility> out = new ArrayList<>();
        for (String sw : vm.switches) {
            if (dst.switches.stream().noneMatch(s -> s.equalsIgnoreCase(sw))) {
                out.add(new Incompatibility("Could not find Ethernet switch '" + sw + "'.",
                        Incompatibility.MISSING_SWITCH, "VMNetworkAdapter", sw, WindowsErrors.COR_E_EXCEPTION));
            }
        }
        if (!dst.supportedVersions().contains(vm.version)) {
            out.add(new Incompatibility("The virtual machine '" + vm.name + "' uses configuration version "
                    + vm.version + ", which host '" + dst.name + "' does not support. Supported versions: "
                    + String.join(", ", dst.supportedVersions()) + ".", Incompatibility.VERSION_UNSUPPORTED, "VM",
                    vm.name, WindowsErrors.ERROR_NOT_SUPPORTED));
        }
        processor(vm, src, dst, out);
        if (vm.memoryInUseMB() > dst.memoryFreeMB) {
            out.add(new Incompatibility("'" + vm.name + "' could not initialize memory: Ran out of memory "
                    + "(0x8007000E).", Incompatibility.MEMORY, "VMMemory", vm.name, WindowsErrors.E_OUTOFMEMORY));
        }
        storage(vm, dst, storage, out);
        for (String iso : vm.dvdPaths()) {
            if (!world.pathReachable(dst, iso) || StoragePaths.locate(iso) instanceof StoragePaths.Local) {
                out.add(new Incompatibility("'" + vm.name + "': Attachment '" + iso + "' failed to open because of "
                        + "error: 'A virtual disk support provider for the specified file was not found.' "
                        + "(0xC03A0014).", Incompatibility.ISO_UNREACHABLE, "DvdDrive", iso,
                        WindowsErrors.ERROR_VIRTDISK_PROVIDER_NOT_FOUND));
            }
        }
        return out;
    }

    void processor(VmState vm, HostState src, HostState dst, List<Incompatibility> out) {
        var a = src.spec.processor();
        var b = dst.spec.processor();
        if (!a.vendor().equalsIgnoreCase(b.vendor())) {
            // Intel <-> AMD is impossible even with compatibility mode (reference §4).
            out.add(new Incompatibility("The virtual machine cannot be moved to the destination computer. The hardware "
                    + "on the destination computer is not compatible with the hardware requirements of this virtual "
                    + "machine.", Incompatibility.PROCESSOR_VENDOR, "VMProcessor", vm.name,
                    WindowsErrors.ERROR_NOT_SUPPORTED));
        } else if (!a.family().equalsIgnoreCase(b.family()) && !vm.processorCompatibility) {
            out.add(new Incompatibility("Virtual machine '" + vm.name + "' is using processor-specific features not "
                    + "supported on host '" + dst.name + "'.", Incompatibility.PROCESSOR_FEATURES, "VMProcessor",
                    vm.name, WindowsErrors.ERROR_NOT_SUPPORTED));
        }
    }

    private void storage(VmState vm, HostState dst, StorageMove storage, List<Incompatibility> out)
            throws WorldException {
        Map<String, String> planned = plannedPaths(vm, storage);
        // files that stay where they are must be reachable from the destination
        List<String> staying = new ArrayList<>();
        if (!planned.containsKey("")) {
            staying.add(vm.path);
        }
        vm.disks.stream().filter(d -> !planned.containsKey(d.path)).forEach(d -> staying.add(d.path));
        for (String p : staying) {
            // a local drive's files are on the source's disks, whatever drive letters the destination has
            boolean local = StoragePaths.locate(p) instanceof StoragePaths.Local;
            if (local || !reachableOrDenied(dst, p, vm, out)) {
                out.add(new Incompatibility("'" + vm.name + "' failed to open '" + p + "' on host '" + dst.name
                        + "': The system cannot find the path specified. (0x80070003).",
                        Incompatibility.PATH_UNREACHABLE, "HardDiskDrive", p, WindowsErrors.ERROR_PATH_NOT_FOUND));
            }
        }
        // files that move need a reachable place with room
        for (String target : planned.values()) {
            if (!reachableOrDenied(dst, target, vm, out)) {
                out.add(new Incompatibility("'" + vm.name + "' failed to create '" + target + "' on host '" + dst.name
                        + "': The system cannot find the path specified. (0x80070003).",
                        Incompatibility.PATH_UNREACHABLE, "HardDiskDrive", target, WindowsErrors.ERROR_PATH_NOT_FOUND));
                return;
            }
        }
        Map<String, Long> need = new LinkedHashMap<>();
        for (VmState.Disk d : vm.disks) {
            String target = planned.get(d.path);
            if (target != null) {
                need.merge(locationKey(target), d.sizeGB * 1024, Long::sum);
            }
        }
        for (var e : need.entrySet()) {
            String sample = planned.values().stream().filter(t -> locationKey(t).equals(e.getKey())).findFirst()
                    .orElseThrow();
            long free = world.freeSpaceMB(dst, sample);
            if (free >= 0 && free < e.getValue()) {
                out.add(new Incompatibility("There is not enough space on the disk. (0x80070070). '" + vm.name
                        + "' needs " + e.getValue() / 1024 + " GB at '" + sample + "' on host '" + dst.name
                        + "', which has " + free / 1024 + " GB free.", Incompatibility.DISK_SPACE, "HardDiskDrive",
                        sample, WindowsErrors.ERROR_DISK_FULL));
            }
        }
    }

    /** True when reachable; adds the share ACL incompatibility and returns true when it is a share denying access. */
    private boolean reachableOrDenied(HostState dst, String path, VmState vm, List<Incompatibility> out) {
        if (world.pathReachable(dst, path)) {
            return true;
        }
        if (StoragePaths.locate(path) instanceof StoragePaths.Smb s && world.share(s).isPresent()) {
            out.add(new Incompatibility("'" + vm.name + "' failed to register the configuration at '" + path
                    + "' on host '" + dst.name + "': General access denied error (0x80070005).",
                    Incompatibility.SHARE_ACCESS_DENIED, "VM", path, WindowsErrors.E_ACCESSDENIED));
            return true;
        }
        return false;
    }

    private static String locationKey(String path) {
        return switch (StoragePaths.locate(path)) {
            case StoragePaths.Local l -> l.drive().toLowerCase(Locale.ROOT);
            case StoragePaths.Csv c -> c.volume().toLowerCase(Locale.ROOT);
            case StoragePaths.Smb s -> ("\\\\" + s.server() + "\\" + s.share()).toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Where the VM's files go: key "" is the configuration folder; other keys are current VHD paths. Files not in the
     * map stay where they are.
     */
    static Map<String, String> plannedPaths(VmState vm, StorageMove storage) throws WorldException {
        Map<String, String> out = new LinkedHashMap<>();
        switch (storage) {
            case StorageMove.None n -> { }
            case StorageMove.All a -> {
                out.put("", a.destinationPath());
                for (VmState.Disk d : vm.disks) {
                    out.put(d.path, StoragePaths.join(StoragePaths.join(a.destinationPath(), "Virtual Hard Disks"),
                            StoragePaths.fileName(d.path)));
                }
            }
            case StorageMove.PerItem p -> {
                if (p.virtualMachinePath() != null) {
                    out.put("", p.virtualMachinePath());
                }
                for (var e : p.vhds().entrySet()) {
                    VmState.Disk disk = vm.disks.stream().filter(d -> d.path.equalsIgnoreCase(e.getKey())).findFirst()
                            .orElseThrow(() -> WindowsErrors.invalidArgument("The virtual hard disk '" + e.getKey()
                                    + "' is not attached to virtual machine '" + vm.name + "'.", e.getKey()));
                    if (!StoragePaths.fileName(e.getKey()).equalsIgnoreCase(StoragePaths.fileName(e.getValue()))) {
                        throw WindowsErrors.invalidArgument("The virtual hard disk name must be identical in "
                                + "SourceFilePath and DestinationFilePath ('" + e.getKey() + "', '" + e.getValue()
                                + "').", e.getValue());
                    }
                    out.put(disk.path, e.getValue());
                }
            }
        }
        return out;
    }
}
