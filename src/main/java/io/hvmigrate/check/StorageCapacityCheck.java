package io.hvmigrate.check;

import io.hvmigrate.check.Finding.Severity;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.WindowsPath;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.StorageLocation;
import io.hvmigrate.plan.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vm.storage}: when a move takes the VM's disks along, the destination volume (a local volume of the
 * destination, a cluster shared volume, or a share whose free space is known) must hold them — Hyper-V refuses with
 * "There is not enough space on the disk" (0x80070070). Moves of one playbook onto the same volume add up, in plan
 * order. A volume whose free space the facts do not give is not judged; a disk whose size the facts do not give is
 * counted as unknown (a warning), never as zero.
 */
final class StorageCapacityCheck {
    private final Topology topology;
    private final Map<String, Long> committed = new HashMap<>();

    StorageCapacityCheck(Topology topology) {
        this.topology = topology;
    }

    private record Target(String key, String label, long freeBytes, String evidence) {}

    void check(PlannedMove m, Classification.Planned p, List<Finding> out) {
        VmFacts vm = m.vm();
        if (vm == null || p.storagePath() == null || p.storagePath().isBlank()) {
            return;
        }
        List<io.hvmigrate.model.Facts.Disk> unknown = vm.disksOfUnknownSize();
        if (!unknown.isEmpty()) {
            // not zero: the disks are there, the host could not say how large they are
            out.add(new Finding("vm.storage.unknown", Severity.WARNING, m.id(), m.source().name(),
                    "the size of " + unknown.size() + " of " + vm.name() + "'s disks is unknown, so the space check on "
                    + "the destination counts only the disks whose size is known",
                    unknown.stream().map(d -> m.source().name() + ": Get-VHD -Path " + d.path() + ": no size").toList(),
                    "make sure the destination has room for " + vm.name() + "'s disks; discovery reads their size with "
                    + "Get-VHD on " + m.source().name() + ", which must be able to open them"));
        }
        if (vm.diskBytes() <= 0) {
            return;
        }
        HostFacts dst = m.destination();
        Optional<Target> target = target(p.storagePath(), dst);
        if (target.isEmpty()) {
            return;
        }
        Target t = target.get();
        long before = committed.getOrDefault(t.key(), 0L);
        long after = before + vm.diskBytes();
        committed.put(t.key(), after);
        if (after <= t.freeBytes()) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(t.evidence());
        evidence.add(m.source().name() + ": " + vm.name() + " disks = " + gib(vm.diskBytes()));
        if (before > 0) {
            evidence.add("earlier moves of this playbook onto " + t.label() + ": " + gib(before));
        }
        out.add(new Finding("vm.storage", Severity.BLOCKING, m.id(), dst.name(),
                t.label() + " has " + gib(t.freeBytes()) + " free; " + vm.name() + "'s disks need " + gib(vm.diskBytes())
                + (before > 0 ? " on top of " + gib(before) + " for earlier moves" : "")
                + ": the move would fail with \"There is not enough space on the disk\" (0x80070070)",
                evidence, "free space on " + t.label() + ", or give the move a storagePath on a volume with room"));
    }

    private Optional<Target> target(String path, HostFacts dst) {
        return switch (topology.locate(path, dst)) {
            case StorageLocation.Local l -> dst.volumes().stream().filter(v -> WindowsPath.isUnder(path, v.path()))
                    .max(Comparator.comparingInt(v -> v.path().length()))
                    .map(v -> new Target(Names.key(dst.name()) + "|" + v.path().toLowerCase(Locale.ROOT),
                            v.path() + " on " + dst.name(), v.freeBytes(),
                            dst.name() + ": Get-Volume " + v.path() + " SizeRemaining = " + gib(v.freeBytes())));
            case StorageLocation.Csv c -> topology.cluster(c.cluster()).flatMap(cl -> cl.csvVolumes().stream()
                    .filter(v -> Names.same(WindowsPath.normalize(v.path()), WindowsPath.normalize(c.volume()))).findFirst()
                    .map(v -> new Target(Names.key(cl.name()) + "|" + v.path().toLowerCase(Locale.ROOT),
                            v.path() + " of cluster " + cl.name(), v.freeBytes(),
                            cl.name() + ": Get-ClusterSharedVolume " + v.path() + " FreeSpace = " + gib(v.freeBytes()))));
            case StorageLocation.Smb s -> topology.share(s).filter(sh -> sh.freeBytes() > 0)
                    .map(sh -> new Target("\\\\" + Names.key(s.fileServer()) + "\\" + sh.name().toLowerCase(Locale.ROOT),
                            "\\\\" + s.server() + "\\" + s.share(), sh.freeBytes(),
                            s.fileServer() + ": share " + sh.name() + " free = " + gib(sh.freeBytes())));
        };
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / 1073741824.0);
    }
}
