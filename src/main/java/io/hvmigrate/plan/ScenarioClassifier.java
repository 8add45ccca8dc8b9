package io.hvmigrate.plan;

import io.hvmigrate.model.Facts.ClusterFacts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.TrustType;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Facts.Volume;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.WindowsPath;
import io.hvmigrate.plan.Classification.AlreadyInPlace;
import io.hvmigrate.plan.Classification.Planned;
import io.hvmigrate.plan.Classification.Refused;
import io.hvmigrate.plan.StorageLocation.Csv;
import io.hvmigrate.plan.StorageLocation.Local;
import io.hvmigrate.plan.StorageLocation.Smb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which of the seven live-migration scenarios a move is, or why it cannot be made — a pure function of the
 * facts about the VM, its source, its destination and their storage.
 *
 * <p>Decisions where the reference leaves room (also in the README):
 * <ul>
 *   <li>The scenario follows the VM's role, not its host's: a VM that is not a clustered role moves host-to-host
 *       (S3/S4) even when its host is a cluster node; moving it into <em>another</em> cluster is S7.</li>
 *   <li>A VM already on its destination is not an error but "already in place", so a finished playbook can be run again;
 *       asking for a different storage path on the same host is refused (that is a storage migration).</li>
 *   <li>Between two clusters, or from a cluster to a standalone host, files on an SMB share the destination side already
 *       reaches stay where they are (Move-VM without -IncludeStorage); otherwise they move.</li>
 *   <li>A VM that is not highly available and lives on a CSV may move to another node of the same cluster without its
 *       storage (both nodes see the volume) — that is S3 over cluster storage.</li>
 *   <li>Hosts in different forests need a forest trust that lets the source's forest authenticate in the destination's;
 *       an external trust is refused (no name-suffix routing, so Kerberos S4U is unreliable across it).</li>
 * </ul>
 */
public final class ScenarioClassifier {
    private final Topology topology;

    public ScenarioClassifier(Topology topology) {
        this.topology = topology;
    }

    public Classification classify(MoveRequest r) {
        VmFacts vm = r.vm();
        HostFacts src = r.source();
        HostFacts dst = r.destination();
        String requested = r.storagePath();

        if (dst.answersTo(src.name())) {
            if (requested != null && !samePlace(requested, vm.path())) {
                return new Refused(RefusalCode.STORAGE_ONLY_MOVE,
                        "VM '" + vm.name() + "' is already on " + dst.name() + "; only its storage would move (" + vm.path() + " → " + requested + ")",
                        "a storage-only move is a storage migration (Move-VMStorage), which hvmigrate does not do; drop storagePath: or choose another host");
            }
            return new AlreadyInPlace("VM '" + vm.name() + "' is already on " + dst.name());
        }
        if (dst.nodeState() != null && !"Up".equalsIgnoreCase(dst.nodeState())) {
            return new Refused(RefusalCode.DESTINATION_NOT_UP,
                    "destination node " + dst.name() + " is " + dst.nodeState() + " in cluster " + dst.cluster(),
                    "resume it (Resume-ClusterNode -Name " + dst.netbios() + ") or choose an Up node");
        }

        String srcCluster = vm.clustered() ? src.cluster() : null;
        boolean sameCluster = srcCluster != null && Names.same(srcCluster, dst.cluster());
        List<StorageLocation> files = topology.locateVm(vm, src);
        List<String> reasons = new ArrayList<>();

        if (!sameCluster) {
            Refused trust = forestRefusal(src, dst);
            if (trust != null) {
                return trust;
            }
        }

        if (vm.clustered()) {
            reasons.add("VM '" + vm.name() + "' is highly available: a role of cluster " + srcCluster);
            if (sameCluster) {
                return inCluster(r, files, reasons);
            }
            if (dst.cluster() != null) {
                reasons.add("destination " + dst.name() + " is a node of another cluster, " + dst.cluster() + ": remove the role, move, add it there");
                return intoCluster(r, Scenario.S5, files, reasons);
            }
            if (!r.allowUnprotected()) {
                return new Refused(RefusalCode.WOULD_LEAVE_UNPROTECTED,
                        "VM '" + vm.name() + "' is highly available on " + srcCluster + "; on standalone host " + dst.name() + " it would not be",
                        "set allowUnprotected: true on this move (or policy.ha.allowUnprotected) to accept that, or move it to a cluster node");
            }
            reasons.add("destination " + dst.name() + " is a standalone host: the role is removed first and the VM is not protected there (allowed by the playbook)");
            return toStandalone(r, Scenario.S6, files, reasons);
        }

        reasons.add("VM '" + vm.name() + "' is not a clustered role");
        if (dst.cluster() != null && !Names.same(dst.cluster(), src.cluster()) && r.makeHighlyAvailable()) {
            reasons.add("destination " + dst.name() + " is a node of cluster " + dst.cluster() + ": the VM is made highly available there after the move");
            return intoCluster(r, Scenario.S7, files, reasons);
        }
        if (dst.cluster() != null && !Names.same(dst.cluster(), src.cluster())) {
            reasons.add("destination " + dst.name() + " is a cluster node, but the policy does not make VMs highly available (ha.makeHighlyAvailable: false)");
        } else if (dst.cluster() != null) {
            reasons.add("both hosts are nodes of " + dst.cluster() + ", and the VM stays a standalone VM");
        }
        return toStandalone(r, null, files, reasons);
    }

    // ---- scenarios 1 and 2 ----------------------------------------------------------------------------------------

    private Classification inCluster(MoveRequest r, List<StorageLocation> files, List<String> reasons) {
        VmFacts vm = r.vm();
        HostFacts dst = r.destination();
        ClusterFacts cluster = topology.cluster(dst.cluster()).orElseThrow();
        if (r.storagePath() != null && !samePlace(r.storagePath(), vm.path())) {
            return new Refused(RefusalCode.IN_CLUSTER_STORAGE_PATH,
                    "a live migration inside cluster " + cluster.name() + " keeps the VM's files where they are; storagePath " + r.storagePath() + " would need a storage migration",
                    "drop storagePath: from this move");
        }
        boolean anySmb = false;
        for (StorageLocation f : files) {
            switch (f) {
                case Local l -> {
                    return new Refused(RefusalCode.CLUSTERED_VM_NOT_ON_CLUSTER_STORAGE,
                            "clustered VM '" + vm.name() + "' has " + l.path() + " on a local disk of " + l.host() + ", which other nodes cannot reach",
                            "move its storage onto a cluster shared volume or an SMB share every node reaches (Move-VMStorage), then plan again");
                }
                case Smb s -> {
                    Refused unreachable = smbReachable(s, dst, cluster, vm);
                    if (unreachable != null) {
                        return unreachable;
                    }
                    anySmb = true;
                }
                case Csv c -> { }
            }
        }
        reasons.add("destination " + dst.name() + " is another node of " + cluster.name() + ": the cluster moves the role (Move-ClusterVirtualMachineRole -MigrationType Live)");
        boolean allSmb = files.stream().allMatch(f -> f instanceof Smb);
        if (allSmb) {
            reasons.add("its files are on SMB 3.0 storage (" + distinctShares(files) + ") that every node reaches");
            return new Planned(Scenario.S2, null, reasons);
        }
        reasons.add("its files are on cluster shared volumes" + (anySmb ? " and SMB shares every node reaches" : ""));
        return new Planned(Scenario.S1, null, reasons);
    }

    private Refused smbReachable(Smb s, HostFacts dst, ClusterFacts cluster, VmFacts vm) {
        if (s.fileServer() == null || topology.share(s).isEmpty()) {
            return unknownShare(s, vm);
        }
        boolean ok = cluster != null ? topology.allNodesReach(cluster, s) : topology.reaches(dst, s);
        if (!ok) {
            String who = cluster != null ? "every node of cluster " + cluster.name() : "host " + dst.name();
            return new Refused(RefusalCode.SHARE_NOT_REACHABLE,
                    "VM '" + vm.name() + "' keeps " + s.path() + " on \\\\" + s.server() + "\\" + s.share() + ", but " + who + " lacks Full Control on that share",
                    "grant Full Control on the share and its folder to " + (cluster != null ? "the cluster's nodes' computer accounts" : dst.netbios() + "$")
                            + ", or give storagePath: to move the files");
        }
        return null;
    }

    private Refused unknownShare(Smb s, VmFacts vm) {
        return new Refused(RefusalCode.UNKNOWN_FILE_SERVER,
                "VM '" + vm.name() + "' keeps files on \\\\" + s.server() + "\\" + s.share() + ", which is not a known share of a known file server, so who may reach it is unknown",
                "add the file server (or SOFS access point) '" + s.server() + "' to the inventory's fileServers: and discover again");
    }

    // ---- scenarios 5 and 7: into a cluster ---------------------------------------------------------------------

    private Classification intoCluster(MoveRequest r, Scenario scenario, List<StorageLocation> files, List<String> reasons) {
        VmFacts vm = r.vm();
        HostFacts dst = r.destination();
        ClusterFacts cluster = topology.cluster(dst.cluster()).orElseThrow();

        boolean keepInPlace = (r.storagePath() == null || samePlace(r.storagePath(), vm.path()))
                && files.stream().allMatch(f -> f instanceof Smb s && topology.share(s).isPresent() && topology.allNodesReach(cluster, s));
        if (keepInPlace) {
            reasons.add("its files are on " + distinctShares(files) + ", which every node of " + cluster.name() + " reaches: they stay, only memory and state move");
            return new Planned(scenario, null, reasons);
        }
        String path = r.storagePath();
        if (path == null && r.storageRoot() != null) {
            path = WindowsPath.join(r.storageRoot(), folderName(vm.name()));
            reasons.add("its files move to " + path + " (storageRoot + the VM's name)");
        } else if (path == null) {
            Optional<Volume> best = cluster.csvVolumes().stream().max(Comparator.comparingLong(Volume::freeBytes));
            if (best.isEmpty()) {
                return new Refused(RefusalCode.NO_CLUSTER_STORAGE,
                        "cluster " + cluster.name() + " has no cluster shared volume to put VM '" + vm.name() + "' on",
                        "give storagePath: on a share every node of " + cluster.name() + " reaches");
            }
            path = WindowsPath.join(best.get().path(), folderName(vm.name()));
            reasons.add("no storagePath given: its files move to " + path + ", the cluster shared volume of " + cluster.name() + " with the most free space");
        } else {
            reasons.add("its files move to " + path);
        }
        StorageLocation target = topology.locate(path, dst);
        switch (target) {
            case Csv c -> { }
            case Smb s -> {
                if (s.fileServer() == null || topology.share(s).isEmpty()) {
                    return unknownShare(s, vm);
                }
                if (!topology.allNodesReach(cluster, s)) {
                    return new Refused(RefusalCode.DESTINATION_PATH_NOT_CLUSTER_STORAGE,
                            "storage path " + path + " is on a share that not every node of " + cluster.name() + " reaches, so the VM could not fail over",
                            "choose a cluster shared volume (C:\\ClusterStorage\\...) of " + cluster.name() + " or a share all its nodes have Full Control on");
                }
            }
            case Local l -> {
                return new Refused(RefusalCode.DESTINATION_PATH_NOT_CLUSTER_STORAGE,
                        "storage path " + path + " is a local disk of " + dst.name() + "; a highly available VM there could never fail over",
                        "choose a cluster shared volume of " + cluster.name() + " ("
                                + String.join(", ", cluster.csvVolumes().stream().map(Volume::path).toList()) + ") or an SMB share all its nodes reach");
            }
        }
        return new Planned(scenario, path, reasons);
    }

    // ---- scenarios 3, 4 and 6: to a host that keeps the VM as a standalone VM ----------------------------------

    private Classification toStandalone(MoveRequest r, Scenario fixed, List<StorageLocation> files, List<String> reasons) {
        VmFacts vm = r.vm();
        HostFacts src = r.source();
        HostFacts dst = r.destination();
        boolean keep = r.storagePath() == null || samePlace(r.storagePath(), vm.path());
        boolean sharedSmb = files.stream().allMatch(f -> f instanceof Smb);
        boolean sharedCsv = !vm.clustered() && src.cluster() != null && Names.same(src.cluster(), dst.cluster())
                && files.stream().allMatch(f -> f instanceof Csv || f instanceof Smb) && files.stream().anyMatch(f -> f instanceof Csv);

        if (keep && sharedSmb) {
            for (StorageLocation f : files) {
                Refused unreachable = smbReachable((Smb) f, dst, null, vm);
                if (unreachable != null) {
                    return unreachable;
                }
            }
            reasons.add("its files are on SMB 3.0 storage (" + distinctShares(files) + ") that " + dst.name() + " reaches: they stay, only memory and state move");
            return new Planned(fixed != null ? fixed : Scenario.S3, null, reasons);
        }
        if (keep && sharedCsv) {
            for (StorageLocation f : files) {
                if (f instanceof Smb s) {
                    Refused unreachable = smbReachable(s, dst, null, vm);
                    if (unreachable != null) {
                        return unreachable;
                    }
                }
            }
            reasons.add("its files are on cluster shared volumes of " + src.cluster() + " that " + dst.name() + " also sees: they stay, only memory and state move");
            return new Planned(Scenario.S3, null, reasons);
        }
        String path = r.storagePath();
        if (path == null && r.storageRoot() != null) {
            path = WindowsPath.join(r.storageRoot(), folderName(vm.name()));
            reasons.add("its files move to " + path + " (storageRoot + the VM's name)");
        } else if (path == null) {
            path = WindowsPath.join(dst.virtualMachinePath(), folderName(vm.name()));
            reasons.add("no storagePath given: its files move to " + path + ", under the destination's default virtual machine path");
        } else {
            reasons.add("its files move to " + path);
        }
        StorageLocation target = topology.locate(path, dst);
        if (target instanceof Smb s) {
            if (s.fileServer() == null || topology.share(s).isEmpty()) {
                return unknownShare(s, vm);
            }
            if (!topology.reaches(dst, s)) {
                return new Refused(RefusalCode.DESTINATION_PATH_NOT_REACHABLE,
                        "storage path " + path + " is on \\\\" + s.server() + "\\" + s.share() + ", on which " + dst.name() + " lacks Full Control",
                        "grant Full Control on the share and its folder to " + dst.netbios() + "$, or choose another storagePath:");
            }
        } else if (target instanceof Csv c && !Names.same(c.cluster(), dst.cluster())) {
            return new Refused(RefusalCode.DESTINATION_PATH_NOT_REACHABLE, "storage path " + path + " is not a volume of " + dst.name(), "choose a path on " + dst.name());
        }
        if (fixed == null) {
            reasons.add("the files are not on storage both hosts share, so they move with the VM (shared-nothing live migration)");
        }
        return new Planned(fixed != null ? fixed : Scenario.S4, path, reasons);
    }

    // ---- forests ---------------------------------------------------------------------------------------------------

    private Refused forestRefusal(HostFacts src, HostFacts dst) {
        String a = topology.forestOf(src);
        String b = topology.forestOf(dst);
        if (a == null || b == null || Names.same(a, b)) {
            return null;
        }
        Optional<TrustType> t = topology.trustFor(src.domain(), dst.domain());
        if (t.isPresent() && t.get() == TrustType.FOREST) {
            return null;
        }
        if (t.isPresent()) {
            return new Refused(RefusalCode.EXTERNAL_TRUST_ONLY,
                    src.name() + " (forest " + a + ") and " + dst.name() + " (forest " + b + ") are joined only by an external trust (" + src.domain() + ", " + dst.domain() + "), which lacks the name-suffix routing cross-forest Kerberos delegation needs",
                    "replace it with a forest trust between " + a + " and " + b + " (Active Directory Domains and Trusts → New Trust → Forest trust), then use resource-based delegation");
        }
        return new Refused(RefusalCode.NO_FOREST_TRUST,
                src.name() + " (forest " + a + ") and " + dst.name() + " (forest " + b + ") are in different forests with no trust that lets " + a + " authenticate in " + b,
                "create a forest trust in which " + b + " trusts " + a + " (both ways for moves back), then use resource-based delegation");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    static boolean samePlace(String a, String b) {
        return WindowsPath.normalize(a).equalsIgnoreCase(WindowsPath.normalize(b));
    }

    private static String distinctShares(List<StorageLocation> files) {
        return String.join(", ", files.stream().filter(f -> f instanceof Smb).map(f -> (Smb) f)
                .map(s -> "\\\\" + s.server() + "\\" + s.share()).distinct().toList());
    }

    /** A folder name for a VM: the name with the characters Windows does not allow in file names replaced by '_'. */
    static String folderName(String vmName) {
        StringBuilder sb = new StringBuilder();
        for (char c : vmName.toCharArray()) {
            sb.append(c < 0x20 || "<>:\"/\\|?*".indexOf(c) >= 0 ? '_' : c);
        }
        String s = sb.toString().strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? "_" : s;
    }
}
