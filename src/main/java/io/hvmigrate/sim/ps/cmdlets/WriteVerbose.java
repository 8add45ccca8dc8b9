package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Verbose: shown only with -Verbose or $VerbosePreference = 'Continue'. */
final class WriteVerbose extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Verbose", List.of(
            Param.of("Message", PsType.STRING).all(new ParameterInfo.Binding(true, 0, true, false)).aliases("Msg").build()),
            null, WriteVerbose::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        ctx.writeVerbose(param(ctx, "Message", ""));
    }
}
