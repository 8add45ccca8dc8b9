package io.hvmigrate.sim.ps;

/**
 * Where a script's streams go: the host of the runspace (powershell.exe's console, or a test). Objects that reach the
 * end of the top-level pipeline come to {@link #output}; formatting them is the host's job.
 */
public interface ScriptOutput {

    /** An object at the end of the top-level pipeline (Out-Default). */
    void output(Object value);

    /** An error that is displayed (non-terminating with Continue, or the error that ended the script). */
    void error(PsError error);

    void warning(String message);

    void verbose(String message);

    default void debug(String message) {}

    /** {@code Write-Host}. */
    void host(String text, boolean newline);

    /** A line a native application wrote to its standard error (it goes straight to the console's). */
    default void nativeError(String line) {}

    /** A progress record (Write-Progress, PowerShell's own "Preparing modules for first use."). */
    default void progress(Progress record) {}

    /** System.Management.Automation.ProgressRecord, with the source id PowerShell pairs it with. */
    record Progress(long sourceId, String activity, int activityId, String currentOperation, int parentActivityId,
                    int percentComplete, boolean completed, int secondsRemaining, String statusDescription) {}
}
