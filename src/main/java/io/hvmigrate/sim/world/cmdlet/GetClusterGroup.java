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
                Param.of("VMId", PsType.GUID).in(Param.byPropertyName(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterGroup::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        Object from = in.raw("InputObject").orElse(null);
        String cluster = from instanceof io.hvmigrate.sim.ps.PsObject c && c.typeNames().get(0).endsWith(".Cluster")
                ? c.get("Name").map(Object::toString).orElseThrow() : in.cluster();
        // a ClusterNode piped in lists the roles that node owns (the help's example 3)
        String ownedBy = from instanceof io.hvmigrate.sim.ps.PsObject n && n.typeNames().get(0).endsWith(".ClusterNode")
                ? n.get("Name").map(Object::toString).orElseThrow() : null;
        try {
            if (in.has("VMId")) {
                in.write(ClusterViews.group(in.world, in.world.clusters().groupOfVm(cluster,
                        in.guid("VMId").orElseThrow())));
                return;
            }
            List<String> names = in.strings("Name");
            if (names.isEmpty()) {
                for (ClusterGroupInfo g : in.world.clusters().groups(cluster)) {
                    if (ownedBy == null || g.ownerNode().equalsIgnoreCase(ownedBy)) {
                        in.write(ClusterViews.group(in.world, g));
                    }
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
