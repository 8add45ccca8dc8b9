package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.ScriptClock;
import io.hvmigrate.sim.ps.lang.Ast;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs a cmdlet (built-in or the host's) in a pipeline; it is also the cmdlet's {@link EngineContext}. */
final class CmdletProcessor extends Processor implements EngineContext {
    private final CmdletInfo info;
    private final String invocationName;
    private final Binder binder;
    private Cmdlet cmdlet;
    private PsEnum.Value errorAction;
    private PsEnum.Value warningAction;
    private boolean verbose;

    /** A non-terminating error turned terminating by -ErrorAction Stop, passed through the cmdlet's code. */
    static final class StopException extends PsException {
        final transient TerminatingError error;

        StopException(TerminatingError error) {
            super(error.error().record());
            this.error = error;
        }
    }

    CmdletProcessor(Interpreter in, Ast.Command ast, CmdletInfo info, String invocationName, List<Binder.Arg> args,
                    boolean expectsInput) {
        super(in, ast);
        this.info = info;
        this.invocationName = invocationName;
        this.expectsInput = expectsInput;
        this.binder = new Binder(in, info.name(), info.implementingType(), info.parameters(), info.defaultParameterSet(),
                ast.extent(), true, false);
        binder.bindArguments(args);
        if (!expectsInput || !binder.takesPipelineInput()) {
            binder.resolve(false);
        } else {
            binder.resolve(true);
        }
        Object ea = binder.bound.get("ErrorAction");
        errorAction = ea instanceof PsEnum.Value v ? v : null;
        Object wa = binder.bound.get("WarningAction");
        warningAction = wa instanceof PsEnum.Value v ? v : null;
        verbose = Boolean.TRUE.equals(binder.bound.get("Verbose"));
        if (errorAction != null && errorAction.name().equals("Suspend")) {
            throw binder.bindingError(ast.extent(), "The value Suspend is not supported for an ActionPreference "
                    + "variable. The provided value should be used only as a value for a preference variable that is "
                    + "used in workflows.", "InvalidArgument", ErrorCategory.InvalidArgument, null);
        }
        captureVariables(binder.bound.get("ErrorVariable"), binder.bound.get("WarningVariable"));
        if (!io.hvmigrate.sim.ps.cmdlets.Builtins.isCore(info.name())) {
            in.moduleUsed();
        }
    }

    private PsError.Invocation invocation() {
        return new PsError.Invocation(PsError.Invocation.Kind.CMDLET, info.name(), invocationName, ast.extent(), null);
    }

    private RuntimeException translate(PsException e) {
        if (e instanceof StopException s) {
            return s.error;
        }
        if (in.isStopping()) {
            return Flow.Stopped.INSTANCE;
        }
        return new TerminatingError(new PsError(e.record(), invocation(), info.name()), false);
    }

    private RuntimeException internal(RuntimeException e) {
        if (e instanceof TerminatingError || e instanceof Flow.Signal) {
            return e;
        }
        String message = "hvsim internal error in " + info.name() + ": " + e;
        return new TerminatingError(new PsError(new ErrorRecord("System.InvalidOperationException", message,
                0x80131509, ErrorCategory.NotSpecified, "SimulatorInternalError," + info.implementingType(), null),
                invocation(), info.name()), false);
    }

    @Override
    void doBegin() {
        cmdlet = info.factory().get();
        try {
            cmdlet.begin(this);
        } catch (PsException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    @Override
    void doProcess(Object input) {
        Object current = null;
        if (expectsInput) {
            if (!binder.bindPipelineObject(input, ast.extent())) {
                in.writeError(binder.inputNotBound(input, ast.extent()), effectiveErrorAction());
                return;
            }
            binder.resolve(false);
            current = AutomationNull.unwrap(input);
        }
        try {
            cmdlet.process(this, current);
        } catch (PsException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    @Override
    void doEnd() {
        try {
            cmdlet.end(this);
        } catch (PsException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw internal(e);
        }
    }

    private PsEnum.Value effectiveErrorAction() {
        return errorAction != null ? errorAction : in.preference("ErrorActionPreference", "Continue");
    }

    // ------------------------------------------------------------------------------------------------ CommandContext

    @Override
    public String parameterSetName() {
        return binder.parameterSetName();
    }

    private Map.Entry<String, Object> entry(String name) {
        for (Map.Entry<String, Object> e : binder.bound.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public boolean isBound(String parameterName) {
        Map.Entry<String, Object> e = entry(parameterName);
        if (e == null) {
            return false;
        }
        return !(e.getValue() instanceof Boolean b && !b && isSwitchParameter(e.getKey()));
    }

    private boolean isSwitchParameter(String name) {
        return info.parameters().stream().anyMatch(p -> p.name().equals(name) && p.type().equals(PsType.SWITCH));
    }

    @Override
    public Optional<Object> parameter(String parameterName) {
        Map.Entry<String, Object> e = entry(parameterName);
        return e == null ? Optional.empty() : Optional.ofNullable(e.getValue());
    }

    @Override
    public void write(Object value) {
        in.checkStop();
        out.write(value);
    }

    @Override
    public void writeError(ErrorRecord error) throws PsException {
        writeErrorRecord(new PsError(error, invocation(), info.name()));
    }

    @Override
    public void writeErrorRecord(PsError error) throws PsException {
        try {
            in.writeError(error, effectiveErrorAction());
        } catch (TerminatingError t) {
            throw new StopException(t);
        }
    }

    @Override
    public <T> T host(Class<T> type) {
        Object h = in.config().hostState();
        if (!type.isInstance(h)) {
            throw new IllegalStateException("the host state is " + (h == null ? "null" : h.getClass().getName())
                    + ", not " + type.getName());
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

    @Override
    public void writeWarning(String message) {
        PsEnum.Value action = warningAction != null ? warningAction : in.preference("WarningPreference", "Continue");
        in.writeWarning(message, action);
    }

    @Override
    public void writeVerbose(String message) {
        boolean show = verbose || in.preference("VerbosePreference", "SilentlyContinue").name().equals("Continue");
        if (show && in.streams.verbose() != null) {
            in.streams.verbose().accept(message);
        }
    }

    // ------------------------------------------------------------------------------------------------ EngineContext

    @Override
    public void invoke(ScriptBlock block, Object dollarUnder, List<Object> args, boolean newScope,
                       Consumer<Object> output) {
        in.invokeScriptBlock(block, dollarUnder, args, newScope, output::accept);
    }

    @Override
    public List<Object> invokeCollect(ScriptBlock block, Object dollarUnder, List<Object> args) {
        return in.invokeCollect(block, dollarUnder, args);
    }

    @Override
    public Object member(Object target, String name) {
        return Members.get(in, target, name, ast.extent());
    }

    @Override
    public boolean hasProperty(Object target, String name) {
        return Members.has(in, target, name);
    }

    @Override
    public Object invokeStatic(PsType type, String name, List<Object> args) {
        return StaticMembers.invoke(in, type, name, args, ast.extent());
    }

    @Override
    public Object invokeMethod(Object target, String name, List<Object> args) {
        return Members.invoke(in, target, name, args, ast.extent());
    }

    @Override
    public Object convert(Object value, PsType type) throws PsException {
        try {
            return Conversions.convertTo(value, type, in.commands());
        } catch (Conversions.ConversionException e) {
            throw new PsException(new ErrorRecord(Errors.RUNTIME_EXCEPTION, e.getMessage(), Errors.COR_E_RUNTIME,
                    ErrorCategory.InvalidArgument, e.errorId(), null));
        }
    }

    @Override
    public String toStr(Object value) {
        return Conversions.toStr(value, in.ofs());
    }

    @Override
    public boolean isTrue(Object value) {
        return Conversions.isTrue(value);
    }

    @Override
    public boolean equal(Object a, Object b, boolean caseSensitive) {
        return Operators.equalsValue(a, b, !caseSensitive, in.commands());
    }

    @Override
    public int compare(Object a, Object b, boolean caseSensitive) throws PsException {
        try {
            return Operators.order(a, b, !caseSensitive, ast.extent(), in);
        } catch (TerminatingError e) {
            throw new PsException(e.error().record());
        }
    }

    @Override
    public void writeHost(String text, boolean newline) {
        in.output().host(text, newline);
    }

    @Override
    public void progress(io.hvmigrate.sim.ps.ScriptOutput.Progress record) {
        in.progress(record);
    }

    @Override
    public void outDefault(Object value) {
        in.output().output(value);
    }

    @Override
    public PsError.Invocation callerInvocation() {
        return in.currentCaller != null ? in.currentCaller : in.scriptInvocation();
    }

    @Override
    public ScriptClock clock() {
        return in.clock();
    }

    @Override
    public void sleep(Duration duration) throws PsException {
        try {
            in.clock().sleep(duration, in::isStopping);
        } catch (InterruptedException e) {
            // a stop interrupts the script's thread; the stop check below turns it into PipelineStopped
        }
        checkStopping();
    }

    @Override
    public CommandTable commands() {
        return in.commands();
    }

    @Override
    public void setStrictMode(int version) {
        in.setStrictMode(version);
    }

    @Override
    public String invocationName() {
        return invocationName;
    }
}
