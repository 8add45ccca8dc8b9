package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Output: writes its arguments to the pipeline, a collection one element at a time unless -NoEnumerate. */
final class WriteOutput extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Output", List.of(
            Param.of("InputObject", PsType.OBJECT_ARRAY).all(new ParameterInfo.Binding(true, 0, true, false, true)).build(),
            Param.named("NoEnumerate", PsType.SWITCH)), null, WriteOutput::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        boolean enumerate = !ctx.isBound("NoEnumerate");
        Object v = ctx.parameter("InputObject").orElse(null);
        if (v instanceof List<?> l && enumerate) {
            for (Object item : l) {
                ctx.write(item);
            }
        } else {
            ctx.write(v);
        }
    }
}
