package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Get-VMHostSupportedVersion [-ComputerName <String[]>] [-Credential] [-Default]. */
final class GetVmHostSupportedVersion implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVMHostSupportedVersion";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VMHostSupportedVersion", List.of(
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.named(), "ComputerName").build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.named(), "ComputerName").build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.named(), "CimSession").build(),
                Param.of("Default", PsType.SWITCH).optional()),
                "ComputerName", GetVmHostSupportedVersion::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        for (String host : in.computers()) {
            try {
                List<String> versions = in.world.supportedVersions(host);
                String dflt = versions.get(versions.size() - 1);
                for (String v : versions) {
                    if (!in.has("Default") || v.equals(dflt)) {
                        in.write(WorldObjects.supportedVersion(v, v.equals(dflt)));
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }
}
