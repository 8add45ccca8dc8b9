package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.ArrayList;
import java.util.List;

/** Measure-Object: Count, and with -Sum/-Average/-Maximum/-Minimum those statistics (as Double). */
final class MeasureObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Measure-Object", List.of(
            Param.positional("Property", PsType.STRING_ARRAY, 0),
            Param.named("Sum", PsType.SWITCH),
            Param.named("Average", PsType.SWITCH),
            Param.named("Maximum", PsType.SWITCH),
            Param.named("Minimum", PsType.SWITCH),
            Param.inputObject()), null, MeasureObject::new);

    private final List<Object> items = new ArrayList<>();

    @Override
    public void process(CommandContext ctx, Object input) {
        if (ctx.isBound("InputObject")) {
            items.add(ctx.parameter("InputObject").orElse(null));
        }
    }

    @Override
    public void end(CommandContext ctx) throws PsException {
        EngineContext e = engine(ctx);
        List<Object> props = list(ctx, "Property");
        if (props.isEmpty()) {
            ctx.write(measure(ctx, e, null));
            return;
        }
        for (Object p : props) {
            ctx.write(measure(ctx, e, e.toStr(p)));
        }
    }

    private PsObject measure(CommandContext ctx, EngineContext e, String property) throws PsException {
        int count = 0;
        double sum = 0;
        Double min = null;
        Double max = null;
        for (Object item : items) {
            Object v = property == null ? item : e.member(item, property);
            if (v == null && property != null) {
                continue;
            }
            count++;
            if (ctx.isBound("Sum") || ctx.isBound("Average") || ctx.isBound("Maximum") || ctx.isBound("Minimum")) {
                double d = (Double) e.convert(v, PsType.DOUBLE);
                sum += d;
                min = min == null ? d : Math.min(min, d);
                max = max == null ? d : Math.max(max, d);
            }
        }
        PsObject r = PsObject.of("Microsoft.PowerShell.Commands.GenericMeasureInfo");
        r.put("Count", count);
        r.put("Average", ctx.isBound("Average") && count > 0 ? sum / count : null);
        r.put("Sum", ctx.isBound("Sum") ? sum : null);
        r.put("Maximum", ctx.isBound("Maximum") ? max : null);
        r.put("Minimum", ctx.isBound("Minimum") ? min : null);
        r.put("Property", property);
        return r;
    }
}
