package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.List;

/** PowerShell's own cmdlets run with the engine's context. */
abstract class BuiltinCmdlet implements Cmdlet {

    static EngineContext engine(CommandContext ctx) {
        return (EngineContext) ctx;
    }

    @SuppressWarnings("unchecked")
    static <T> T param(CommandContext ctx, String name, T fallback) {
        return (T) ctx.parameter(name).orElse(fallback);
    }

    static List<Object> list(CommandContext ctx, String name) {
        Object v = ctx.parameter(name).orElse(null);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new java.util.ArrayList<>(l);
        }
        return java.util.Collections.singletonList(v);
    }

    static PsException terminating(String exceptionType, String message, ErrorCategory category, String errorId,
                                   Object target) {
        return new PsException(new ErrorRecord(exceptionType, message, hresult(exceptionType), category, errorId, target));
    }

    static int hresult(String exceptionType) {
        return switch (exceptionType) {
            case "System.ArgumentException" -> 0x80070057;
            case "System.InvalidOperationException" -> 0x80131509;
            case "System.NotSupportedException" -> 0x80131515;
            default -> 0x80131501;
        };
    }
}
