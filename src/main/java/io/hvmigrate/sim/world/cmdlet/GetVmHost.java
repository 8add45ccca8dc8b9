package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-VMHost [[-ComputerName] <String[]>] [[-Credential] <PSCredential[]>] | [-CimSession] <CimSession[]>. */
final class GetVmHost implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVMHost";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VMHost", List.of(
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.pipeline(0, false), "ComputerName").build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.pipeline(1, false), "ComputerName").build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.byPropertyName(0, true), "CimSession")
                        .build()),
                "ComputerName", GetVmHost::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        for (String host : in.computers()) {
            try {
                in.write(WorldObjects.vmHost(in.world.vmHost(host)));
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }
}
