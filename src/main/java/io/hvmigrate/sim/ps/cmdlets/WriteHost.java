package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Host: text straight to the console; collections are joined with -Separator (a space). */
final class WriteHost extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Host", List.of(
            Param.of("Object", PsType.OBJECT).all(new ParameterInfo.Binding(false, 0, true, false, true)).build(),
            Param.named("NoNewline", PsType.SWITCH),
            Param.named("Separator", PsType.OBJECT),
            Param.named("ForegroundColor", PsType.STRING),
            Param.named("BackgroundColor", PsType.STRING)), null, WriteHost::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        var e = engine(ctx);
        Object v = ctx.parameter("Object").orElse(null);
        String sep = e.toStr(ctx.parameter("Separator").orElse(" "));
        String text;
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(sep);
                }
                b.append(e.toStr(l.get(i)));
            }
            text = b.toString();
        } else {
            text = e.toStr(v);
        }
        e.writeHost(text, !ctx.isBound("NoNewline"));
    }
}
