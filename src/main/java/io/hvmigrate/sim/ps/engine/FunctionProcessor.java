package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.lang.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a script function or a script block invoked as a command ({@code & { ... }}): its parameters are bound by the
 * same binder as a cmdlet's (strictly for advanced functions, with $args for simple ones), and its begin/process/end
 * blocks run in a new scope whose parent is the caller's.
 */
final class FunctionProcessor extends Processor {
    private final FunctionInfo function;
    private final boolean dotSource;
    private final Binder binder;
    private final boolean advanced;
    private final Map<String, Ast.Parameter> declared = new LinkedHashMap<>();
    private final Map<String, PsType> types = new HashMap<>();
    private Scope functionScope;
    private final List<Object> input = new ArrayList<>();
    private final String invocationName;

    FunctionProcessor(Interpreter in, Ast.Command ast, FunctionInfo function, String invocationName,
                      List<Binder.Arg> args, boolean expectsInput, boolean dotSource) {
        super(in, ast);
        this.function = function;
        this.invocationName = invocationName;
        this.dotSource = dotSource;
        this.expectsInput = expectsInput;
        Ast.ParamBlock pb = function.body().param();
        boolean adv = false;
        List<ParameterInfo> params = new ArrayList<>();
        if (pb != null) {
            for (Ast.Attribute a : pb.attributes()) {
                adv |= a.name().name().equalsIgnoreCase("CmdletBinding");
            }
            boolean explicitPositions = false;
            for (Ast.Parameter p : pb.parameters()) {
                for (Ast.Attribute a : p.attributes()) {
                    if (a.name().name().equalsIgnoreCase("Parameter")) {
                        adv = true;
                        explicitPositions |= a.named().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Position"));
                    }
                }
            }
            int position = 0;
            for (Ast.Parameter p : pb.parameters()) {
                PsType type = p.type() == null ? PsType.OBJECT : in.resolveType(p.type());
                String name = p.name().name();
                declared.put(name.toLowerCase(Locale.ROOT), p);
                types.put(name.toLowerCase(Locale.ROOT), type);
                Map<String, ParameterInfo.Binding> sets = new LinkedHashMap<>();
                List<String> aliases = new ArrayList<>();
                for (Ast.Attribute a : p.attributes()) {
                    String an = a.name().name().toLowerCase(Locale.ROOT);
                    if (an.equals("alias")) {
                        for (Ast.Expr e : a.positional()) {
                            for (Object o : Operators.asList(in.eval(e))) {
                                aliases.add(Conversions.toStr(o));
                            }
                        }
                    } else if (an.equals("parameter")) {
                        boolean mandatory = isTrue(in, a, "Mandatory");
                        int pos = a.named().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Position"))
                                .map(e -> (Integer) Conversions.convertTo(in.eval(e.getValue()), PsType.INT32, null))
                                .findFirst().orElse(-1);
                        String set = a.named().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase("ParameterSetName"))
                                .map(e -> Conversions.toStr(in.eval(e.getValue()))).findFirst()
                                .orElse(ParameterInfo.ALL_SETS);
                        sets.put(set, new ParameterInfo.Binding(mandatory, pos, isTrue(in, a, "ValueFromPipeline"),
                                isTrue(in, a, "ValueFromPipelineByPropertyName")));
                    }
                }
                boolean isSwitch = type.equals(PsType.SWITCH);
                if (sets.isEmpty()) {
                    int pos = explicitPositions || isSwitch ? -1 : position++;
                    sets.put(ParameterInfo.ALL_SETS, new ParameterInfo.Binding(false, pos, false, false));
                } else if (!explicitPositions && !isSwitch) {
                    Map<String, ParameterInfo.Binding> withPos = new LinkedHashMap<>();
                    int pos = position++;
                    for (var e : sets.entrySet()) {
                        ParameterInfo.Binding b = e.getValue();
                        withPos.put(e.getKey(), new ParameterInfo.Binding(b.mandatory(), b.position() >= 0 ? b.position()
                                : pos, b.valueFromPipeline(), b.valueFromPipelineByPropertyName()));
                    }
                    sets = withPos;
                }
                params.add(new ParameterInfo(name, type, Set.copyOf(aliases), sets));
            }
        }
        this.advanced = adv;
        this.binder = new Binder(in, function.name(), function.name(), params, null, ast.extent(), adv, !adv);
        binder.bindArguments(args);
        if (!expectsInput || !binder.takesPipelineInput()) {
            binder.resolve(false);
        } else {
            binder.resolve(true);
        }
        if (adv) {
            captureVariables(binder.bound.get("ErrorVariable"), binder.bound.get("WarningVariable"));
        }
    }

    private static boolean isTrue(Interpreter in, Ast.Attribute a, String name) {
        for (var e : a.named().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue() == null || Conversions.isTrue(in.eval(e.getValue()));
            }
        }
        return false;
    }

    private PsError.Invocation invocation() {
        return new PsError.Invocation(PsError.Invocation.Kind.FUNCTION, function.name(), invocationName, ast.extent(),
                null);
    }

    private void inScope(Runnable r) {
        Scope saved = in.scope;
        PsError.Invocation savedCaller = in.currentCaller;
        in.scope = functionScope;
        in.currentCaller = invocation();
        try {
            r.run();
        } catch (Flow.Return ret) {
            // return ends the block
        } finally {
            in.scope = saved;
            in.currentCaller = savedCaller;
        }
    }

    private void defineParameters() {
        PsHashtable boundParameters = new PsHashtable(false);
        for (Map.Entry<String, Object> e : binder.bound.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (declared.containsKey(key)) {
                Scope.Variable v = functionScope.define(e.getKey(), e.getValue());
                PsType t = types.get(key);
                if (t != null && !t.equals(PsType.OBJECT)) {
                    v.constraint = t.equals(PsType.SWITCH) ? PsType.BOOLEAN : t;
                }
            }
            boundParameters.put(e.getKey(), e.getValue());
        }
        for (Ast.Parameter p : declared.values()) {
            String name = p.name().name();
            if (binder.bound.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name))) {
                continue;
            }
            PsType t = types.get(name.toLowerCase(Locale.ROOT));
            Object value;
            Scope saved = in.scope;
            in.scope = functionScope;
            try {
                value = p.defaultValue() != null ? in.eval(p.defaultValue())
                        : t.equals(PsType.SWITCH) ? Boolean.FALSE : defaultFor(t);
                if (p.defaultValue() != null && !t.equals(PsType.OBJECT)) {
                    value = in.convertOrThrow(value, t.equals(PsType.SWITCH) ? PsType.BOOLEAN : t, p.extent());
                }
            } finally {
                in.scope = saved;
            }
            Scope.Variable v = functionScope.define(name, value);
            if (!t.equals(PsType.OBJECT)) {
                v.constraint = t.equals(PsType.SWITCH) ? PsType.BOOLEAN : t;
            }
        }
        functionScope.define("args", new ArrayList<>(binder.unbound));
        functionScope.define("PSBoundParameters", boundParameters);
        if (advanced) {
            functionScope.define("PSCmdlet", scriptCmdlet());
            Object ea = binder.bound.get("ErrorAction");
            if (ea instanceof PsEnum.Value v) {
                functionScope.define("ErrorActionPreference", v);
            }
            Object wa = binder.bound.get("WarningAction");
            if (wa instanceof PsEnum.Value v) {
                functionScope.define("WarningPreference", v);
            }
            if (Boolean.TRUE.equals(binder.bound.get("Verbose"))) {
                functionScope.define("VerbosePreference", Types.ACTION_PREFERENCE.of("Continue"));
            }
        }
    }

    /** {@code $PSCmdlet} of an advanced function: the methods scripts call on it. */
    private io.hvmigrate.sim.ps.PsObject scriptCmdlet() {
        io.hvmigrate.sim.ps.PsObject c = io.hvmigrate.sim.ps.PsObject.of("System.Management.Automation.PSScriptCmdlet");
        c.put("ParameterSetName", binder.parameterSetName());
        io.hvmigrate.sim.ps.PsObject myCommand = io.hvmigrate.sim.ps.PsObject.of("System.Management.Automation.FunctionInfo")
                .put("Name", function.name()).toStringValue(function.name());
        c.put("MyInvocation", io.hvmigrate.sim.ps.PsObject.of("System.Management.Automation.InvocationInfo")
                .put("MyCommand", myCommand).put("InvocationName", invocationName)
                .put("BoundParameters", functionScope.local("PSBoundParameters") == null ? null
                        : functionScope.local("PSBoundParameters").value));
        c.putMethod("ThrowTerminatingError", args -> {
            throw new TerminatingError(withInvocation(args.get(0)), false);
        });
        c.putMethod("WriteError", args -> {
            in.writeError(withInvocation(args.get(0)), in.preference("ErrorActionPreference", "Continue"));
            return null;
        });
        c.putMethod("WriteObject", args -> {
            Object v = args.get(0);
            if (args.size() > 1 && Conversions.isTrue(args.get(1)) && v instanceof java.util.List<?> l) {
                l.forEach(out::write);
            } else {
                out.write(v);
            }
            return null;
        });
        c.putMethod("WriteVerbose", args -> {
            if (in.preference("VerbosePreference", "SilentlyContinue").name().equals("Continue")
                    && in.streams.verbose() != null) {
                in.streams.verbose().accept(Conversions.toStr(args.get(0)));
            }
            return null;
        });
        c.putMethod("WriteWarning", args -> {
            in.writeWarning(Conversions.toStr(args.get(0)), in.preference("WarningPreference", "Continue"));
            return null;
        });
        c.putMethod("WriteDebug", args -> null);
        c.putMethod("ShouldProcess", args -> !Boolean.TRUE.equals(binder.bound.get("WhatIf")));
        c.putMethod("ShouldContinue", args -> true);
        return c;
    }

    private PsError withInvocation(Object record) {
        if (record instanceof PsError e) {
            if (e.invocation() != null) {
                return e;
            }
            // a script cmdlet's error id gets ",<function name>" as a compiled cmdlet's gets its type name
            io.hvmigrate.sim.ps.ErrorRecord r = e.record();
            io.hvmigrate.sim.ps.ErrorRecord withId = new io.hvmigrate.sim.ps.ErrorRecord(r.exceptionType(), r.message(),
                    r.hresult(), r.category(), r.fullyQualifiedErrorId() + "," + function.name(), r.targetObject());
            return new PsError(withId, invocation(), e.activity().isEmpty() ? function.name() : e.activity());
        }
        throw Errors.runtime(ast.extent(), "Cannot convert the \"" + Conversions.toStr(record) + "\" value of type \""
                + Types.typeOf(record).fullName() + "\" to type \"System.Management.Automation.ErrorRecord\".",
                "MethodArgumentConversionInvalidCastArgument", io.hvmigrate.sim.ps.ErrorCategory.NotSpecified, null);
    }

    private static Object defaultFor(PsType t) {
        return switch (t.fullName()) {
            case "System.Int32" -> 0;
            case "System.Int64" -> 0L;
            case "System.Double" -> 0.0;
            case "System.Boolean" -> false;
            case "System.String" -> "";
            default -> null;
        };
    }

    @Override
    void doBegin() {
        functionScope = dotSource ? in.scope : new Scope(in.scope);
        defineParameters();
        Ast.ScriptBlockBody body = function.body();
        if (body.namedBlocks() && body.begin() != null) {
            inScope(() -> in.execBlock(body.begin(), out));
        }
    }

    @Override
    void doProcess(Object item) {
        Ast.ScriptBlockBody body = function.body();
        Object current = expectsInput ? AutomationNull.unwrap(item) : null;
        if (expectsInput) {
            input.add(current);
            if (advanced && binder.takesPipelineInput()) {
                if (!binder.bindPipelineObject(item, ast.extent())) {
                    in.writeError(binder.inputNotBound(item, ast.extent()),
                            in.preference("ErrorActionPreference", "Continue"));
                    return;
                }
                binder.resolve(false);
                for (Map.Entry<String, Object> e : binder.bound.entrySet()) {
                    if (declared.containsKey(e.getKey().toLowerCase(Locale.ROOT))) {
                        functionScope.define(e.getKey(), e.getValue());
                    }
                }
            }
        }
        boolean runsPerItem = (body.namedBlocks() && body.process() != null) || function.filter();
        if (!runsPerItem) {
            return;
        }
        Ast.Block block = function.filter() && !body.namedBlocks() ? body.end() : body.process();
        inScope(() -> {
            if (expectsInput) {
                functionScope.define("_", current);
                functionScope.define("PSItem", current);
            }
            in.execBlock(block, out);
        });
    }

    @Override
    void doEnd() {
        Ast.ScriptBlockBody body = function.body();
        if (function.filter() && !body.namedBlocks()) {
            return;
        }
        Ast.Block block = body.end();
        if (block == null) {
            return;
        }
        inScope(() -> {
            functionScope.define("input", new ArrayList<>(input));
            in.execBlock(block, out);
        });
    }

}
