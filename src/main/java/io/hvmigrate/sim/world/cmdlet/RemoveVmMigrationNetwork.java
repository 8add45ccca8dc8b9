package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MigrationNetwork;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Remove-VMMigrationNetwork [-Subnet] <String> [-Passthru] [-ComputerName] [-Credential]. */
final class RemoveVmMigrationNetwork implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.RemoveVMMigrationNetwork";

    static CmdletInfo info() {
        return new CmdletInfo("Remove-VMMigrationNetwork", List.of(
                Param.of("Subnet", PsType.STRING).in(Param.at(0, true)).build(),
                Param.of("Passthru", PsType.SWITCH).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, RemoveVmMigrationNetwork::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        for (String host : in.computers()) {
            try {
                List<MigrationNetwork> removed = in.world.removeMigrationNetwork(host,
                        in.string("Subnet").orElseThrow());
                if (in.has("Passthru")) {
                    removed.forEach(n -> in.write(WorldObjects.migrationNetwork(host, n)));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
