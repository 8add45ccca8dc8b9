package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.output.JsonReader;
import java.util.ArrayList;
import java.util.List;

/**
 * ConvertFrom-Json as in 5.1: all input strings are joined and parsed at the end; a JSON array is written as one
 * object (5.1 does not enumerate it).
 */
final class ConvertFromJson extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("ConvertFrom-Json", List.of(
            Param.of("InputObject", PsType.STRING).all(new ParameterInfo.Binding(true, 0, true, false)).build()),
            null, ConvertFromJson::new);

    private final List<String> parts = new ArrayList<>();

    @Override
    public void process(CommandContext ctx, Object input) {
        parts.add(param(ctx, "InputObject", ""));
    }

    @Override
    public void end(CommandContext ctx) throws PsException {
        String text = String.join("\n", parts);
        try {
            Object v = JsonReader.parse(text);
            if (v != null) {
                ctx.write(v);
            }
        } catch (JsonReader.JsonSyntaxException e) {
            throw terminating("System.ArgumentException", e.getMessage(), ErrorCategory.NotSpecified,
                    "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand", null);
        }
    }
}
