package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.ArrayList;
import java.util.List;

/**
 * Get-ClusterOwnerNode [-Group <String>] [-Resource <String>] [-InputObject] [-Cluster <String>]: a group's preferred
 * owners, or a VM resource's ("Virtual Machine X", "Virtual Machine Configuration X") possible owners.
 */
final class GetClusterOwnerNode implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterOwnerNodeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterOwnerNode", List.of(
                Param.of("Group", PsType.STRING).optional(),
                Param.of("Resource", PsType.STRING).optional(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterOwnerNode::new);
    }

    /** The role that holds a VM resource; the resource is named after the VM, the role may be named otherwise. */
    static String groupOfResource(Invocation in, String cluster, String resource) throws WorldException {
        return GetClusterResource.all(in.world, cluster).stream().filter(r -> r.name().equalsIgnoreCase(resource))
                .map(r -> r.group().name()).findFirst().orElseThrow(() -> io.hvmigrate.sim.world.WindowsErrors.cluster(
                        "An error occurred opening cluster resource '" + resource + "'.",
                        "The cluster resource could not be found.", 0x8007138F, resource));
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        try {
            String resource = in.string("Resource").orElse(null);
            String groupName = resource != null ? groupOfResource(in, cluster, resource) : in.string("Group").orElse(null);
            if (groupName == null && in.raw("InputObject").orElse(null) instanceof PsObject o) {
                groupName = o.get("Name").map(Object::toString).orElse(null);
            }
            if (groupName == null) {
                throw in.invalid("Specify -Group or -Resource.", null);
            }
            ClusterGroupInfo g = in.world.clusters().group(cluster, groupName);
            List<PsObject> owners = new ArrayList<>();
            for (String n : resource != null ? g.possibleOwners() : g.preferredOwners()) {
                owners.add(WorldObjects.node(in.world.clusters().node(cluster, n)));
            }
            in.write(WorldObjects.ownerNodes(resource != null ? resource : g.name(), owners));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
