package io.hvmigrate.sim.world;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;

/**
 * An operation on the world failed as Windows fails it: everything an ErrorRecord needs except the command.
 *
 * @see #toErrorRecord(String)
 */
public final class WorldException extends Exception {
    private final String exceptionType;
    private final int hresult;
    private final ErrorCategory category;
    private final String errorId;
    private final transient Object targetObject;

    /**
     * @param exceptionType .NET exception type, e.g. {@code Microsoft.HyperV.PowerShell.VirtualizationException}
     * @param message       the message as Windows words it
     * @param hresult       the HRESULT Windows reports (e.g. 0x8009030E)
     * @param category      the ErrorCategory
     * @param errorId       the first part of the FullyQualifiedErrorId, e.g. {@code OperationFailed}
     * @param targetObject  what the error concerns, or null
     */
    public WorldException(String exceptionType, String message, int hresult, ErrorCategory category, String errorId,
                          Object targetObject) {
        super(message, null, false, false);
        this.exceptionType = exceptionType;
        this.hresult = hresult;
        this.category = category;
        this.errorId = errorId;
        this.targetObject = targetObject;
    }

    public String exceptionType() {
        return exceptionType;
    }

    public int hresult() {
        return hresult;
    }

    public ErrorCategory category() {
        return category;
    }

    public String errorId() {
        return errorId;
    }

    public Object targetObject() {
        return targetObject;
    }

    /**
     * The error record a cmdlet reports; the FullyQualifiedErrorId is {@code errorId,commandType}, e.g.
     * {@code OperationFailed,Microsoft.HyperV.PowerShell.Commands.MoveVM}.
     */
    public ErrorRecord toErrorRecord(String commandType) {
        return new ErrorRecord(exceptionType, getMessage(), hresult, category, errorId + "," + commandType,
                targetObject);
    }
}
