package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;

/**
 * Set-StrictMode for the current scope: version 1 forbids uninitialized variables (outside strings), 2 also in
 * strings and non-existent properties, 3 and Latest also out-of-range array indexes.
 */
final class SetStrictMode extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Set-StrictMode", List.of(
            Param.of("Version", PsType.STRING).in("Version", Param.flag(true)).aliases("v").build(),
            Param.of("Off", PsType.SWITCH).in("Off", Param.flag(true)).build()), null, SetStrictMode::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        if (ctx.isBound("Off")) {
            engine(ctx).setStrictMode(0);
            return;
        }
        String v = param(ctx, "Version", "Latest").strip();
        int version;
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "latest" -> version = 3;
            case "1", "1.0" -> version = 1;
            case "2", "2.0" -> version = 2;
            case "3", "3.0", "4", "4.0", "5", "5.0", "5.1" -> version = 3;
            default -> throw terminating("System.Management.Automation.ParameterBindingException",
                    "Cannot validate argument on parameter 'Version'. The " + v + " version is not valid for the "
                            + "Set-StrictMode cmdlet.", ErrorCategory.InvalidData,
                    "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetStrictModeCommand", null);
        }
        engine(ctx).setStrictMode(version);
    }
}
