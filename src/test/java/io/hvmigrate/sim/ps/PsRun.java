package io.hvmigrate.sim.ps;

import io.hvmigrate.sim.ps.engine.Runspace;
import io.hvmigrate.sim.ps.output.ErrorView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a script in a fresh runspace and keeps everything it produced, for assertions. */
public final class PsRun implements ScriptOutput {
    public final List<Object> output = new ArrayList<>();
    public final List<PsError> errors = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> verbose = new ArrayList<>();
    public final List<String> host = new ArrayList<>();
    public final List<ScriptOutput.Progress> progress = new ArrayList<>();
    public Runspace.Result result;

    public static PsRun run(String script) {
        return run(CommandTable.empty(), script);
    }

    public static PsRun run(CommandTable table, String script) {
        return run(RunspaceConfig.of(table, null, "HV-A1"), script);
    }

    public static PsRun run(RunspaceConfig config, String script) {
        PsRun r = new PsRun();
        r.result = new Runspace(config, r).run(script);
        return r;
    }

    /** Output objects as PowerShell strings (as "$x" would show them). */
    public List<String> strings() {
        return output.stream().map(io.hvmigrate.sim.ps.engine.Conversions::toStr).collect(Collectors.toList());
    }

    public Object single() {
        if (output.size() != 1) {
            throw new AssertionError("expected one output object, got " + output + " errors " + errorMessages());
        }
        return output.get(0);
    }

    public List<String> errorMessages() {
        return errors.stream().map(PsError::message).collect(Collectors.toList());
    }

    /** The errors as the console prints them. */
    public String errorText() {
        return errors.stream().map(e -> String.join("\n", ErrorView.lines(e))).collect(Collectors.joining("\n"));
    }

    @Override
    public void output(Object value) {
        output.add(value);
    }

    @Override
    public void error(PsError error) {
        errors.add(error);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void verbose(String message) {
        verbose.add(message);
    }

    @Override
    public void host(String text, boolean newline) {
        host.add(text);
    }

    @Override
    public void progress(Progress record) {
        progress.add(record);
    }
}
