package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.output.Json51;
import java.util.ArrayList;
import java.util.List;

/**
 * ConvertTo-Json as in Windows PowerShell 5.1: collects its input (skipping $null), an array when more than one,
 * default -Depth 2, no -EnumsAsStrings (5.1 has none); an array received whole through the pipeline becomes
 * {@code {"value":[...],"Count":n}}. See {@link Json51}.
 */
final class ConvertToJson extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("ConvertTo-Json", List.of(
            Param.of("InputObject", PsType.OBJECT).all(new ParameterInfo.Binding(true, 0, true, false)).build(),
            Param.named("Depth", PsType.INT32),
            Param.named("Compress", PsType.SWITCH)), null, ConvertToJson::new);

    private final List<Object> inputs = new ArrayList<>();

    @Override
    public void begin(CommandContext ctx) throws PsException {
        int depth = param(ctx, "Depth", 2);
        if (depth < 1) {
            throw terminating("System.Management.Automation.ParameterBindingException", "Cannot validate argument on "
                    + "parameter 'Depth'. The " + depth + " argument is less than the minimum allowed range of 1. Supply"
                    + " an argument that is greater than or equal to 1 and then try the command again.",
                    ErrorCategory.InvalidData, "ParameterArgumentValidationError,"
                            + "Microsoft.PowerShell.Commands.ConvertToJsonCommand", null);
        }
        if (depth > 100) {
            throw terminating("System.InvalidOperationException", "The maximum depth allowed for serialization is 100.",
                    ErrorCategory.InvalidOperation, "ReachedMaximumDepthAllowed,"
                            + "Microsoft.PowerShell.Commands.ConvertToJsonCommand", null);
        }
    }

    @Override
    public void process(CommandContext ctx, Object input) {
        Object v = ctx.parameter("InputObject").orElse(null);
        if (v != null) {
            // a collection received whole through the pipeline is PSObject-wrapped in 5.1 (see Json51.PipelineArray);
            // one given as the argument is not
            inputs.add(input != null && v instanceof List<?> l ? new Json51.PipelineArray(l) : v);
        }
    }

    @Override
    public void end(CommandContext ctx) throws PsException {
        if (inputs.isEmpty()) {
            return;
        }
        Object value = inputs.size() > 1 ? new ArrayList<>(inputs) : inputs.get(0);
        try {
            ctx.write(Json51.convert(value, param(ctx, "Depth", 2), ctx.isBound("Compress")));
        } catch (Json51.JsonException e) {
            throw terminating("System.InvalidOperationException", e.getMessage(), ErrorCategory.InvalidOperation,
                    e.errorId() + ",Microsoft.PowerShell.Commands.ConvertToJsonCommand", value);
        }
    }
}
