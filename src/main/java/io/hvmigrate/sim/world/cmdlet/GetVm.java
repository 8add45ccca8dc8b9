package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.world.WindowsErrors;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.UUID;

/**
 * Get-VM [[-Name] <String[]>] [-CimSession] [-ComputerName <String[]>] [-Credential] | [[-Id] <Guid>] |
 * [-ClusterObject] <PSObject> (the help page's three parameter sets).
 * A name without wildcards that matches nothing is a non-terminating error; a wildcard that matches nothing is not.
 */
final class GetVm implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVM";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VM", List.of(
                Param.of("Name", PsType.STRING_ARRAY).aliases("VMName").in(Param.pipeline(0, false), "Name").build(),
                Param.of("Id", PsType.GUID).in(new io.hvmigrate.sim.ps.ParameterInfo.Binding(false, 0, true, true),
                        "Id").build(),
                Param.of("ClusterObject", Types.PSOBJECT).in(Param.pipeline(0, true), "ClusterObject").build(),
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.named(), "Name", "Id").build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.named(), "Name", "Id").build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.named(), "Name", "Id").build()),
                "Name", GetVm::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        if (in.has("ClusterObject")) {
            fromClusterObject(in, in.raw("ClusterObject").orElseThrow());
            return;
        }
        for (String host : in.computers()) {
            try {
                if (in.has("Id")) {
                    UUID id = in.guid("Id").orElseThrow();
                    in.write(WorldObjects.vm(in.world.vm(host, id)));
                    continue;
                }
                List<VmInfo> all = in.world.vms(host);
                List<String> names = in.strings("Name");
                if (names.isEmpty()) {
                    all.forEach(v -> in.write(WorldObjects.vm(v)));
                    continue;
                }
                for (String n : names) {
                    try {
                        named(all, n).forEach(v -> in.write(WorldObjects.vm(v)));
                    } catch (WorldException e) {
                        in.error(e);
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }

    /**
     * The VMs a -Name matches ("Accept wildcard characters: True", Get-VM.md): a pattern per about_Wildcards; a name
     * without wildcard characters that matches nothing is an error, a pattern that matches nothing is not.
     */
    static List<VmInfo> named(List<VmInfo> all, String name) throws WorldException {
        List<VmInfo> hits;
        try {
            hits = all.stream().filter(v -> Wildcard.matches(name, v.name())).toList();
        } catch (Wildcard.InvalidPattern e) {
            throw WindowsErrors.invalidWildcard(name);
        }
        if (hits.isEmpty() && !Wildcard.hasWildcards(name)) {
            throw WindowsErrors.vmNotFound(name);
        }
        return hits;
    }

    /** A ClusterGroup from Get-ClusterGroup: the VM of that role, from its owner node. */
    private void fromClusterObject(Invocation in, Object cluster) throws PsException {
        if (!(cluster instanceof PsObject group) || group.get("GroupType").isEmpty()) {
            throw in.invalid("The ClusterObject parameter takes a cluster group of a virtual machine.", cluster);
        }
        try {
            String clusterName = group.get("Cluster").map(Object::toString).orElseThrow();
            ClusterGroupInfo g = in.world.clusters().group(clusterName,
                    group.get("Name").map(Object::toString).orElseThrow());
            in.write(WorldObjects.vm(in.world.vm(g.ownerNode(), g.vmId())));
        } catch (WorldException e) {
            in.error(e);
        }
    }
}
