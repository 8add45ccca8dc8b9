package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.ScriptClock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What PowerShell's own cmdlets (ForEach-Object, Select-Object, ConvertTo-Json, ...) need beyond the cmdlet SPI: run
 * script blocks, read members, convert and compare values with PowerShell's rules, write to the host.
 */
public interface EngineContext extends CommandContext {

    /** Runs a script block, streaming its output; {@code $_} is {@code dollarUnder} (unless it is {@link #NO_INPUT}). */
    void invoke(ScriptBlock block, Object dollarUnder, List<Object> args, boolean newScope, Consumer<Object> output);

    List<Object> invokeCollect(ScriptBlock block, Object dollarUnder, List<Object> args);

    /** Marker: run a script block without setting {@code $_}. */
    Object NO_INPUT = new Object();

    Object member(Object target, String name);

    /** Whether the value has a property of that name (as opposed to one whose value is $null). */
    boolean hasProperty(Object target, String name);

    Object invokeMethod(Object target, String name, List<Object> args);

    /** A static method, {@code [type]::Name(args)} ({@code new} constructs). */
    Object invokeStatic(PsType type, String name, List<Object> args);

    /** PowerShell's conversion; throws a PsException with the cast error when it fails. */
    Object convert(Object value, PsType type) throws PsException;

    String toStr(Object value);

    boolean isTrue(Object value);

    boolean equal(Object a, Object b, boolean caseSensitive);

    /** Ordering as -lt/-gt; throws a PsException when the values cannot be compared. */
    int compare(Object a, Object b, boolean caseSensitive) throws PsException;

    void writeHost(String text, boolean newline);

    /** A progress record, shown unless $ProgressPreference is SilentlyContinue. */
    void progress(io.hvmigrate.sim.ps.ScriptOutput.Progress record);

    /** Sends an object to the host's output as the end of the top-level pipeline does (Out-Default). */
    void outDefault(Object value);

    /** Writes an error record with its own invocation info (Write-Error). */
    void writeErrorRecord(PsError error) throws PsException;

    /** Where this command was called from: the enclosing function, or the script. */
    PsError.Invocation callerInvocation();

    ScriptClock clock();

    /** Waits on the session clock; returns early (with a PipelineStoppedException) when the run is stopped. */
    void sleep(Duration duration) throws PsException;

    CommandTable commands();

    /** Set-StrictMode in the caller's scope: 0 turns it off. */
    void setStrictMode(int version);

    /** The invocation name the command was called by (an alias such as "%" or "select"). */
    String invocationName();
}
