package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.ScriptOutput;
import java.util.List;

/** Write-Progress: a progress record to the host unless $ProgressPreference is SilentlyContinue. */
final class WriteProgress extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Progress", List.of(
            Param.positional("Activity", PsType.STRING, 0),
            Param.positional("Status", PsType.STRING, 1),
            Param.named("Id", PsType.INT32),
            Param.named("PercentComplete", PsType.INT32),
            Param.named("SecondsRemaining", PsType.INT32),
            Param.named("CurrentOperation", PsType.STRING),
            Param.named("ParentId", PsType.INT32),
            Param.named("Completed", PsType.SWITCH),
            Param.named("SourceId", PsType.INT32)), null, WriteProgress::new);

    @Override
    public void process(CommandContext ctx, Object input) {
        var e = engine(ctx);
        e.progress(new ScriptOutput.Progress(0, param(ctx, "Activity", ""), param(ctx, "Id", 0),
                param(ctx, "CurrentOperation", null), param(ctx, "ParentId", -1), param(ctx, "PercentComplete", -1),
                ctx.isBound("Completed"), param(ctx, "SecondsRemaining", -1), param(ctx, "Status", "Processing")));
    }
}
