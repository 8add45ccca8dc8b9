package io.hvmigrate.sim.ps;

import java.util.Optional;

/**
 * What a running cmdlet sees: its bound parameters, the output and error streams, and the host it runs on.
 */
public interface CommandContext {

    /** Name of the parameter set the interpreter resolved for this invocation. */
    String parameterSetName();

    /** True when the parameter was bound (by name, position or pipeline); for a switch, true when it is present and not {@code :$false}. */
    boolean isBound(String parameterName);

    /** The bound value, already converted to the parameter's declared type; empty when not bound. */
    Optional<Object> parameter(String parameterName);

    /** Writes one object to the output pipeline (a list is written as one object, as WriteObject does). */
    void write(Object value);

    /** A non-terminating error; honours -ErrorAction and $ErrorActionPreference (Stop turns it into a terminating one). */
    void writeError(ErrorRecord error) throws PsException;

    /**
     * The host-side state this session runs against: for hvsim, the simulated host the shell belongs to. The type is the
     * host's choice; cmdlets that need it ask for their type.
     */
    <T> T host(Class<T> type);

    /**
     * Throws if the command has been asked to stop (Signal terminate / Ctrl-C); call it in long waits, and when a wait
     * is interrupted (a stop also interrupts the script's thread).
     */
    void checkStopping() throws PsException;

    /** {@code WriteWarning}: shown as "WARNING: ..." unless -WarningAction or $WarningPreference says otherwise. */
    default void writeWarning(String message) {}

    /** {@code WriteVerbose}: shown only with -Verbose or $VerbosePreference = 'Continue'. */
    default void writeVerbose(String message) {}
}
