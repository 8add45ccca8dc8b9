package io.hvmigrate.check;

import io.hvmigrate.check.Finding.Severity;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.StorageLocation;
import io.hvmigrate.plan.Topology;
import io.hvmigrate.powershell.PsLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vm.media}: a VM with an ISO mounted from a path the destination cannot open does not move — Hyper-V checks the
 * DVD drive's file on the destination, and the move fails with 0xC03A0014 (hyperv-reference, Microsoft's checklist).
 * A local drive of the source is never reachable from the destination (its D:\ is another disk); a CSV is reachable
 * from the nodes of its cluster; an SMB share when the destination's computer account has Full Control on it.
 * ISOs do not move with the VM's storage, so this holds for every scenario.
 */
final class MediaCheck {
    private MediaCheck() {}

    static void check(PlannedMove m, Topology topology, List<Finding> out) {
        VmFacts vm = m.vm();
        if (vm == null || vm.isoPaths().isEmpty()) {
            return;
        }
        HostFacts src = m.source();
        HostFacts dst = m.destination();
        List<String> unreachable = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String iso : vm.isoPaths()) {
            String why = unreachable(topology.locate(iso, src), dst, topology);
            if (why != null) {
                unreachable.add(iso);
                evidence.add(src.name() + ": Get-VM " + vm.name() + " DVDDrives.Path = " + iso + " (" + why + ")");
            }
        }
        if (unreachable.isEmpty()) {
            return;
        }
        out.add(new Finding("vm.media", Severity.BLOCKING, m.id(), src.name(),
                vm.name() + " has " + (unreachable.size() == 1 ? "an ISO" : "ISOs") + " mounted that " + dst.name()
                + " cannot open (" + String.join(", ", unreachable) + "): the move would fail with 0xC03A0014; eject it, "
                + "or copy the ISO to a share both hosts reach and mount it from there",
                evidence, ejectCommand(src, vm)));
    }

    /** The command that ejects every DVD drive's media of the VM, run on (or against) the source. */
    static String ejectCommand(HostFacts src, VmFacts vm) {
        String host = src.netbios() != null ? src.netbios() : src.name();
        return "Set-VMDvdDrive -ComputerName " + PsLiteral.quote(host) + " -VMName " + PsLiteral.quote(vm.name())
                + " -Path $null";
    }

    /** Why the destination cannot open the file, or null when it can. */
    private static String unreachable(StorageLocation where, HostFacts dst, Topology topology) {
        return switch (where) {
            case StorageLocation.Local l -> "a local drive of " + l.host();
            case StorageLocation.Csv c -> Names.same(c.cluster(), dst.cluster()) ? null
                    : "a cluster shared volume of " + c.cluster();
            case StorageLocation.Smb s -> topology.share(s).isEmpty()
                    ? "\\\\" + s.server() + "\\" + s.share() + " is a share hvmigrate does not know, so it cannot tell who reaches it"
                    : topology.reaches(dst, s) ? null
                    : "\\\\" + s.server() + "\\" + s.share() + " gives " + dst.name() + " no Full Control";
        };
    }
}
