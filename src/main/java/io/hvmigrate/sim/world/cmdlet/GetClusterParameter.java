package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WindowsErrors;
import io.hvmigrate.sim.world.WorldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Get-ClusterParameter [[-Name] <StringCollection>] [-InputObject <PSObject>] [-Cluster <String>]
 * (docset/winserver2022-ps/FailoverClusters/Get-ClusterParameter.md): the private properties of a cluster object, as
 * ClusterParameter objects (ClusterObject, Name, Value, ParameterType). Modelled for the VM resources only: VmID (the
 * VM's Id as a string), and OfflineAction and ShutdownAction of a Virtual Machine resource.
 */
final class GetClusterParameter implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterParameterCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterParameter", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, GetClusterParameter::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        Object from = in.raw("InputObject").orElse(null);
        if (!(from instanceof PsObject o) || !o.typeNames().get(0).endsWith(".ClusterResource")) {
            throw in.invalid("hvsim models the private properties of virtual machine resources only; pipe in "
                    + "Get-ClusterResource.", from);
        }
        String resource = o.get("Name").map(Object::toString).orElseThrow();
        try {
            GetClusterResource.Resource r = GetClusterResource.find(in.world, cluster, o)
                    .orElseThrow(() -> WindowsErrors.cluster("An error occurred opening cluster resource '" + resource + "'.",
                            "The cluster resource could not be found.", 0x8007138F, resource));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("VmID", r.group().vmId().toString());
            if (r.type().equals(GetClusterResource.VIRTUAL_MACHINE)) {
                values.put("OfflineAction", WorldObjects.uint32(1));
                values.put("ShutdownAction", WorldObjects.uint32(0));
            }
            List<String> names = in.strings("Name");
            if (names.isEmpty()) {
                names = List.copyOf(values.keySet());
            }
            for (String n : names) {
                String key = values.keySet().stream().filter(k -> k.equalsIgnoreCase(n)).findFirst().orElse(null);
                if (key == null) {
                    in.error(WindowsErrors.cluster("Parameter '" + n + "' does not exist on the cluster object '" + resource
                            + "'.", "The cluster property is not valid.", 0x80070057, n));
                    continue;
                }
                Object v = values.get(key);
                in.write(new PsObject(List.of("Microsoft.FailoverClusters.PowerShell.ClusterParameter", "System.Object"))
                        .put("ClusterObject", o).put("Name", key).put("IsReadOnly", key.equals("VmID"))
                        .put("ParameterType", v instanceof String ? "String" : "UInt32").put("Value", v));
            }
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
