package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.UUID;

/**
 * Add-ClusterVirtualMachineRole [-Name <String>] [[-VMName] <String>] [-VirtualMachine <String>] [-VMId <Guid>]
 * [-InputObject <PSObject>] [-Cluster <String>]: outputs the new ClusterGroup. -InputObject is the cluster; a VM
 * piped in binds -VMName and -VMId by property name.
 */
final class AddClusterVirtualMachineRole implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.AddClusterVirtualMachineRoleCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Add-ClusterVirtualMachineRole", List.of(
                Param.of("Name", PsType.STRING).optional(),
                Param.of("VMName", PsType.STRING).in(Param.byPropertyName(0, false)).build(),
                Param.of("VirtualMachine", PsType.STRING).aliases("VM").optional(),
                Param.of("VMId", PsType.GUID).in(Param.byPropertyName(-1, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, AddClusterVirtualMachineRole::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.raw("InputObject").orElse(null) instanceof PsObject c
                         && c.typeNames().get(0).endsWith(".Cluster")
                ? c.get("Name").map(Object::toString).orElseThrow() : in.cluster();
        String vmName = in.string("VMName").or(() -> in.string("VirtualMachine")).orElse(null);
        UUID vmId = in.guid("VMId").orElse(null);
        if (vmName == null && vmId == null) {
            throw in.invalid("Specify the virtual machine with -VMName, -VirtualMachine or -VMId.", null);
        }
        try {
            in.write(ClusterViews.group(in.world, in.world.clusters().addVirtualMachineRole(cluster, vmName, vmId,
                    in.string("Name").orElse(null))));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
