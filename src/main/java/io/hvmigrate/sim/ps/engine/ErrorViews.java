package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsObject;
import java.util.List;

/** What scripts see through {@code $_}: the exception, the category info and the invocation info of an error. */
public final class ErrorViews {
    private ErrorViews() {}

    /** {@code $_.Exception}: Message, HResult, GetType().FullName, ToString(). */
    public record ExceptionView(ErrorRecord record, PsError error) {
        @Override
        public String toString() {
            return record.exceptionType() + ": " + record.message();
        }
    }

    /** {@code $_.CategoryInfo}. */
    public record CategoryInfoView(PsError error) {
        @Override
        public String toString() {
            return categoryInfoText(error);
        }
    }

    /** The CategoryInfo line of the error view: {@code ObjectNotFound: (web01:String) [Get-VM], VirtualizationException}. */
    public static String categoryInfoText(PsError e) {
        Object target = AutomationNull.unwrap(e.record().targetObject());
        String targetName = target == null ? "" : ellipsize(Conversions.toStr(target));
        String targetType = target == null ? "" : Types.shortName(Types.typeOf(target));
        return e.record().category().name() + ": (" + targetName + ":" + targetType + ") [" + e.activity() + "], "
                + e.reason();
    }

    /** ErrorCategoryInfo.Ellipsize: longer than 40 characters keeps the first and last 15. */
    static String ellipsize(String s) {
        if (s.length() <= 40) {
            return s;
        }
        return s.substring(0, 15) + "..." + s.substring(s.length() - 15);
    }

    /** {@code $_.InvocationInfo} as an object with the properties scripts read. */
    public static PsObject invocationInfo(PsError e) {
        PsObject o = PsObject.of("System.Management.Automation.InvocationInfo");
        PsError.Invocation inv = e.invocation();
        PsObject command = null;
        if (inv != null && inv.name() != null) {
            command = PsObject.of(inv.kind() == PsError.Invocation.Kind.FUNCTION
                    ? "System.Management.Automation.FunctionInfo" : "System.Management.Automation.CmdletInfo");
            command.put("Name", inv.name());
            command.put("CommandType", switch (inv.kind()) {
                case FUNCTION -> "Function";
                case NATIVE -> "Application";
                case SCRIPT -> "Script";
                default -> "Cmdlet";
            });
            command.toStringValue(inv.name());
        }
        o.put("MyCommand", command);
        o.put("InvocationName", inv == null ? null : inv.invocationName());
        int line = inv == null || inv.extent() == null ? 0 : inv.extent().startLine();
        int col = inv == null || inv.extent() == null ? 0 : inv.extent().startColumn();
        o.put("ScriptLineNumber", line);
        o.put("OffsetInLine", col);
        o.put("Line", inv == null || inv.extent() == null ? "" : inv.extent().source().line(line));
        o.put("PositionMessage", inv == null || inv.extent() == null ? "" : inv.extent().positionMessage()
                .replace("\n", "\r\n"));
        o.put("ScriptName", "");
        o.put("PipelineLength", 0);
        o.put("PipelinePosition", 0);
        o.put("BoundParameters", new io.hvmigrate.sim.ps.PsHashtable(false));
        o.put("UnboundArguments", List.of());
        return o;
    }
}
