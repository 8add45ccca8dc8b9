package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-Cluster [[-Name] <String>] [-Domain <String>] [-InputObject <PSObject>]: the local node's cluster by default. */
final class GetCluster implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-Cluster", List.of(
                Param.of("Name", PsType.STRING).aliases("Cluster").in(Param.at(0, false)).build(),
                Param.of("Domain", PsType.STRING).optional(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build()),
                null, GetCluster::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            String local = in.world.clusters().clusterOfNode(in.session.computerName()).name();
            String name = in.string("Name").orElse(local);
            in.write(WorldObjects.cluster(in.world.clusters().cluster(name)));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
