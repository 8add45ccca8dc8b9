package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cluster objects that refer to one another (a group's OwnerNode is a node object). */
final class ClusterViews {
    private ClusterViews() {}

    static PsObject group(World world, ClusterGroupInfo g) throws WorldException {
        PsObject o = WorldObjects.group(g, world.clusters().node(g.cluster(), g.ownerNode()));
        // ClusterGroup.Priority is settable and commits to the cluster at once (Failover Clustering's object model)
        o.putSetter("Priority", value -> {
            long p;
            try {
                p = Long.parseLong(String.valueOf(value instanceof io.hvmigrate.sim.ps.PsNumber.Unsigned u ? u.value() : value).trim());
            } catch (NumberFormatException e) {
                throw new io.hvmigrate.sim.ps.PsException(new io.hvmigrate.sim.ps.ErrorRecord("System.Management.Automation.PSInvalidCastException",
                        "Cannot convert value \"" + value + "\" to type \"System.UInt32\".", 0x80004002,
                        io.hvmigrate.sim.ps.ErrorCategory.InvalidArgument, "InvalidCastFromStringToInteger", value));
            }
            try {
                return WorldObjects.uint32(world.clusters().setPriority(g.cluster(), g.name(), (int) p).priority());
            } catch (WorldException e) {
                throw new io.hvmigrate.sim.ps.PsException(e.toErrorRecord("SetClusterGroupPriority"));
            }
        });
        // the other common properties a role keeps (AntiAffinityClassNames is a StringCollection, filled from an array)
        o.putSetter("AntiAffinityClassNames", value -> {
            List<String> names = new ArrayList<>();
            for (Object v : value instanceof List<?> l ? l : value == null ? List.of() : List.of(value)) {
                names.add(String.valueOf(v instanceof PsObject p ? p.toString() : v));
            }
            commit(world, g, names, null, null, null);
            return new ArrayList<Object>(names);
        });
        o.putSetter("FailoverThreshold", value -> {
            long v = uint32(value);
            commit(world, g, null, v, null, null);
            return WorldObjects.uint32(v);
        });
        o.putSetter("FailoverPeriod", value -> {
            long v = uint32(value);
            commit(world, g, null, null, v, null);
            return WorldObjects.uint32(v);
        });
        o.putSetter("AutoFailbackType", value -> {
            long v = uint32(value);
            commit(world, g, null, null, null, (int) v);
            return WorldObjects.uint32(v);
        });
        return o;
    }

    private static void commit(World world, ClusterGroupInfo g, List<String> aac, Long threshold, Long period, Integer failback)
            throws io.hvmigrate.sim.ps.PsException {
        try {
            world.clusters().setGroupProperties(g.cluster(), g.name(), aac, threshold, period, failback);
        } catch (WorldException e) {
            throw new io.hvmigrate.sim.ps.PsException(e.toErrorRecord("SetClusterGroupProperty"));
        }
    }

    private static long uint32(Object value) throws io.hvmigrate.sim.ps.PsException {
        try {
            long v = Long.parseLong(String.valueOf(value instanceof io.hvmigrate.sim.ps.PsNumber.Unsigned u ? u.value() : value).trim());
            if (v < 0 || v > 4294967295L) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new io.hvmigrate.sim.ps.PsException(new io.hvmigrate.sim.ps.ErrorRecord("System.Management.Automation.PSInvalidCastException",
                    "Cannot convert value \"" + value + "\" to type \"System.UInt32\".", 0x80004002,
                    io.hvmigrate.sim.ps.ErrorCategory.InvalidArgument, "InvalidCastFromStringToInteger", value));
        }
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
