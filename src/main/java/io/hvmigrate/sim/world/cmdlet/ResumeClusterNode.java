package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Resume-ClusterNode [[-Name] <StringCollection>] [[-Failback] <ResumeClusterNodeFailbackType>] [-InputObject] [-Cluster]. */
final class ResumeClusterNode implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.ResumeClusterNodeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Resume-ClusterNode", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("Failback", PsType.enumOf(Types.FAILBACK_TYPE)).in(Param.at(1, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, ResumeClusterNode::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        List<String> names = in.strings("Name");
        if (names.isEmpty() && in.raw("InputObject").orElse(null) instanceof PsObject o) {
            names = List.of(o.get("Name").map(Object::toString).orElseThrow());
        }
        if (names.isEmpty()) {
            names = List.of(in.session.computerName());
        }
        for (String node : names) {
            try {
                in.write(WorldObjects.node(in.world.clusters().resumeNode(cluster, node,
                        in.enumName("Failback").orElse("NoFailback"))));
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
