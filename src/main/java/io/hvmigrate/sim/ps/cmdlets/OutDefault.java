package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import java.util.List;

/** Out-Default: sends its input to the host as the end of the top-level pipeline does. */
final class OutDefault extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Out-Default", List.of(Param.inputObject()), null, OutDefault::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        if (ctx.isBound("InputObject")) {
            engine(ctx).outDefault(ctx.parameter("InputObject").orElse(null));
        }
    }
}
