package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.output.ObjectFormatter;
import java.util.List;

/** Format-List: renders each object as "Name : value" lines, as text. */
final class FormatList extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Format-List", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.inputObject()), null, FormatList::new);

    private final ObjectFormatter formatter = new ObjectFormatter(120);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        if (!ctx.isBound("InputObject")) {
            return;
        }
        Object view = FormattedView.of(ctx, ctx.parameter("InputObject").orElse(null), true);
        List<String> lines = view instanceof PsObject o ? formatter.formatList(o) : formatter.format(view);
        lines.forEach(ctx::write);
    }

    @Override
    public void end(CommandContext ctx) {
        formatter.finish().forEach(ctx::write);
    }
}
