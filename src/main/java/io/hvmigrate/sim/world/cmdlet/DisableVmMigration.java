package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Disable-VMMigration [[-ComputerName] <String[]>] [-Credential] [-Passthru] | [-CimSession]. */
final class DisableVmMigration implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.DisableVMMigration";

    static CmdletInfo info() {
        return new CmdletInfo("Disable-VMMigration", List.of(
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.at(0, false), "ComputerName").build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.named(), "ComputerName").build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.named(), "CimSession").build(),
                Param.of("Passthru", PsType.SWITCH).optional()),
                "ComputerName", DisableVmMigration::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        for (String host : in.computers()) {
            try {
                HostInfo h = in.world.setMigrationEnabled(host, false);
                if (in.has("Passthru")) {
                    in.write(WorldObjects.vmHost(h));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
