package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.output.ObjectFormatter;
import java.util.List;

/** Format-Table: renders its input (or -Property) as the console would, as lines of text. */
final class FormatTable extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Format-Table", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.named("AutoSize", PsType.SWITCH),
            Param.named("Wrap", PsType.SWITCH),
            Param.named("HideTableHeaders", PsType.SWITCH),
            Param.inputObject()), null, FormatTable::new);

    private final ObjectFormatter formatter = new ObjectFormatter(120);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        if (ctx.isBound("InputObject")) {
            formatter.format(FormattedView.of(ctx, ctx.parameter("InputObject").orElse(null), false)).forEach(ctx::write);
        }
    }

    @Override
    public void end(CommandContext ctx) {
        formatter.finish().forEach(ctx::write);
    }
}
