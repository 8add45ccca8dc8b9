package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MigrationNetwork;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Set-VMMigrationNetwork [-Subnet] <String> [[-NewSubnet] <String>] [-NewPriority <UInt32>] [-Passthru]: changes an
 * existing entry (it does not add one, whatever the set-up page's example suggests).
 */
final class SetVmMigrationNetwork implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.SetVMMigrationNetwork";

    static CmdletInfo info() {
        return new CmdletInfo("Set-VMMigrationNetwork", List.of(
                Param.of("Subnet", PsType.STRING).in(Param.at(0, true)).build(),
                Param.of("NewSubnet", PsType.STRING).in(Param.at(1, false)).build(),
                Param.of("NewPriority", PsType.UINT32).optional(),
                Param.of("Passthru", PsType.SWITCH).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, SetVmMigrationNetwork::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        for (String host : in.computers()) {
            try {
                List<MigrationNetwork> changed = in.world.setMigrationNetwork(host, in.string("Subnet").orElseThrow(),
                        in.string("NewSubnet").orElse(null), in.number("NewPriority").map(Long::intValue).orElse(null));
                if (in.has("Passthru")) {
                    changed.forEach(n -> in.write(WorldObjects.migrationNetwork(host, n)));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
