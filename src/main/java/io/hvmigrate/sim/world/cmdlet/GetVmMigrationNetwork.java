package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MigrationNetwork;
import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-VMMigrationNetwork [[-Subnet] <String[]>] [-Priority <UInt32[]>] [-ComputerName] [-Credential]. */
final class GetVmMigrationNetwork implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVMMigrationNetwork";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VMMigrationNetwork", List.of(
                Param.of("Subnet", PsType.STRING_ARRAY).in(Param.at(0, false)).build(),
                Param.of("Priority", Types.UINT32_ARRAY).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, GetVmMigrationNetwork::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> subnets = in.strings("Subnet");
        List<Long> priorities = in.raw("Priority").map(v -> Invocation.list(v).stream().map(Long::parseLong).toList())
                .orElse(List.of());
        for (String host : in.computers()) {
            try {
                for (MigrationNetwork n : in.world.migrationNetworks(host)) {
                    boolean subnetOk = subnets.isEmpty() || subnets.stream().anyMatch(s -> Wildcard.matches(s,
                            n.subnet()));
                    boolean priorityOk = priorities.isEmpty() || priorities.contains((long) n.priority());
                    if (subnetOk && priorityOk) {
                        in.write(WorldObjects.migrationNetwork(host, n));
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }
}
