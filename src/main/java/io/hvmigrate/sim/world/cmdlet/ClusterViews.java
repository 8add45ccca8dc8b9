package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.util.Optional;

/** Cluster objects that refer to one another (a group's OwnerNode is a node object). */
final class ClusterViews {
    private ClusterViews() {}

    /**
     * A ClusterGroup whose Priority writes through to the cluster, as the FailoverClusters objects' settable
     * properties do: {@code (Get-ClusterGroup VM1).Priority = 3000} is how Windows sets a role's priority (there is no
     * Set-ClusterGroup), the same form Microsoft documents for AntiAffinityClassNames and the cluster's own properties.
     */
    static PsObject group(World world, ClusterGroupInfo g) throws WorldException {
        PsObject o = WorldObjects.group(g, world.clusters().node(g.cluster(), g.ownerNode()));
        long[] priority = {g.priority()};
        return o.putSettable("Priority", PsType.UINT32, () -> WorldObjects.uint32(priority[0]), v -> {
            long p = ((PsNumber.Unsigned) v).value();
            try {
                world.clusters().setPriority(g.cluster(), g.name(), (int) p);
            } catch (WorldException e) {
                throw new PsException(e.toErrorRecord("SetValueInvocationException"));
            }
            priority[0] = p;
        });
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
