package io.hvmigrate.sim.ps;

/**
 * A PowerShell error record, as {@code $_} shows it in a {@code catch} block and as it is serialized to the error
 * stream: {@code $_.Exception.Message}, {@code $_.Exception.HResult}, {@code $_.Exception.GetType().FullName},
 * {@code $_.CategoryInfo.Category}, {@code $_.FullyQualifiedErrorId} and {@code $_.TargetObject}.
 *
 * @param exceptionType          e.g. {@code Microsoft.HyperV.PowerShell.VirtualizationException}
 * @param message                the exception message, exactly as Windows prints it
 * @param hresult                the exception's HResult (e.g. 0x8009030E as an int)
 * @param category               the error category
 * @param fullyQualifiedErrorId  e.g. {@code Unspecified,Microsoft.HyperV.PowerShell.Commands.MoveVM}
 * @param targetObject           the object the error concerns, or {@code null}
 */
public record ErrorRecord(String exceptionType, String message, int hresult, ErrorCategory category,
                          String fullyQualifiedErrorId, Object targetObject) {

    /** E_FAIL, the HResult of exceptions that do not set one (System.Exception's default is COR_E_EXCEPTION). */
    public static final int COR_E_EXCEPTION = 0x80131500;
}
