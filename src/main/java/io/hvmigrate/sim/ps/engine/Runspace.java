package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.ScriptOutput;
import io.hvmigrate.sim.ps.cmdlets.Builtins;
import io.hvmigrate.sim.ps.lang.Ast;
import io.hvmigrate.sim.ps.lang.ParseException;
import io.hvmigrate.sim.ps.lang.Parser;
import io.hvmigrate.sim.ps.lang.ScriptText;

/**
 * A PowerShell session on a simulated host: runs scripts with the host's commands and its built-ins, sending output,
 * errors and other streams to a {@link ScriptOutput}. State (variables, functions, $Error) lasts across
 * {@link #run} calls; one script runs at a time, and {@link #stop} may come from any thread.
 *
 * <pre>{@code
 * Runspace rs = new Runspace(RunspaceConfig.of(table, host, "HV-A1"));
 * Runspace.Result r = rs.run("Get-VM | ConvertTo-Json -Compress", output);
 * }</pre>
 */
public final class Runspace {
    private final Interpreter interpreter;
    private final Object runLock = new Object();

    public Runspace(RunspaceConfig config, ScriptOutput output) {
        this.interpreter = new Interpreter(config, output, Builtins.cmdlets(), Builtins.aliases());
    }

    /**
     * How a run ended.
     *
     * @param succeeded whether the last statement succeeded ({@code $?})
     * @param exitCode  the code of {@code exit N}, or null when the script did not call exit
     * @param error     the error that ended the script (uncaught terminating error or parse error), or null
     * @param stopped   the run was stopped from outside
     * @param parseError the script did not parse; nothing of it ran
     */
    public record Result(boolean succeeded, Integer exitCode, PsError error, boolean stopped, boolean parseError) {}

    /** Parses and runs a script on the calling thread. A script that does not parse runs nothing. */
    public Result run(String script) {
        synchronized (runLock) {
            ScriptText text = new ScriptText(script);
            Ast.ScriptBlockBody body;
            try {
                body = Parser.parse(text);
            } catch (ParseException e) {
                PsError error = parseError(e);
                interpreter.recordError(error);
                interpreter.output().error(error);
                return new Result(false, null, error, false, true);
            }
            interpreter.bindThread(Thread.currentThread());
            try {
                Interpreter.Outcome o = interpreter.run(body, script);
                return new Result(o.lastStatus(), o.exitCode(), o.uncaught(), o.stopped(), false);
            } finally {
                interpreter.bindThread(null);
                Thread.interrupted();
            }
        }
    }

    /** Stops the running script: the current command is interrupted and nothing more runs. */
    public void stop() {
        interpreter.stop();
    }

    /** A parse failure as powershell.exe reports it: ParserError, with the first error's id. */
    public static PsError parseError(ParseException e) {
        return new PsError(new ErrorRecord("System.Management.Automation.ParentContainsErrorRecordException",
                e.getMessage(), Errors.COR_E_RUNTIME, ErrorCategory.ParserError, e.errorId(), null), null, "");
    }
}
