package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.output.ObjectFormatter;
import java.util.ArrayList;
import java.util.List;

/** Out-String: the console rendering of its input as one string (CRLF lines), or line by line with -Stream. */
final class OutString extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Out-String", List.of(
            Param.named("Stream", PsType.SWITCH),
            Param.named("Width", PsType.INT32),
            Param.inputObject()), null, OutString::new);

    private ObjectFormatter formatter;
    private final List<String> lines = new ArrayList<>();

    @Override
    public void begin(CommandContext ctx) {
        formatter = new ObjectFormatter(param(ctx, "Width", 120));
    }

    @Override
    public void process(CommandContext ctx, Object input) {
        if (!ctx.isBound("InputObject")) {
            return;
        }
        List<String> out = formatter.format(ctx.parameter("InputObject").orElse(null));
        if (ctx.isBound("Stream")) {
            out.forEach(ctx::write);
        } else {
            lines.addAll(out);
        }
    }

    @Override
    public void end(CommandContext ctx) {
        List<String> tail = formatter.finish();
        if (ctx.isBound("Stream")) {
            tail.forEach(ctx::write);
            return;
        }
        lines.addAll(tail);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        ctx.write(b.toString());
    }
}
