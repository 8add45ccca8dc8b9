package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.lang.Extent;

/** The runtime errors of the language itself, with PowerShell's texts, ids and categories. */
public final class Errors {
    private Errors() {}

    public static final String RUNTIME_EXCEPTION = "System.Management.Automation.RuntimeException";
    public static final int COR_E_RUNTIME = 0x80131501;

    /** A RuntimeException raised by a statement (a failed cast, a method on $null, ...). */
    public static TerminatingError runtime(Extent where, String message, String errorId, ErrorCategory category,
                                           Object target) {
        return new TerminatingError(new PsError(
                new ErrorRecord(RUNTIME_EXCEPTION, message, COR_E_RUNTIME, category, errorId, target),
                PsError.Invocation.statement(where), ""), false);
    }

    public static TerminatingError runtime(Extent where, String exceptionType, String message, String errorId,
                                           ErrorCategory category, Object target) {
        return new TerminatingError(new PsError(
                new ErrorRecord(exceptionType, message, hresultOf(exceptionType), category, errorId, target),
                PsError.Invocation.statement(where), ""), false);
    }

    static int hresultOf(String exceptionType) {
        return switch (exceptionType) {
            case "System.ArgumentException", "System.Management.Automation.PSArgumentException" -> 0x80070057;
            case "System.ArgumentOutOfRangeException" -> 0x80131502;
            case "System.ArgumentNullException" -> 0x80004003;
            case "System.InvalidCastException", "System.Management.Automation.PSInvalidCastException" -> 0x80004002;
            case "System.InvalidOperationException", "System.Management.Automation.PSInvalidOperationException" ->
                    0x80131509;
            case "System.FormatException" -> 0x80131537;
            case "System.DivideByZeroException" -> 0x80020012;
            case "System.OverflowException" -> 0x80131516;
            case "System.NotSupportedException", "System.Management.Automation.PSNotSupportedException" -> 0x80131515;
            case "System.NullReferenceException" -> 0x80004003;
            case "System.IndexOutOfRangeException" -> 0x80131508;
            case "System.Exception" -> ErrorRecord.COR_E_EXCEPTION;
            default -> COR_E_RUNTIME;
        };
    }

    public static TerminatingError invokeMethodOnNull(Extent where) {
        return runtime(where, "You cannot call a method on a null-valued expression.", "InvokeMethodOnNull",
                ErrorCategory.InvalidOperation, null);
    }

    public static TerminatingError methodNotFound(Extent where, String typeName, String method) {
        return runtime(where, "System.Management.Automation.MethodException",
                "Method invocation failed because [" + typeName + "] does not contain a method named '" + method + "'.",
                "MethodNotFound", ErrorCategory.InvalidOperation, null);
    }

    /** An exception thrown by a .NET method: "Exception calling "X" with "N" argument(s): "..."". */
    public static TerminatingError methodInvocation(Extent where, String method, int argc, String innerMessage,
                                                    String innerTypeShort) {
        return runtime(where, "System.Management.Automation.MethodInvocationException",
                "Exception calling \"" + method + "\" with \"" + argc + "\" argument(s): \"" + innerMessage + "\"",
                innerTypeShort, ErrorCategory.NotSpecified, null);
    }

    public static TerminatingError nullArray(Extent where) {
        return runtime(where, "Cannot index into a null array.", "NullArray", ErrorCategory.InvalidOperation, null);
    }

    public static TerminatingError divideByZero(Extent where) {
        return runtime(where, "Attempted to divide by zero.", "RuntimeException", ErrorCategory.NotSpecified, null);
    }

    public static TerminatingError notSupported(Extent where, String what) {
        return runtime(where, "System.Management.Automation.PSNotSupportedException",
                "hvsim does not implement " + what + ".", "NotSupportedBySimulator", ErrorCategory.NotImplemented, null);
    }

    public static TerminatingError typeNotFound(Extent where, String typeName) {
        return runtime(where, "Unable to find type [" + typeName + "].", "TypeNotFound",
                ErrorCategory.InvalidOperation, typeName);
    }

    public static TerminatingError propertyNotFound(Extent where, String name) {
        return runtime(where, "The property '" + name + "' cannot be found on this object. Verify that the property "
                + "exists and can be set.", "PropertyNotFound", ErrorCategory.InvalidOperation, null);
    }

    /** A cast that failed: PowerShell wraps the PSInvalidCastException in a RuntimeException with the cast's id. */
    public static TerminatingError cast(Extent where, Conversions.ConversionException e) {
        return runtime(where, e.getMessage(), e.errorId(), ErrorCategory.InvalidArgument, null);
    }
}
