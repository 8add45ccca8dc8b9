package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Set-ClusterOwnerNode [-Resource <String>] [-Group <String>] -Owners <StringCollection> [-InputObject] [-Cluster]. */
final class SetClusterOwnerNode implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.SetClusterOwnerNodeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Set-ClusterOwnerNode", List.of(
                Param.of("Owners", Types.STRING_COLLECTION).in(Param.mandatory()).build(),
                Param.of("Group", PsType.STRING).optional(),
                Param.of("Resource", PsType.STRING).optional(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, SetClusterOwnerNode::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        List<String> owners = in.strings("Owners");
        try {
            String resource = in.string("Resource").orElse(null);
            if (resource == null && in.raw("InputObject").orElse(null) instanceof PsObject o
                && o.typeNames().get(0).endsWith("ClusterResource")) {
                resource = o.get("Name").map(Object::toString).orElse(null);
            }
            if (resource != null) {
                in.world.clusters().setPossibleOwners(cluster, GetClusterOwnerNode.groupOfResource(in, cluster, resource), owners);
                return;
            }
            String group = in.string("Group").orElse(null);
            if (group == null && in.raw("InputObject").orElse(null) instanceof PsObject o) {
                group = o.get("Name").map(Object::toString).orElse(null);
            }
            if (group == null) {
                throw in.invalid("Specify -Group or -Resource.", null);
            }
            in.world.clusters().setPreferredOwners(cluster, group, owners);
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
