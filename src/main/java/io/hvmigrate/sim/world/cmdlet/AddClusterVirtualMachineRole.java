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
 * Add-ClusterVirtualMachineRole [-VMName <String>] [-VirtualMachine <String>] [[-Name] <String>] [-VMId <Guid>]
 * [-InputObject] [-Cluster <String>]: outputs the new ClusterGroup.
 */
final class AddClusterVirtualMachineRole implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.AddClusterVirtualMachineRoleCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Add-ClusterVirtualMachineRole", List.of(
                Param.of("VMName", PsType.STRING).optional(),
                Param.of("VirtualMachine", PsType.STRING).optional(),
                Param.of("Name", PsType.STRING).in(Param.at(0, false)).build(),
                Param.of("VMId", PsType.GUID).optional(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, AddClusterVirtualMachineRole::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        String vmName = in.string("VMName").or(() -> in.string("VirtualMachine")).orElse(null);
        UUID vmId = in.guid("VMId").orElse(null);
        if (vmName == null && vmId == null && in.raw("InputObject").orElse(null) instanceof PsObject vm) {
            vmId = vm.get("Id").filter(UUID.class::isInstance).map(UUID.class::cast).orElse(null);
            vmName = vm.get("Name").map(Object::toString).orElse(null);
        }
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
