package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.DotNetFormat;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.UtcDateTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Get-Date: the session clock's time (local time is UTC on the simulated hosts), or -Date, with -Format. */
final class GetDate extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Get-Date", List.of(
            Param.of("Date", PsType.DATETIME).all(new ParameterInfo.Binding(false, 0, true, true))
                    .aliases("LastWriteTime").build(),
            Param.named("Year", PsType.INT32), Param.named("Month", PsType.INT32), Param.named("Day", PsType.INT32),
            Param.named("Hour", PsType.INT32), Param.named("Minute", PsType.INT32), Param.named("Second", PsType.INT32),
            Param.named("Millisecond", PsType.INT32),
            Param.named("Format", PsType.STRING),
            Param.named("UFormat", PsType.STRING)), null, GetDate::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        EngineContext e = engine(ctx);
        Object d = ctx.parameter("Date").orElse(null);
        Instant now = d == null ? e.clock().now() : UtcDateTime.of(d);
        LocalDateTime t = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        if (ctx.isBound("Year")) {
            t = t.withYear(param(ctx, "Year", 1));
        }
        if (ctx.isBound("Month")) {
            t = t.withMonth(param(ctx, "Month", 1));
        }
        if (ctx.isBound("Day")) {
            t = t.withDayOfMonth(param(ctx, "Day", 1));
        }
        if (ctx.isBound("Hour")) {
            t = t.withHour(param(ctx, "Hour", 0));
        }
        if (ctx.isBound("Minute")) {
            t = t.withMinute(param(ctx, "Minute", 0));
        }
        if (ctx.isBound("Second")) {
            t = t.withSecond(param(ctx, "Second", 0));
        }
        if (ctx.isBound("Millisecond")) {
            t = t.withNano((Integer) param(ctx, "Millisecond", 0) * 1_000_000);
        }
        Instant result = t.toInstant(ZoneOffset.UTC);
        if (ctx.isBound("Format")) {
            try {
                ctx.write(DotNetFormat.formatDate(result, d instanceof UtcDateTime, param(ctx, "Format", "")));
            } catch (DotNetFormat.FormatException x) {
                throw terminating("System.FormatException", x.getMessage(), io.hvmigrate.sim.ps.ErrorCategory.NotSpecified,
                        "System.FormatException,Microsoft.PowerShell.Commands.GetDateCommand", null);
            }
            return;
        }
        if (ctx.isBound("UFormat")) {
            throw terminating("System.Management.Automation.PSNotSupportedException", "hvsim does not implement "
                    + "Get-Date -UFormat.", io.hvmigrate.sim.ps.ErrorCategory.NotImplemented, "NotSupportedBySimulator",
                    null);
        }
        ctx.write(d instanceof UtcDateTime ? new UtcDateTime(result) : result);
    }
}
