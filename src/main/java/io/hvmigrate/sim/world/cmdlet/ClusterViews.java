package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.util.Optional;

/** Cluster objects that refer to one another (a group's OwnerNode is a node object). */
final class ClusterViews {
    private ClusterViews() {}

    static PsObject group(World world, ClusterGroupInfo g) throws WorldException {
        return WorldObjects.group(g, world.clusters().node(g.cluster(), g.ownerNode()));
    }

    /** The group a cmdlet names: -InputObject (a ClusterGroup), -VMId, or -Name. */
    static ClusterGroupInfo resolve(Invocation in, String cluster, String nameParameter) throws WorldException {
        Optional<Object> input = in.raw("InputObject");
        if (input.isPresent() && input.get() instanceof PsObject o && o.get("Name").isPresent()
            && o.typeNames().get(0).endsWith(".ClusterGroup")) {
            return in.world.clusters().group(cluster, o.get("Name").get().toString());
        }
        if (in.has("VMId")) {
            return in.world.clusters().groupOfVm(cluster, in.guid("VMId").orElseThrow());
        }
        String name = in.strings(nameParameter).stream().findFirst()
                .orElseThrow(() -> io.hvmigrate.sim.world.WindowsErrors.cluster("No clustered role was specified.",
                        "The cluster group could not be found.", io.hvmigrate.sim.world.WindowsErrors.ERROR_GROUP_NOT_FOUND,
                        null));
        return in.world.clusters().group(cluster, name);
    }
}
