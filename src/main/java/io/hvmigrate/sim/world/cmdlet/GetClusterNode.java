package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterNodeInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-ClusterNode [[-Name] <StringCollection>] [-InputObject <PSObject>] [-Cluster <String>]. */
final class GetClusterNode implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterNodeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterNode", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterNode::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        try {
            List<String> names = in.strings("Name");
            for (ClusterNodeInfo n : in.world.clusters().nodes(cluster)) {
                if (names.isEmpty() || names.stream().anyMatch(x -> x.equalsIgnoreCase(n.name()))) {
                    in.write(WorldObjects.node(n));
                }
            }
            for (String name : names) {
                in.world.clusters().node(cluster, name); // reports an unknown node
            }
        } catch (WorldException e) {
            in.error(e);
        }
    }
}
