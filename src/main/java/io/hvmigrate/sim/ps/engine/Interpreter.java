package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.ScriptClock;
import io.hvmigrate.sim.ps.ScriptOutput;
import io.hvmigrate.sim.ps.lang.Ast;
import io.hvmigrate.sim.ps.lang.Ast.*;
import io.hvmigrate.sim.ps.lang.Extent;
import io.hvmigrate.sim.ps.lang.VariablePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A tree-walking interpreter with Windows PowerShell 5.1's semantics for the subset hvsim supports. One instance runs
 * one script on one thread; {@link #stop} may be called from another.
 */
public final class Interpreter implements Operators.Host {

    private final RunspaceConfig config;
    private final CommandTable commands;
    private final Map<String, CmdletInfo> builtins;
    private final Map<String, String> builtinAliases;
    private final ScriptOutput output;
    final Scope global;
    private Scope script;
    Scope scope;
    private final Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private volatile boolean stopping;
    private volatile Thread thread;
    private boolean lastStatus = true;
    int tryDepth;
    final PsList errors = new PsList(Types.ARRAYLIST);
    private final Set<PsError> recorded = Collections.newSetFromMap(new IdentityHashMap<>());
    Streams streams;
    private String scriptText = "";
    private static final java.util.Random GUID_RANDOM = new java.security.SecureRandom();

    Interpreter(RunspaceConfig config, ScriptOutput output, Map<String, CmdletInfo> builtins,
                Map<String, String> builtinAliases) {
        this.config = config;
        this.commands = config.commands();
        this.builtins = builtins;
        this.builtinAliases = builtinAliases;
        this.output = output;
        this.global = new Scope(null);
        this.script = global;
        this.scope = global;
        this.streams = new Streams(output::error, e -> { }, output::warning, output::verbose);
        env.put("COMPUTERNAME", config.computerName());
        env.put("USERNAME", config.userName());
        env.put("USERDOMAIN", config.userDomain());
        env.put("USERDNSDOMAIN", config.userDomain());
        env.put("SystemRoot", "C:\\Windows");
        env.put("windir", "C:\\Windows");
        env.put("SystemDrive", "C:");
        env.put("ProgramFiles", "C:\\Program Files");
        env.put("TEMP", "C:\\Users\\" + config.userName() + "\\AppData\\Local\\Temp");
        env.put("TMP", "C:\\Users\\" + config.userName() + "\\AppData\\Local\\Temp");
        env.put("USERPROFILE", "C:\\Users\\" + config.userName());
        env.put("PROCESSOR_ARCHITECTURE", "AMD64");
        env.put("OS", "Windows_NT");
        env.put("PSModulePath", "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules");
        env.putAll(config.environment());
        initGlobals();
    }

    private void initGlobals() {
        global.define("ErrorActionPreference", Types.ACTION_PREFERENCE.of("Continue"));
        global.define("WarningPreference", Types.ACTION_PREFERENCE.of("Continue"));
        global.define("VerbosePreference", Types.ACTION_PREFERENCE.of("SilentlyContinue"));
        global.define("DebugPreference", Types.ACTION_PREFERENCE.of("SilentlyContinue"));
        global.define("ProgressPreference", Types.ACTION_PREFERENCE.of("Continue"));
        global.define("InformationPreference", Types.ACTION_PREFERENCE.of("SilentlyContinue"));
        global.define("ConfirmPreference", "High");
        global.define("WhatIfPreference", false);
        global.define("Error", errors);
        global.define("MaximumErrorCount", 256);
        global.define("PSCulture", "en-US");
        global.define("PSUICulture", "en-US");
        global.define("PSEdition", "Desktop");
        global.define("ShellId", "Microsoft.PowerShell");
        global.define("NestedPromptLevel", 0);
        global.define("PSHOME", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0");
        global.define("HOME", "C:\\Users\\" + config.userName());
        global.define("PID", 4242);
        global.define("args", new ArrayList<>());
        PsObject version = PsObject.of("System.Version");
        version.put("Major", 5).put("Minor", 1).put("Build", 17763).put("Revision", 1852);
        version.toStringValue("5.1.17763.1852");
        PsHashtable table = new PsHashtable(false);
        table.put("PSVersion", version);
        table.put("PSEdition", "Desktop");
        table.put("BuildVersion", "10.0.17763.1852");
        table.put("CLRVersion", "4.0.30319.42000");
        table.put("WSManStackVersion", "3.0");
        table.put("PSRemotingProtocolVersion", "2.3");
        table.put("SerializationVersion", "1.1.0.1");
        global.define("PSVersionTable", table);
        PsObject host = PsObject.of("System.Management.Automation.Internal.Host.InternalHost");
        host.put("Name", "ConsoleHost").put("Version", version).put("CurrentCulture", "en-US");
        host.toStringValue("System.Management.Automation.Internal.Host.InternalHost");
        global.define("Host", host).readOnly = true;
        PsObject pwd = PsObject.of("System.Management.Automation.PathInfo");
        pwd.put("Path", "C:\\Users\\" + config.userName() + "\\Documents");
        pwd.toStringValue("C:\\Users\\" + config.userName() + "\\Documents");
        global.define("PWD", pwd);
    }

    // ------------------------------------------------------------------------------------------------ host access

    RunspaceConfig config() {
        return config;
    }

    @Override
    public CommandTable commands() {
        return commands;
    }

    ScriptOutput output() {
        return output;
    }

    ScriptClock clock() {
        return config.clock();
    }

    UUID newGuid() {
        byte[] b = new byte[16];
        GUID_RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    String environmentVariable(String name) {
        return env.get(name);
    }

    @Override
    public void setMatches(PsHashtable matches) {
        scope.define("Matches", matches);
    }

    @Override
    public String ofs() {
        Scope.Variable v = scope.find("OFS");
        return v == null || v.value == null ? " " : Conversions.toStr(v.value);
    }

    String scriptText() {
        return scriptText;
    }

    boolean lastStatus() {
        return lastStatus;
    }

    void setLastStatus(boolean ok) {
        lastStatus = ok;
    }

    // ------------------------------------------------------------------------------------------------ stopping

    void bindThread(Thread t) {
        this.thread = t;
    }

    /** Asks the running script to stop; a blocked wait is interrupted. */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** A finally block entered while stopping runs to its end, as PowerShell runs it after Ctrl-C. */
    private int finallyWhileStopping;

    boolean isStopping() {
        return stopping && finallyWhileStopping == 0;
    }

    void checkStop() {
        if (isStopping()) {
            throw Flow.Stopped.INSTANCE;
        }
    }

    // ------------------------------------------------------------------------------------------------ running

    /** The outcome of running a script. */
    record Outcome(boolean lastStatus, Integer exitCode, PsError uncaught, boolean stopped) {}

    Outcome run(ScriptBlockBody body, String text) {
        this.scriptText = text;
        script = new Scope(global);
        scope = script;
        try {
            runBody(body, Pipe.NULL == null ? null : output::output, List.of());
            return new Outcome(lastStatus, null, null, false);
        } catch (Flow.Exit e) {
            return new Outcome(lastStatus, e.code, null, false);
        } catch (TerminatingError te) {
            PsError e = te.error();
            recordError(e);
            output.error(e);
            lastStatus = false;
            return new Outcome(false, null, e, false);
        } catch (Flow.Stopped s) {
            return new Outcome(false, null, null, true);
        } catch (Flow.Break | Flow.Continue b) {
            // break or continue outside a loop ends the script quietly, as in PowerShell
            return new Outcome(lastStatus, null, null, false);
        } catch (Flow.Return r) {
            return new Outcome(lastStatus, null, null, false);
        }
    }

    /** Runs a script body (top level or a script block in its own scope): begin, process once, end. */
    private void runBody(ScriptBlockBody body, Pipe out, List<Object> args) {
        if (body.param() != null) {
            bindSimpleParameters(body.param(), args);
        }
        runBlocks(body, out);
    }

    /** begin, process (once), end — or the unnamed body, which is an end block. */
    private void runBlocks(ScriptBlockBody body, Pipe out) {
        if (body.namedBlocks()) {
            if (body.begin() != null) {
                execBlockReturning(body.begin(), out);
            }
            if (body.process() != null) {
                execBlockReturning(body.process(), out);
            }
            if (body.end() != null) {
                execBlockReturning(body.end(), out);
            }
        } else if (body.end() != null) {
            execBlockReturning(body.end(), out);
        }
    }

    private void execBlockReturning(Block b, Pipe out) {
        try {
            execBlock(b, out);
        } catch (Flow.Return r) {
            // return ends this block
        }
    }

    /** Positional binding for a script block's param() ({@code & { param($a) }}, regex evaluators). */
    private void bindSimpleParameters(ParamBlock param, List<Object> args) {
        List<Object> extra = new ArrayList<>();
        int i = 0;
        for (Ast.Parameter p : param.parameters()) {
            Object value;
            if (i < args.size()) {
                value = args.get(i++);
            } else if (p.defaultValue() != null) {
                value = eval(p.defaultValue());
            } else {
                value = isSwitchParameter(p) ? Boolean.FALSE : null;
            }
            Scope.Variable v = scope.define(p.name().name(), value);
            if (p.type() != null) {
                PsType t = resolveType(p.type());
                v.constraint = t;
                v.value = convertOrThrow(value, t, p.extent());
            }
        }
        while (i < args.size()) {
            extra.add(args.get(i++));
        }
        scope.define("args", extra);
    }

    boolean isSwitchParameter(Ast.Parameter p) {
        return p.type() != null && p.type().name().equalsIgnoreCase("switch");
    }

    // ------------------------------------------------------------------------------------------------ errors

    /** Adds an error to $Error once (newest first), as PowerShell does for every error that is written or thrown. */
    void recordError(PsError e) {
        if (recorded.add(e)) {
            errors.add(0, e);
            int max = 256;
            while (errors.size() > max) {
                PsError old = (PsError) errors.remove(errors.size() - 1);
                recorded.remove(old);
            }
        }
    }

    /** The effective value of a preference variable ($ErrorActionPreference, ...). */
    PsEnum.Value preference(String name, String fallback) {
        Scope.Variable v = scope.find(name);
        Object value = v == null ? null : AutomationNull.unwrap(v.value);
        if (value == null) {
            return Types.ACTION_PREFERENCE.of(fallback);
        }
        try {
            return Conversions.toEnum(value, Types.ACTION_PREFERENCE);
        } catch (RuntimeException e) {
            return Types.ACTION_PREFERENCE.of(fallback);
        }
    }

    /**
     * Writes a non-terminating error with an action preference: Stop makes it terminating, SilentlyContinue records it
     * without showing it, Ignore drops it.
     */
    void writeError(PsError e, PsEnum.Value action) {
        String a = action.name();
        if (a.equals("Ignore")) {
            streams.record().accept(e);
            return;
        }
        streams.record().accept(e);
        recordError(e);
        if (a.equals("Stop")) {
            throw new TerminatingError(e, true);
        }
        if (a.equals("SilentlyContinue")) {
            return;
        }
        if (streams.display() != null) {
            streams.display().accept(e);
        }
    }

    void writeWarning(String message, PsEnum.Value action) {
        String a = action.name();
        if (a.equals("SilentlyContinue") || a.equals("Ignore")) {
            return;
        }
        if (a.equals("Stop")) {
            PsError e = new PsError(new ErrorRecord("System.Management.Automation.ActionPreferenceStopException",
                    "The running command stopped because the preference variable \"WarningPreference\" or common "
                            + "parameter is set to Stop: " + message, Errors.COR_E_RUNTIME,
                    ErrorCategory.OperationStopped, "ActionPreferenceStop", null), null, "");
            throw new TerminatingError(e, true);
        }
        if (streams.warning() != null) {
            streams.warning().accept(message);
        }
    }

    // ------------------------------------------------------------------------------------------------ statements

    /** Runs statements; a statement-terminating error is reported and the next statement runs, as in PowerShell. */
    void execBlock(Block b, Pipe out) {
        for (Statement st : b.statements()) {
            checkStop();
            try {
                execStatement(st, out);
            } catch (TerminatingError te) {
                if (te.scriptTerminating() || tryDepth > 0) {
                    throw te;
                }
                PsEnum.Value eap = preference("ErrorActionPreference", "Continue");
                if (eap.name().equals("Stop")) {
                    throw te.asScriptTerminating();
                }
                lastStatus = false;
                streams.record().accept(te.error());
                if (!eap.name().equals("Ignore")) {
                    recordError(te.error());
                }
                if (!eap.name().equals("SilentlyContinue") && !eap.name().equals("Ignore")
                        && streams.display() != null) {
                    streams.display().accept(te.error());
                }
            }
        }
    }

    void execStatement(Statement st, Pipe out) {
        switch (st) {
            case Pipeline p -> runPipelineStatement(p, out);
            case Assignment a -> {
                assign(a);
                lastStatus = true;
            }
            case If i -> execIf(i, out);
            case ForEach f -> execForEach(f, out);
            case For f -> execFor(f, out);
            case While w -> execWhile(w, out);
            case DoLoop d -> execDo(d, out);
            case Switch s -> execSwitch(s, out);
            case Try t -> execTry(t, out);
            case Throw t -> execThrow(t);
            case Return r -> {
                if (r.value() != null) {
                    execStatement(r.value(), out);
                }
                throw Flow.Return.INSTANCE;
            }
            case Exit e -> {
                int code = 0;
                if (e.value() != null) {
                    Object v = AutomationNull.unwrap(statementValue(e.value()));
                    try {
                        code = v == null ? 0 : (Integer) Conversions.convertTo(v, PsType.INT32, commands);
                    } catch (Conversions.ConversionException x) {
                        throw Errors.cast(e.extent(), x);
                    }
                }
                throw new Flow.Exit(code);
            }
            case Break b -> throw new Flow.Break(b.label());
            case Continue c -> throw new Flow.Continue(c.label());
            case FunctionDef f -> {
                scope.defineFunction(new FunctionInfo(f.name(), f.body(), f.filter()));
                lastStatus = true;
            }
        }
    }

    private void runPipelineStatement(Pipeline p, Pipe out) {
        if (p.elements().size() == 1 && p.elements().get(0) instanceof CommandExpression ce
                && ce.redirections().isEmpty()) {
            Object v = eval(ce.expr());
            if (!(ce.expr() instanceof IncDec)) {
                enumerateTo(v, out);
            }
            lastStatus = true;
            return;
        }
        new PipelineRun(this, p).run(out);
    }

    /** Writes a value to a pipe the way the pipeline does: a collection one element at a time, $null as itself. */
    static void enumerateTo(Object v, Pipe out) {
        if (v == AutomationNull.VALUE) {
            return;
        }
        if (v instanceof List<?> l) {
            for (Object item : new ArrayList<>(l)) {
                out.write(item);
            }
            return;
        }
        out.write(v);
    }

    /** The value of a statement used as a value (assignment right side, hashtable value, condition). */
    Object statementValue(Statement st) {
        if (st instanceof Pipeline p && p.elements().size() == 1 && p.elements().get(0) instanceof CommandExpression ce
                && ce.redirections().isEmpty()) {
            return eval(ce.expr());
        }
        if (st instanceof Assignment a) {
            return assign(a);
        }
        Pipe.Collector c = new Pipe.Collector();
        execStatement(st, c);
        return c.value();
    }

    private boolean condition(Statement st) {
        return Conversions.isTrue(statementValue(st));
    }

    private void execIf(If i, Pipe out) {
        for (IfClause c : i.clauses()) {
            if (condition(c.condition())) {
                execBlock(c.body(), out);
                return;
            }
        }
        if (i.elseBlock() != null) {
            execBlock(i.elseBlock(), out);
        }
    }

    private static boolean labelMatches(String signal, String loop) {
        return signal == null || (loop != null && signal.equalsIgnoreCase(loop));
    }

    private void execForEach(ForEach f, Pipe out) {
        Object coll = statementValue(f.collection());
        List<Object> items;
        Object c = AutomationNull.unwrap(coll);
        if (coll == AutomationNull.VALUE) {
            items = List.of();
        } else if (c instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            items = new ArrayList<>();
            items.add(c);
        }
        String name = f.variable().path().name();
        for (Object item : items) {
            checkStop();
            setVariable(f.variable().path(), item, f.variable().extent());
            if (!loopPass(f.body(), f.label(), out)) {
                break;
            }
        }
        if (name != null) {
            lastStatus = true;
        }
    }

    /**
     * One pass of a loop's body: false when a {@code break} for this loop (unlabelled, or naming its label) ends the
     * loop; a matching {@code continue} goes on to the next pass; other breaks and continues go to the loops outside.
     */
    private boolean loopPass(Block body, String label, Pipe out) {
        try {
            execBlock(body, out);
            return true;
        } catch (Flow.Break b) {
            if (labelMatches(b.label, label)) {
                return false;
            }
            throw b;
        } catch (Flow.Continue k) {
            if (!labelMatches(k.label, label)) {
                throw k;
            }
            return true;
        }
    }

    private void execFor(For f, Pipe out) {
        if (f.init() != null) {
            execStatement(f.init(), Pipe.NULL);
        }
        while (true) {
            checkStop();
            if (f.condition() != null && !condition(f.condition())) {
                break;
            }
            if (!loopPass(f.body(), f.label(), out)) {
                break;
            }
            if (f.iterator() != null) {
                execStatement(f.iterator(), Pipe.NULL);
            }
        }
    }

    private void execWhile(While w, Pipe out) {
        while (true) {
            checkStop();
            if (!condition(w.condition())) {
                break;
            }
            if (!loopPass(w.body(), w.label(), out)) {
                break;
            }
        }
    }

    private void execDo(DoLoop d, Pipe out) {
        while (true) {
            checkStop();
            if (!loopPass(d.body(), d.label(), out)) {
                break;
            }
            boolean c = condition(d.condition());
            if (d.until() ? c : !c) {
                break;
            }
        }
    }

    private void execSwitch(Switch s, Pipe out) {
        Object value = statementValue(s.value());
        List<Object> items;
        if (value == AutomationNull.VALUE) {
            items = List.of();
        } else if (AutomationNull.unwrap(value) instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            items = new ArrayList<>();
            items.add(AutomationNull.unwrap(value));
        }
        Scope.Variable under = scope.local("_");
        Object saved = under == null ? null : under.value;
        try {
            outer:
            for (Object item : items) {
                checkStop();
                scope.define("_", item);
                boolean matched = false;
                for (SwitchClause c : s.clauses()) {
                    if (switchMatches(s, c.condition(), item)) {
                        matched = true;
                        try {
                            execBlock(c.body(), out);
                        } catch (Flow.Break b) {
                            if (labelMatches(b.label, s.label())) {
                                break outer;
                            }
                            throw b;
                        } catch (Flow.Continue k) {
                            if (labelMatches(k.label, s.label())) {
                                continue outer;
                            }
                            throw k;
                        }
                    }
                }
                if (!matched && s.defaultBlock() != null) {
                    if (!loopPass(s.defaultBlock(), s.label(), out)) {
                        break;
                    }
                }
            }
        } finally {
            if (under == null) {
                scope.remove("_");
            } else {
                under.value = saved;
            }
        }
    }

    private boolean switchMatches(Switch s, Expr condition, Object item) {
        if (condition instanceof ScriptBlockExpr sbe) {
            ScriptBlock sb = new ScriptBlock(sbe.body(), blockText(sbe.extent()));
            return Conversions.isTrue(invokeInScope(sb, item, List.of()));
        }
        Object c = eval(condition);
        String cs = Conversions.toStr(c, ofs());
        String is = Conversions.toStr(item, ofs());
        return switch (s.mode()) {
            case "regex" -> {
                RegexValues.RegexValue rx = Operators.regex(cs, !s.caseSensitive(), condition.extent());
                java.util.regex.Matcher m = rx.pattern().matcher(is);
                if (m.find()) {
                    setMatches(RegexValues.matchesTable(RegexValues.toMatch(rx, m)));
                    yield true;
                }
                yield false;
            }
            case "wildcard" -> Wildcard.matches(cs, is, !s.caseSensitive());
            default -> Operators.equalsValue(item, c, !s.caseSensitive(), commands);
        };
    }

    private void execTry(Try t, Pipe out) {
        try {
            tryDepth++;
            try {
                execBlock(t.body(), out);
            } finally {
                tryDepth--;
            }
        } catch (TerminatingError te) {
            Catch handler = findCatch(t, te.error());
            if (handler == null) {
                throw te;
            }
            recordError(te.error());
            Scope.Variable under = scope.local("_");
            Object saved = under == null ? null : under.value;
            Scope.Variable psItem = scope.local("PSItem");
            Object savedItem = psItem == null ? null : psItem.value;
            scope.define("_", te.error());
            scope.define("PSItem", te.error());
            try {
                execBlock(handler.body(), out);
            } finally {
                if (under == null) {
                    scope.remove("_");
                } else {
                    under.value = saved;
                }
                if (psItem == null) {
                    scope.remove("PSItem");
                } else {
                    psItem.value = savedItem;
                }
            }
        } finally {
            if (t.finallyBlock() != null) {
                boolean wasStopping = stopping;
                if (wasStopping) {
                    finallyWhileStopping++;
                    Thread.interrupted();
                }
                try {
                    execBlock(t.finallyBlock(), out);
                } finally {
                    if (wasStopping) {
                        finallyWhileStopping--;
                    }
                }
                checkStop();
            }
        }
    }

    private Catch findCatch(Try t, PsError error) {
        for (Catch c : t.catches()) {
            if (c.types().isEmpty()) {
                return c;
            }
            for (TypeName tn : c.types()) {
                PsType type = resolveType(tn);
                if (Types.exceptionIs(error.record().exceptionType(), type.fullName(), commands)) {
                    return c;
                }
            }
        }
        return null;
    }

    private void execThrow(Throw t) {
        Object v = t.value() == null ? null : AutomationNull.unwrap(statementValue(t.value()));
        throw new TerminatingError(throwError(v, t.extent()), true);
    }

    /** What {@code throw value} raises: an error record is rethrown as it is; anything else becomes its message. */
    PsError throwError(Object v, Extent where) {
        if (v instanceof PsError e) {
            return e;
        }
        if (v instanceof ErrorViews.ExceptionView x) {
            // throwing an exception object makes a new record: its id is the message, as in PowerShell
            ErrorRecord r = x.record();
            return new PsError(new ErrorRecord(r.exceptionType(), r.message(), r.hresult(), ErrorCategory.OperationStopped,
                    r.message(), null), PsError.Invocation.statement(where), "");
        }
        if (v == null) {
            return new PsError(new ErrorRecord(Errors.RUNTIME_EXCEPTION, "ScriptHalted", Errors.COR_E_RUNTIME,
                    ErrorCategory.OperationStopped, "ScriptHalted", null), PsError.Invocation.statement(where), "");
        }
        String message = Conversions.toStr(v, ofs());
        return new PsError(new ErrorRecord(Errors.RUNTIME_EXCEPTION, message, Errors.COR_E_RUNTIME,
                ErrorCategory.OperationStopped, message, v), PsError.Invocation.statement(where), "");
    }

    // ------------------------------------------------------------------------------------------------ assignment

    Object assign(Assignment a) {
        Object value = statementValue(a.value());
        if (!a.op().equals("=")) {
            Object current = eval(a.target());
            String op = a.op().substring(0, 1);
            value = Operators.binary(this, op, current, value, a.extent());
        }
        assignTo(a.target(), value, a.extent());
        return value;
    }

    private void assignTo(Expr target, Object value, Extent where) {
        switch (target) {
            case Variable v -> setVariable(v.path(), value, v.extent());
            case Convert c -> {
                Expr inner = c.operand();
                PsType type = resolveType(c.type());
                if (type.equals(Types.VOID)) {
                    throw Errors.runtime(c.extent(), "[void] cannot be used as a parameter type, or on the left side "
                            + "of an assignment.", "VoidTypeConstraintNotAllowed", ErrorCategory.InvalidOperation, null);
                }
                Object converted = convertOrThrow(value, type, where);
                if (inner instanceof Variable v) {
                    Scope.Variable var = setVariable(v.path(), converted, v.extent());
                    if (var != null) {
                        var.constraint = type;
                    }
                } else {
                    assignTo(inner, converted, where);
                }
            }
            case Member m -> {
                Object t = eval(m.target());
                String name = memberName(m.member());
                if (m.isStatic()) {
                    throw Errors.notSupported(m.extent(), "assigning static members");
                }
                Members.set(this, t, name, AutomationNull.unwrap(value), m.extent());
            }
            case Index i -> {
                Object t = AutomationNull.unwrap(eval(i.target()));
                Object index = AutomationNull.unwrap(eval(i.index()));
                setIndex(t, index, AutomationNull.unwrap(value), i.extent());
            }
            case ArrayLiteral al -> {
                List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(value));
                List<Expr> targets = al.elements();
                for (int k = 0; k < targets.size(); k++) {
                    Object v;
                    if (k == targets.size() - 1) {
                        v = k < values.size() ? (values.size() - k == 1 ? values.get(k)
                                : new ArrayList<>(values.subList(k, values.size()))) : null;
                    } else {
                        v = k < values.size() ? values.get(k) : null;
                    }
                    assignTo(targets.get(k), v, where);
                }
            }
            default -> throw Errors.runtime(target.extent(), "The assignment expression is not valid.",
                    "InvalidLeftHandSide", ErrorCategory.InvalidOperation, null);
        }
    }

    private void setIndex(Object t, Object index, Object value, Extent where) {
        switch (t) {
            case null -> throw Errors.nullArray(where);
            case PsHashtable h -> h.put(index, value);
            case List<?> l -> {
                int i;
                try {
                    i = (Integer) Conversions.convertTo(index, PsType.INT32, commands);
                } catch (Conversions.ConversionException e) {
                    throw Errors.cast(where, e);
                }
                if (i < 0) {
                    i += l.size();
                }
                if (i < 0 || i >= l.size()) {
                    throw Errors.runtime(where, "Index was outside the bounds of the array.", "IndexOutOfRange",
                            ErrorCategory.InvalidOperation, null);
                }
                @SuppressWarnings("unchecked")
                List<Object> lo = (List<Object>) l;
                try {
                    lo.set(i, value);
                } catch (UnsupportedOperationException e) {
                    throw Errors.runtime(where, "Array assignment failed because the collection cannot be changed.",
                            "ArrayAssignmentFailed", ErrorCategory.InvalidOperation, null);
                }
            }
            case PsObject o -> o.put(Conversions.toStr(index), value);
            default -> throw Errors.runtime(where, "Unable to index into an object of type " + Types.typeOf(t).fullName()
                    + ".", "CannotIndex", ErrorCategory.InvalidOperation, null);
        }
    }

    Object convertOrThrow(Object value, PsType type, Extent where) {
        try {
            return Conversions.convertTo(value, type, commands);
        } catch (Conversions.ConversionException e) {
            throw Errors.cast(where, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ variables

    /** Automatic variables PowerShell defines as it goes; strict mode does not complain about them. */
    private static boolean isAutomatic(String n) {
        String l = n.toLowerCase(Locale.ROOT);
        return l.equals("_") || l.equals("psitem") || l.equals("args") || l.equals("input") || l.equals("matches")
                || l.equals("lastexitcode") || l.equals("ofs") || l.equals("psboundparameters");
    }

    private boolean expandingString;

    int strictMode() {
        return scope.strictMode();
    }

    void setStrictMode(int version) {
        scope.strictMode = version;
    }

    private static boolean isConstantName(String n) {
        return n.equalsIgnoreCase("true") || n.equalsIgnoreCase("false") || n.equalsIgnoreCase("null");
    }

    Object getVariable(VariablePath path, Extent where) {
        String name = path.name();
        String s = path.scope();
        if (s == null || s.equals("global") || s.equals("script") || s.equals("local") || s.equals("private")
                || s.equals("variable")) {
            if (name.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (name.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            if (name.equalsIgnoreCase("null")) {
                return null;
            }
            if (name.equals("?")) {
                return lastStatus;
            }
            if (name.equals("$") || name.equals("^")) {
                return null;
            }
            Scope.Variable v = switch (s == null ? "" : s) {
                case "global" -> global.local(name);
                case "script" -> script.local(name);
                case "local", "private" -> scope.local(name);
                default -> scope.find(name);
            };
            if (v == null && strictMode() >= (expandingString ? 2 : 1) && !isAutomatic(name)) {
                throw Errors.runtime(where, "The variable '$" + path.userPath() + "' cannot be retrieved because it has "
                        + "not been set.", "VariableIsUndefined", ErrorCategory.InvalidOperation, path.userPath());
            }
            return v == null ? null : v.value;
        }
        if (s.equals("env")) {
            return env.get(name);
        }
        if (s.equals("using")) {
            throw Errors.runtime(where, "A Using variable cannot be retrieved. A Using variable can be used only with "
                    + "Invoke-Command, Start-Job, or InlineScript in the script workflow. When it is used with "
                    + "Invoke-Command, the Using variable is valid only if the script block is invoked on a remote "
                    + "computer.", "UsingWithoutInvokeCommand", ErrorCategory.InvalidOperation, null);
        }
        if (s.equals("function")) {
            FunctionInfo f = scope.findFunction(name);
            return f == null ? null : new ScriptBlock(f.body(), blockText(f.body().extent()));
        }
        if (s.length() == 1) {
            throw Errors.notSupported(where, "reading files through variable notation ($" + path.userPath() + ")");
        }
        throw Errors.runtime(where, "System.Management.Automation.DriveNotFoundException", "Cannot find drive. A drive "
                + "with the name '" + path.scope() + "' does not exist.", "DriveNotFound", ErrorCategory.ObjectNotFound,
                path.scope());
    }

    /** Sets a variable; returns it (null for $null, which discards). */
    Scope.Variable setVariable(VariablePath path, Object value, Extent where) {
        String name = path.name();
        String s = path.scope();
        if ("env".equals(s)) {
            Object v = AutomationNull.unwrap(value);
            if (v == null || Conversions.toStr(v).isEmpty()) {
                env.remove(name);
            } else {
                env.put(name, Conversions.toStr(v));
            }
            return null;
        }
        if (name.equalsIgnoreCase("null") && (s == null || s.equals("global") || s.equals("script")
                || s.equals("local"))) {
            return null;
        }
        if (isConstantName(name) || name.equals("?") || name.equalsIgnoreCase("Host")) {
            throw Errors.runtime(where, "System.Management.Automation.SessionStateUnauthorizedAccessException",
                    "Cannot overwrite variable " + name + " because it is read-only or constant.", "VariableNotWritable",
                    ErrorCategory.WriteError, name);
        }
        Scope target = switch (s == null ? "" : s) {
            case "global" -> global;
            case "script" -> script;
            default -> scope;
        };
        Scope.Variable existing = s == null ? scope.local(name) : target.local(name);
        if (existing == null && s == null) {
            existing = null;
        }
        if (existing != null) {
            existing.value = existing.constraint != null ? convertOrThrow(value, existing.constraint, where) : value;
            return existing;
        }
        // an assignment without a scope creates the variable in the current scope
        Scope.Variable found = scope.find(name);
        if (s == null && found != null && found.constraint != null) {
            Scope.Variable v = target.define(name, convertOrThrow(value, found.constraint, where));
            v.constraint = found.constraint;
            return v;
        }
        return target.define(name, value);
    }

    // ------------------------------------------------------------------------------------------------ expressions

    Object eval(Expr e) {
        switch (e) {
            case Constant c:
                return c.value();
            case StringConstant s:
                return s.value();
            case ExpandableString x:
                return expand(x);
            case Variable v:
                if (v.splatted()) {
                    throw Errors.notSupported(v.extent(), "splatting outside a command");
                }
                return getVariable(v.path(), v.extent());
            case Binary b:
                return binary(b);
            case Unary u:
                return unary(u);
            case IncDec d:
                return incDec(d);
            case Convert c:
                return convert(c);
            case TypeLiteral t:
                return resolveType(t.type());
            case Member m:
                return member(m);
            case InvokeMember m:
                return invokeMember(m);
            case Index i:
                return index(i);
            case ArrayLiteral a: {
                List<Object> out = new ArrayList<>(a.elements().size());
                for (Expr el : a.elements()) {
                    out.add(AutomationNull.unwrap(eval(el)));
                }
                return out;
            }
            case ArrayExpr a: {
                Pipe.Collector c = new Pipe.Collector();
                execBlock(a.block(), c);
                return c.items;
            }
            case SubExpr s: {
                Pipe.Collector c = new Pipe.Collector();
                execBlock(s.block(), c);
                return c.value();
            }
            case Paren p: {
                if (p.statement() instanceof Assignment a) {
                    return assign(a);
                }
                if (p.statement() instanceof Pipeline pl && pl.elements().size() == 1
                        && pl.elements().get(0) instanceof CommandExpression ce && ce.redirections().isEmpty()) {
                    // ( expression ) is the expression's value: nothing is unrolled
                    return eval(ce.expr());
                }
                Pipe.Collector c = new Pipe.Collector();
                execStatement(p.statement(), c);
                return c.value();
            }
            case Hashtable h:
                return hashtable(h, false);
            case ScriptBlockExpr s:
                return new ScriptBlock(s.body(), blockText(s.extent()));
        }
    }

    static String blockText(Extent e) {
        String t = e.text();
        if (t.startsWith("{") && t.endsWith("}")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private String expand(ExpandableString x) {
        StringBuilder b = new StringBuilder();
        for (Expr part : x.parts()) {
            if (part instanceof StringConstant sc) {
                b.append(sc.value());
            } else if (part instanceof Variable) {
                // strict mode 1 lets uninitialized variables expand inside strings
                boolean saved = expandingString;
                expandingString = true;
                try {
                    b.append(Conversions.toStr(AutomationNull.unwrap(eval(part)), ofs()));
                } finally {
                    expandingString = saved;
                }
            } else {
                b.append(Conversions.toStr(AutomationNull.unwrap(eval(part)), ofs()));
            }
        }
        return b.toString();
    }

    private Object binary(Binary b) {
        if (b.op().equals("and")) {
            return Conversions.isTrue(eval(b.left())) && Conversions.isTrue(eval(b.right()));
        }
        if (b.op().equals("or")) {
            return Conversions.isTrue(eval(b.left())) || Conversions.isTrue(eval(b.right()));
        }
        Object l = eval(b.left());
        Object r = eval(b.right());
        try {
            return Operators.binary(this, b.op(), l, r, b.extent());
        } catch (Conversions.ConversionException e) {
            throw Errors.cast(b.extent(), e);
        }
    }

    private Object unary(Unary u) {
        if (u.op().equals(",")) {
            List<Object> one = new ArrayList<>();
            one.add(AutomationNull.unwrap(eval(u.operand())));
            return one;
        }
        Object v = eval(u.operand());
        try {
            return Operators.unary(this, u.op(), v, u.extent());
        } catch (Conversions.ConversionException e) {
            throw Errors.cast(u.extent(), e);
        }
    }

    private Object incDec(IncDec d) {
        Object old = AutomationNull.unwrap(eval(d.target()));
        Object n = Operators.numeric(d.increment() ? '+' : '-', Operators.toNumber(old, PsType.INT32, d.extent()), 1,
                d.extent());
        assignTo(d.target(), n, d.extent());
        return d.prefix() ? n : (old == null ? 0 : old);
    }

    private Object convert(Convert c) {
        String tn = c.type().name().toLowerCase(Locale.ROOT);
        if (c.type().rank() == 0 && c.type().generics().isEmpty()) {
            if (tn.equals("ordered")) {
                if (c.operand() instanceof Hashtable h) {
                    return hashtable(h, true);
                }
                throw Errors.runtime(c.extent(), "The ordered attribute can be specified only on a hash literal node.",
                        "OrderedAttributeOnlyOnHashLiteralNode", ErrorCategory.InvalidOperation, null);
            }
            if (tn.equals("pscustomobject") && c.operand() instanceof Hashtable h) {
                PsHashtable table = hashtable(h, true);
                PsObject o = PsObject.custom();
                for (Map.Entry<Object, Object> en : table.entrySet()) {
                    o.put(Conversions.toStr(en.getKey()), en.getValue());
                }
                return o;
            }
        }
        PsType type = resolveType(c.type());
        Object v = eval(c.operand());
        if (type.equals(Types.VOID)) {
            return AutomationNull.VALUE;
        }
        return convertOrThrow(v, type, c.extent());
    }

    PsType resolveType(TypeName tn) {
        List<String> generics = new ArrayList<>();
        for (TypeName g : tn.generics()) {
            generics.add(resolveType(g).fullName());
        }
        return Types.resolve(tn.name(), generics, tn.rank(), commands)
                .orElseThrow(() -> Types.isNotModelled(tn.name())
                        ? Errors.notSupported(tn.extent(), "the .NET type [" + tn + "]")
                        : Errors.typeNotFound(tn.extent(), tn.toString()));
    }

    String memberName(Expr member) {
        if (member instanceof StringConstant sc) {
            return sc.value();
        }
        return Conversions.toStr(AutomationNull.unwrap(eval(member)), ofs());
    }

    private Object member(Member m) {
        if (m.isStatic()) {
            Object t = eval(m.target());
            if (!(t instanceof PsType type)) {
                throw Errors.runtime(m.extent(), "Unable to find type.", "TypeNotFound", ErrorCategory.InvalidOperation, null);
            }
            return StaticMembers.get(this, type, memberName(m.member()), m.extent());
        }
        Object t = eval(m.target());
        return Members.get(this, t, memberName(m.member()), m.extent(), true);
    }

    private Object invokeMember(InvokeMember m) {
        Object t = eval(m.target());
        String name = memberName(m.member());
        List<Object> args = new ArrayList<>(m.arguments().size());
        for (Expr a : m.arguments()) {
            args.add(AutomationNull.unwrap(eval(a)));
        }
        if (m.isStatic()) {
            if (!(t instanceof PsType type)) {
                throw Errors.runtime(m.extent(), "Unable to find type.", "TypeNotFound", ErrorCategory.InvalidOperation, null);
            }
            return StaticMembers.invoke(this, type, name, args, m.extent());
        }
        return Members.invoke(this, t, name, args, m.extent());
    }

    private Object index(Index i) {
        Object t = AutomationNull.unwrap(eval(i.target()));
        Object idx = AutomationNull.unwrap(eval(i.index()));
        if (t == null) {
            throw Errors.nullArray(i.extent());
        }
        if (t instanceof PsHashtable h) {
            if (idx instanceof List<?> keys) {
                List<Object> out = new ArrayList<>();
                for (Object k : keys) {
                    out.add(h.get(AutomationNull.unwrap(k)));
                }
                return out;
            }
            return h.get(idx);
        }
        if (t instanceof Members.GroupCollection gc) {
            return gc.at(idx);
        }
        if (idx instanceof List<?> many) {
            List<Object> out = new ArrayList<>();
            for (Object k : many) {
                Object v = indexOne(t, AutomationNull.unwrap(k), i.extent());
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        return indexOne(t, idx, i.extent());
    }

    private Object indexOne(Object t, Object idx, Extent where) {
        if (t instanceof PsObject o) {
            if (idx instanceof String s && !o.typeNames().get(0).equals(Types.PSCUSTOMOBJECT.fullName())) {
                return o.get(s).orElse(null);
            }
            throw Errors.runtime(where, "Unable to index into an object of type " + Types.typeOf(t).fullName() + ".",
                    "CannotIndex", ErrorCategory.InvalidOperation, null);
        }
        int n;
        try {
            n = (Integer) Conversions.convertTo(idx, PsType.INT32, commands);
        } catch (Conversions.ConversionException e) {
            throw Errors.cast(where, e);
        }
        if (t instanceof List<?> l) {
            if (n < 0) {
                n += l.size();
            }
            if ((n < 0 || n >= l.size()) && strictMode() >= 3) {
                throw Errors.runtime(where, "System.IndexOutOfRangeException", "Index was outside the bounds of the array.",
                        "System.IndexOutOfRangeException", ErrorCategory.OperationStopped, null);
            }
            return n >= 0 && n < l.size() ? l.get(n) : null;
        }
        if (t instanceof String s) {
            if (n < 0) {
                n += s.length();
            }
            return n >= 0 && n < s.length() ? (Object) s.charAt(n) : null;
        }
        return n == 0 || n == -1 ? t : null;
    }

    /** A hashtable literal; {@code ordered} for [ordered]/[pscustomobject], which keep the written order. */
    private PsHashtable hashtable(Hashtable h, boolean ordered) {
        PsHashtable table = new PsHashtable(ordered);
        for (HashEntry en : h.entries()) {
            Object key = en.key() instanceof StringConstant sc ? sc.value() : AutomationNull.unwrap(eval(en.key()));
            if (key == null) {
                throw Errors.runtime(en.key().extent(), "A null key is not allowed in a hash literal.", "InvalidNullKey",
                        ErrorCategory.InvalidOperation, null);
            }
            Object value = AutomationNull.unwrap(statementValue(en.value()));
            table.put(key, value);
        }
        return table;
    }

    // ------------------------------------------------------------------------------------------------ script blocks

    /**
     * Runs a script block: in a new scope or the current one (ForEach-Object and Where-Object run theirs in the
     * caller's scope, so assignments stick), with {@code $_} set, positional arguments bound to its param().
     */
    void invokeScriptBlock(ScriptBlock sb, Object dollarUnder, List<Object> args, boolean newScope, Pipe out) {
        Scope saved = scope;
        Scope.Variable under = null;
        Object savedUnder = null;
        boolean hadUnder = false;
        if (newScope) {
            scope = new Scope(scope);
        }
        try {
            if (dollarUnder != EngineContext.NO_INPUT) {
                under = scope.local("_");
                hadUnder = under != null;
                savedUnder = hadUnder ? under.value : null;
                scope.define("_", AutomationNull.unwrap(dollarUnder));
                scope.define("PSItem", AutomationNull.unwrap(dollarUnder));
            }
            ScriptBlockBody body = sb.body();
            if (body.param() != null || !args.isEmpty()) {
                if (body.param() != null) {
                    bindSimpleParameters(body.param(), args);
                } else {
                    scope.define("args", new ArrayList<>(args));
                }
            }
            runBlocks(body, out);
        } finally {
            if (!newScope && dollarUnder != EngineContext.NO_INPUT) {
                if (hadUnder) {
                    scope.define("_", savedUnder);
                    scope.define("PSItem", savedUnder);
                } else {
                    scope.remove("_");
                    scope.remove("PSItem");
                }
            }
            scope = saved;
        }
    }

    List<Object> invokeCollect(ScriptBlock sb, Object dollarUnder, List<Object> args) {
        Pipe.Collector c = new Pipe.Collector();
        invokeScriptBlock(sb, dollarUnder == null ? null : dollarUnder, args, true, c);
        return c.items;
    }

    /** The script block's output as one value: nothing is $null, one object itself, more a list. */
    Object invokeForValue(ScriptBlock sb, Object dollarUnder, List<Object> args) {
        Pipe.Collector c = new Pipe.Collector();
        invokeScriptBlock(sb, dollarUnder == null ? EngineContext.NO_INPUT : dollarUnder, args, true, c);
        return AutomationNull.unwrap(c.value());
    }

    /** For switch conditions: $_ set, current scope. */
    private Object invokeInScope(ScriptBlock sb, Object dollarUnder, List<Object> args) {
        Pipe.Collector c = new Pipe.Collector();
        invokeScriptBlock(sb, dollarUnder, args, false, c);
        return AutomationNull.unwrap(c.value());
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** A command as resolved: function, cmdlet or native application. */
    sealed interface Resolved permits ResolvedFunction, ResolvedCmdlet, ResolvedNative {}

    record ResolvedFunction(FunctionInfo function) implements Resolved {}

    record ResolvedCmdlet(CmdletInfo cmdlet) implements Resolved {}

    record ResolvedNative(String name, io.hvmigrate.sim.ps.NativeCommand command) implements Resolved {}

    /** Command lookup in PowerShell's order: alias, function, cmdlet, application. */
    Resolved resolveCommand(String name) {
        String n = name;
        for (int guard = 0; guard < 8; guard++) {
            FunctionInfo f = scope.findFunction(n);
            if (f != null) {
                return new ResolvedFunction(f);
            }
            String alias = commands.alias(n).orElse(builtinAliases.get(n.toLowerCase(Locale.ROOT)));
            if (alias != null) {
                n = alias;
                continue;
            }
            break;
        }
        int slash = n.indexOf('\\');
        if (slash > 0 && n.indexOf(':') < 0) {
            // Module\Command
            String bare = n.substring(slash + 1);
            if (commands.cmdlet(bare).isPresent() || builtins.containsKey(bare.toLowerCase(Locale.ROOT))) {
                n = bare;
            }
        }
        var host = commands.cmdlet(n);
        if (host.isPresent()) {
            return new ResolvedCmdlet(host.get());
        }
        CmdletInfo b = builtins.get(n.toLowerCase(Locale.ROOT));
        if (b != null) {
            return new ResolvedCmdlet(b);
        }
        var nat = commands.nativeCommand(n);
        if (nat.isPresent()) {
            return new ResolvedNative(n, nat.get());
        }
        return null;
    }

    TerminatingError commandNotFound(String name, Extent where) {
        PsError e = new PsError(new ErrorRecord("System.Management.Automation.CommandNotFoundException",
                "The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, or operable "
                        + "program. Check the spelling of the name, or if a path was included, verify that the path is "
                        + "correct and try again.", Errors.COR_E_RUNTIME, ErrorCategory.ObjectNotFound,
                "CommandNotFoundException", name),
                new PsError.Invocation(PsError.Invocation.Kind.STATEMENT, null, name, where, null), "");
        return new TerminatingError(e, false);
    }

    /** The invocation info for errors raised by a command called from the script's top level or a function. */
    PsError.Invocation scriptInvocation() {
        return new PsError.Invocation(PsError.Invocation.Kind.SCRIPT, null, "", null, scriptText);
    }

    private boolean modulesPrepared;

    /**
     * The first command outside the core snap-in loads its module; powershell.exe then reports the progress record
     * "Preparing modules for first use." (which -EncodedCommand callers see on stderr) unless progress is silenced.
     */
    void moduleUsed() {
        if (modulesPrepared) {
            return;
        }
        modulesPrepared = true;
        progress(new ScriptOutput.Progress(1, "Preparing modules for first use.", 0, null, -1, -1, true, -1, " "));
    }

    void progress(ScriptOutput.Progress record) {
        if (!preference("ProgressPreference", "Continue").name().equals("SilentlyContinue")) {
            output.progress(record);
        }
    }

    /** The command that is running now (for Write-Error), set by the processors. */
    PsError.Invocation currentCaller = null;
}
