package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Remove-ClusterGroup [[-Name] <StringCollection>] [-InputObject] [-VMId <Guid>] [-Force] [-RemoveResources]
 * [-Cluster <String>]. The VM stays registered in Hyper-V; output: none.
 */
final class RemoveClusterGroup implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.RemoveClusterGroupCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Remove-ClusterGroup", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("VMId", PsType.GUID).in(Param.byPropertyName(-1, false)).build(),
                Param.of("Force", PsType.SWITCH).optional(),
                Param.of("RemoveResources", PsType.SWITCH).optional(),
                Param.of("Cluster", PsType.STRING).optional(),
                Param.of("WhatIf", PsType.SWITCH).aliases("wi").optional(),
                Param.of("Confirm", PsType.SWITCH).aliases("cf").optional()),
                null, RemoveClusterGroup::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        try {
            ClusterGroupInfo g = ClusterViews.resolve(in, cluster, "Name");
            if (in.has("WhatIf")) {
                return;
            }
            in.world.clusters().removeGroup(cluster, g.name(), in.has("RemoveResources"));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
