package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import java.util.List;

/** Out-Null: discards its input. */
final class OutNull extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Out-Null", List.of(Param.inputObject()), null, OutNull::new);

    @Override
    public void process(CommandContext ctx, Object input) {
    }
}
