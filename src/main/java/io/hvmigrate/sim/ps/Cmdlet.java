package io.hvmigrate.sim.ps;

/**
 * One invocation of a command in a pipeline, as PowerShell runs a compiled cmdlet: {@link #begin} once,
 * {@link #process} once per pipeline input object (or exactly once with {@code null} when nothing is piped in),
 * {@link #end} once. A fresh instance is made for every invocation (see {@link CmdletInfo#factory()}), so an
 * implementation may keep state between the three calls.
 *
 * <p>Write results with {@link CommandContext#write}; report a non-terminating error with
 * {@link CommandContext#writeError}; throw {@link PsException} for a terminating error.
 */
public interface Cmdlet {

    default void begin(CommandContext ctx) throws PsException {}

    /**
     * @param input the current pipeline object, already bound to parameters that take pipeline input; {@code null}
     *              when the command is not fed by a pipeline
     */
    void process(CommandContext ctx, Object input) throws PsException;

    default void end(CommandContext ctx) throws PsException {}
}
