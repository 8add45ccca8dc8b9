package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.world.WindowsErrors;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.WorldException;
import java.util.ArrayList;
import java.util.List;

/**
 * Get-ClusterResource [[-Name] <StringCollection>] [-VMId <Guid>] [-InputObject <PSObject>] [-Cluster <String>]
 * (docset/winserver2022-ps/FailoverClusters/Get-ClusterResource.md). Each VM role holds two resources named after the
 * VM, whatever the role is called: "Virtual Machine <vm>" (type Virtual Machine, private property VmID) and "Virtual
 * Machine Configuration <vm>". OwnerGroup is the role. A group or node piped in lists the resources it holds.
 */
final class GetClusterResource implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterResourceCommand";
    static final String VIRTUAL_MACHINE = "Virtual Machine";
    static final String CONFIGURATION = "Virtual Machine Configuration";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterResource", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("VMId", PsType.GUID).in(Param.byPropertyName(-1, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterResource::new);
    }

    /** One resource of a VM role. */
    record Resource(String name, String type, ClusterGroupInfo group, String vmName) {}

    /** The resources of every VM role of the cluster. */
    static List<Resource> all(World world, String cluster) throws WorldException {
        List<Resource> out = new ArrayList<>();
        for (ClusterGroupInfo g : world.clusters().groups(cluster)) {
            out.addAll(of(world, g));
        }
        return out;
    }

    /** The two resources of one VM role. */
    private static List<Resource> of(World world, ClusterGroupInfo g) throws WorldException {
        String vm = world.vm(g.ownerNode(), g.vmId()).name();
        return List.of(new Resource(VIRTUAL_MACHINE + " " + vm, VIRTUAL_MACHINE, g, vm),
                new Resource(CONFIGURATION + " " + vm, CONFIGURATION, g, vm));
    }

    /**
     * The resource a ClusterResource object stands for (one piped in): looked up through the role it names as its
     * OwnerGroup while that role still holds it, else among every resource of the cluster. A script that pipes each
     * of a cluster's resources on (Get-ClusterResource | % { $_ | Get-ClusterParameter }) then costs one look-up per
     * resource, not a listing of the whole cluster.
     */
    static java.util.Optional<Resource> find(World world, String cluster, PsObject resource) throws WorldException {
        String name = resource.get("Name").map(Object::toString).orElseThrow();
        if (resource.get("OwnerGroup").orElse(null) instanceof PsObject group && group.get("Name").isPresent()) {
            try {
                for (Resource r : of(world, world.clusters().group(cluster, group.get("Name").get().toString()))) {
                    if (r.name().equalsIgnoreCase(name)) {
                        return java.util.Optional.of(r);
                    }
                }
            } catch (WorldException gone) {
                // the role is gone or moved on: the resource may be elsewhere now
            }
        }
        return all(world, cluster).stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
    }

    static PsObject object(World world, Resource r) throws WorldException {
        PsObject type = new PsObject(List.of("Microsoft.FailoverClusters.PowerShell.ClusterResourceType", "System.Object"))
                .put("Name", r.type()).put("DisplayName", r.type()).toStringValue(r.type());
        return new PsObject(List.of("Microsoft.FailoverClusters.PowerShell.ClusterResource",
                "Microsoft.FailoverClusters.PowerShell.ClusterObject", "System.Object"))
                .put("Name", r.name()).put("State", r.group().state())
                .put("OwnerGroup", ClusterViews.group(world, r.group()))
                .put("OwnerNode", WorldObjects.node(world.clusters().node(r.group().cluster(), r.group().ownerNode())))
                .put("ResourceType", type).put("IsCoreResource", false).put("Cluster", r.group().cluster())
                .toStringValue(r.name());
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        Object from = in.raw("InputObject").orElse(null);
        try {
            List<Resource> resources = all(in.world, cluster);
            if (from instanceof PsObject o && o.typeNames().get(0).endsWith(".ClusterGroup")) {
                String group = o.get("Name").map(Object::toString).orElseThrow();
                resources = resources.stream().filter(r -> r.group().name().equalsIgnoreCase(group)).toList();
            } else if (from instanceof PsObject o && o.typeNames().get(0).endsWith(".ClusterNode")) {
                String node = o.get("Name").map(Object::toString).orElseThrow();
                resources = resources.stream().filter(r -> r.group().ownerNode().equalsIgnoreCase(node)).toList();
            }
            if (in.has("VMId")) {
                var id = in.guid("VMId").orElseThrow();
                resources = resources.stream().filter(r -> r.group().vmId().equals(id)).toList();
            }
            List<String> names = in.strings("Name");
            if (names.isEmpty()) {
                for (Resource r : resources) {
                    in.write(object(in.world, r));
                }
                return;
            }
            for (String n : names) {
                List<Resource> hits;
                try {
                    hits = resources.stream().filter(r -> Wildcard.matches(n, r.name())).toList();
                } catch (Wildcard.InvalidPattern e) {
                    in.error(WindowsErrors.invalidWildcard(n));
                    continue;
                }
                if (hits.isEmpty() && !Wildcard.hasWildcards(n)) {
                    in.error(WindowsErrors.cluster("An error occurred opening cluster resource '" + n + "'.",
                            "The cluster resource could not be found.", 0x8007138F, n));
                }
                for (Resource r : hits) {
                    in.write(object(in.world, r));
                }
            }
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
