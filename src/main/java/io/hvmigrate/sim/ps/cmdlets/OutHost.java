package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Out-Host: like Out-Default for a console host; -Paging is accepted and has no effect without a console. */
final class OutHost extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Out-Host", List.of(Param.named("Paging", PsType.SWITCH),
            Param.inputObject()), null, OutHost::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        if (ctx.isBound("InputObject")) {
            engine(ctx).outDefault(ctx.parameter("InputObject").orElse(null));
        }
    }
}
