package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MigrationNetwork;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Add-VMMigrationNetwork [-Subnet] <String> [[-Priority] <UInt32>] [-Passthru] [-ComputerName] [-Credential]. */
final class AddVmMigrationNetwork implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.AddVMMigrationNetwork";

    static CmdletInfo info() {
        return new CmdletInfo("Add-VMMigrationNetwork", List.of(
                Param.of("Subnet", PsType.STRING).in(Param.at(0, true)).build(),
                Param.of("Priority", PsType.UINT32).in(Param.at(1, false)).build(),
                Param.of("Passthru", PsType.SWITCH).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, AddVmMigrationNetwork::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String subnet = in.string("Subnet").orElseThrow();
        int priority = in.number("Priority").map(Long::intValue).orElse(0);
        for (String host : in.computers()) {
            try {
                MigrationNetwork n = in.world.addMigrationNetwork(host, subnet, priority);
                if (in.has("Passthru")) {
                    in.write(WorldObjects.migrationNetwork(host, n));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
