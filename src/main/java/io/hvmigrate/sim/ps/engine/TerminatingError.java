package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsError;

/**
 * A terminating error unwinding the interpreter. A statement-terminating error (a failed cast, a cmdlet's terminating
 * error, a binding error) ends its statement and the script goes on, unless it is inside a {@code try} or
 * {@code $ErrorActionPreference} is Stop; a script-terminating one ({@code throw}, an error turned terminating by
 * Stop) unwinds to the nearest {@code try} or ends the script.
 */
public final class TerminatingError extends RuntimeException {
    private final transient PsError error;
    private final boolean scriptTerminating;

    public TerminatingError(PsError error, boolean scriptTerminating) {
        super(error.message(), null, false, false);
        this.error = error;
        this.scriptTerminating = scriptTerminating;
    }

    public PsError error() {
        return error;
    }

    public boolean scriptTerminating() {
        return scriptTerminating;
    }

    public TerminatingError asScriptTerminating() {
        return scriptTerminating ? this : new TerminatingError(error, true);
    }
}
