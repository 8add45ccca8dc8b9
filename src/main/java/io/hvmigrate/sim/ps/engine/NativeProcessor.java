package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.NativeCommand;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.lang.Ast;
import java.util.List;

/**
 * Runs a native application of the host ({@code klist}): its output lines enter the pipeline as strings, its exit
 * code sets {@code $LASTEXITCODE} and {@code $?}; stderr lines go straight to the console unless redirected.
 */
final class NativeProcessor extends Processor {
    private final String name;
    private final NativeCommand command;
    private final List<String> arguments;

    NativeProcessor(Interpreter in, Ast.Command ast, String name, NativeCommand command, List<String> arguments,
                    boolean expectsInput) {
        super(in, ast);
        this.name = name;
        this.command = command;
        this.arguments = List.copyOf(arguments);
        this.expectsInput = expectsInput;
    }

    @Override
    void doBegin() {
    }

    @Override
    void doProcess(Object input) {
        // native applications read standard input; nothing here feeds it
    }

    @Override
    void doEnd() {
        NativeCommand.Result result;
        try {
            result = command.run(new NativeCommand.Invocation() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<String> arguments() {
                    return arguments;
                }

                @Override
                public <T> T host(Class<T> type) {
                    Object h = in.config().hostState();
                    if (!type.isInstance(h)) {
                        throw new IllegalStateException("the host state is not a " + type.getName());
                    }
                    return type.cast(h);
                }

                @Override
                public void checkStopping() throws PsException {
                    if (in.isStopping()) {
                        throw new PsException(new ErrorRecord("System.Management.Automation.PipelineStoppedException",
                                "The pipeline has been stopped.", Errors.COR_E_RUNTIME, ErrorCategory.OperationStopped,
                                "PipelineStopped", null));
                    }
                }
            });
        } catch (PsException e) {
            if (in.isStopping()) {
                throw Flow.Stopped.INSTANCE;
            }
            throw new TerminatingError(new PsError(e.record(), new PsError.Invocation(PsError.Invocation.Kind.NATIVE,
                    name, name, ast.extent(), null), ""), false);
        }
        for (String line : result.stdout()) {
            out.write(line);
        }
        boolean first = true;
        for (String line : result.stderr()) {
            if (errorsMerged) {
                PsError e = new PsError(new ErrorRecord("System.Management.Automation.RemoteException", line,
                        Errors.COR_E_RUNTIME, ErrorCategory.NotSpecified,
                        first ? "NativeCommandError" : "NativeCommandErrorMessage", line),
                        new PsError.Invocation(PsError.Invocation.Kind.NATIVE, name, name, ast.extent(), null), "");
                out.write(e);
                hadErrors = true;
            } else if (!errorsDropped) {
                in.output().nativeError(line);
            }
            first = false;
        }
        in.global.define("LASTEXITCODE", result.exitCode());
        if (result.exitCode() != 0) {
            hadErrors = true;
        }
    }
}
