package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Debug: accepted; debug output is not shown by a non-interactive powershell.exe. */
final class WriteDebug extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Debug", List.of(
            Param.of("Message", PsType.STRING).all(new ParameterInfo.Binding(true, 0, true, false)).aliases("Msg").build()),
            null, WriteDebug::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        // $DebugPreference is SilentlyContinue for a non-interactive powershell.exe; debug output is not modelled
    }
}
