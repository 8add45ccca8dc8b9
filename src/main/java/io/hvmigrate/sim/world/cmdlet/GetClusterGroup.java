package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-ClusterGroup [[-Name] <StringCollection>] [-InputObject] [-VMId <Guid>] [-Cluster <String>]. */
final class GetClusterGroup implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterGroupCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterGroup", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("VMId", PsType.GUID).optional(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterGroup::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        try {
            if (in.has("VMId")) {
                in.write(ClusterViews.group(in.world, in.world.clusters().groupOfVm(cluster,
                        in.guid("VMId").orElseThrow())));
                return;
            }
            List<String> names = in.strings("Name");
            if (names.isEmpty()) {
                for (ClusterGroupInfo g : in.world.clusters().groups(cluster)) {
                    in.write(ClusterViews.group(in.world, g));
                }
                return;
            }
            for (String n : names) {
                try {
                    in.write(ClusterViews.group(in.world, in.world.clusters().group(cluster, n)));
                } catch (WorldException e) {
                    in.error(e);
                }
            }
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
