package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterNodeInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Suspend-ClusterNode [[-Name] <StringCollection>] [[-TargetNode] <String>] [-Drain] [-ForceDrain] [-Wait]
 * [-InputObject] [-Cluster]. Without -Wait the drain is started and the cmdlet returns (the help's wording); with it,
 * the cmdlet returns once the node is Paused or the drain failed.
 */
final class SuspendClusterNode implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.SuspendClusterNodeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Suspend-ClusterNode", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("TargetNode", PsType.STRING).in(Param.at(1, false)).build(),
                Param.of("Drain", PsType.SWITCH).optional(),
                Param.of("ForceDrain", PsType.SWITCH).optional(),
                Param.of("Wait", PsType.SWITCH).optional(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional(),
                Param.of("WhatIf", PsType.SWITCH).aliases("wi").optional(),
                Param.of("Confirm", PsType.SWITCH).aliases("cf").optional()),
                null, SuspendClusterNode::new);
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
                if (in.has("WhatIf")) {
                    in.write(WorldObjects.node(in.world.clusters().node(cluster, node)));
                    continue;
                }
                ClusterNodeInfo n = in.world.clusters().suspendNode(cluster, node,
                        in.has("Drain") || in.has("ForceDrain"), in.has("ForceDrain"),
                        in.string("TargetNode").orElse(null));
                if (in.has("Wait")) {
                    n = waitForPause(in, cluster, node);
                }
                in.write(WorldObjects.node(n));
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }

    private static ClusterNodeInfo waitForPause(Invocation in, String cluster, String node)
            throws WorldException, PsException {
        while (true) {
            ClusterNodeInfo n = in.world.clusters().node(cluster, node);
            if (n.state().equals("Paused") || n.drainStatus().equals("Failed")) {
                return n;
            }
            synchronized (in.world) {
                try {
                    in.world.wait(100); // woken when the world changes (a migration ends), else looks again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return n;
                }
            }
            in.checkStopping();
        }
    }
}
