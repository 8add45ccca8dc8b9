package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import java.time.Duration;
import java.util.List;

/** Start-Sleep: waits on the session clock; a stop ends the wait at once. */
final class StartSleep extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Start-Sleep", List.of(
            Param.of("Seconds", PsType.INT32).in("Seconds", new ParameterInfo.Binding(true, 0, true, true)).build(),
            Param.of("Milliseconds", PsType.INT32).in("Milliseconds", new ParameterInfo.Binding(true, -1, false, true))
                    .aliases("ms").build()), "Seconds", StartSleep::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Duration d = ctx.isBound("Milliseconds") ? Duration.ofMillis((Integer) param(ctx, "Milliseconds", 0))
                : Duration.ofSeconds((Integer) param(ctx, "Seconds", 0));
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        engine(ctx).sleep(d);
    }
}
