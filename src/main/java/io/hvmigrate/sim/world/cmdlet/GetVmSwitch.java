package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-VMSwitch [[-Name] <String[]>] [-ComputerName]: the host's virtual switches (all External in hvsim). */
final class GetVmSwitch implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVMSwitch";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VMSwitch", List.of(
                Param.of("Name", PsType.STRING_ARRAY).in(Param.at(0, false)).build(),
                Param.of("SwitchType", PsType.STRING_ARRAY).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, GetVmSwitch::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> names = in.strings("Name");
        for (String host : in.computers()) {
            try {
                HostInfo h = in.world.vmHost(host);
                for (String sw : h.switches()) {
                    if (names.isEmpty() || names.stream().anyMatch(n -> Wildcard.matches(n, sw))) {
                        in.write(WorldObjects.vmSwitch(h.name(), sw));
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }
}
