package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Warning: a message to the warning stream ("WARNING: ..." on the console). */
final class WriteWarning extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Warning", List.of(
            Param.of("Message", PsType.STRING).all(new ParameterInfo.Binding(true, 0, true, false)).aliases("Msg").build()),
            null, WriteWarning::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        ctx.writeWarning(param(ctx, "Message", ""));
    }
}
