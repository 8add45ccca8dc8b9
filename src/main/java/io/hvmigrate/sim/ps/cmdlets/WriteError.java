package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.ErrorViews;
import io.hvmigrate.sim.ps.engine.Types;
import java.util.List;

/**
 * Write-Error: a non-terminating error that, as in 5.1, carries the caller's invocation (the function, or the whole
 * script when called at the top level) and the error id {@code Microsoft.PowerShell.Commands.WriteErrorException}.
 */
final class WriteError extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Write-Error", List.of(
            Param.of("Message", PsType.STRING).in("NoException", Param.pos(0, true))
                    .in("WithException", Param.flag(false)).build(),
            Param.of("ErrorRecord", PsType.OBJECT).in("ErrorRecord", Param.flag(true)).build(),
            Param.of("Exception", PsType.OBJECT).in("WithException", Param.flag(true)).build(),
            Param.named("Category", PsType.enumOf(Types.ERROR_CATEGORY)),
            Param.named("ErrorId", PsType.STRING),
            Param.named("TargetObject", PsType.OBJECT),
            Param.named("RecommendedAction", PsType.STRING),
            Param.named("CategoryActivity", PsType.STRING, "Activity"),
            Param.named("CategoryReason", PsType.STRING, "Reason"),
            Param.named("CategoryTargetName", PsType.STRING, "TargetName"),
            Param.named("CategoryTargetType", PsType.STRING, "TargetType")), "NoException", WriteError::new);

    private static final String WRITE_ERROR_EXCEPTION = "Microsoft.PowerShell.Commands.WriteErrorException";

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        EngineContext e = engine(ctx);
        Object record = ctx.parameter("ErrorRecord").orElse(null);
        if (record instanceof PsError pe) {
            e.writeErrorRecord(pe);
            return;
        }
        String message = param(ctx, "Message", "");
        String exceptionType = WRITE_ERROR_EXCEPTION;
        int hresult = 0x80131500;
        Object exception = ctx.parameter("Exception").orElse(null);
        if (exception instanceof ErrorViews.ExceptionView x) {
            exceptionType = x.record().exceptionType();
            hresult = x.record().hresult();
            if (!ctx.isBound("Message")) {
                message = x.record().message();
            }
        } else if (exception != null) {
            message = ctx.isBound("Message") ? message : e.toStr(exception);
            exceptionType = "System.Exception";
        }
        ErrorCategory category = ErrorCategory.NotSpecified;
        Object c = ctx.parameter("Category").orElse(null);
        if (c instanceof PsEnum.Value v) {
            category = ErrorCategory.valueOf(v.name());
        }
        PsError.Invocation caller = e.callerInvocation();
        String id = param(ctx, "ErrorId", exceptionType.equals(WRITE_ERROR_EXCEPTION) ? WRITE_ERROR_EXCEPTION
                : exceptionType);
        if (caller.kind() == PsError.Invocation.Kind.FUNCTION && caller.name() != null) {
            id = id + "," + caller.name();
        }
        ErrorRecord r = new ErrorRecord(exceptionType, message, hresult, category, id,
                ctx.parameter("TargetObject").orElse(null));
        String activity = param(ctx, "CategoryActivity", "Write-Error");
        e.writeErrorRecord(new PsError(r, caller, activity));
    }
}
