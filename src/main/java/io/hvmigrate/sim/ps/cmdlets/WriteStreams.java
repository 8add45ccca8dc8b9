package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/** Write-Warning, Write-Verbose and Write-Debug: one message to their stream. */
final class WriteStreams {
    private WriteStreams() {}

    private static ParameterInfo message() {
        return Param.of("Message", PsType.STRING).all(new ParameterInfo.Binding(true, 0, true, false))
                .aliases("Msg").build();
    }

    static final CmdletInfo WARNING = new CmdletInfo("Write-Warning", List.of(message()), null, WriteWarning::new);
    static final CmdletInfo VERBOSE = new CmdletInfo("Write-Verbose", List.of(message()), null, WriteVerbose::new);
    static final CmdletInfo DEBUG = new CmdletInfo("Write-Debug", List.of(message()), null, WriteDebug::new);

    static final class WriteWarning extends BuiltinCmdlet {
        @Override
        public void process(CommandContext ctx, Object input) {
            ctx.writeWarning(param(ctx, "Message", ""));
        }
    }

    static final class WriteVerbose extends BuiltinCmdlet {
        @Override
        public void process(CommandContext ctx, Object input) {
            ctx.writeVerbose(param(ctx, "Message", ""));
        }
    }

    static final class WriteDebug extends BuiltinCmdlet {
        @Override
        public void process(CommandContext ctx, Object input) {
            // $DebugPreference is SilentlyContinue for powershell.exe -Command; debug output is not modelled
        }
    }
}
