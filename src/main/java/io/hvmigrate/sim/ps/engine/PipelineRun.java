package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.lang.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One execution of a pipeline: the commands are resolved and bound first (so a binding error runs nothing), then
 * begin runs for each command in order, objects stream through process one at a time, and end runs in order.
 */
final class PipelineRun {
    private final Interpreter in;
    private final Ast.Pipeline pipeline;

    PipelineRun(Interpreter in, Ast.Pipeline pipeline) {
        this.in = in;
        this.pipeline = pipeline;
    }

    void run(Pipe out) {
        List<Ast.PipelineElement> elements = pipeline.elements();
        Object first = null;
        boolean expressionFirst = elements.get(0) instanceof Ast.CommandExpression;
        List<Processor> processors = new ArrayList<>();
        try {
            if (expressionFirst) {
                Ast.CommandExpression ce = (Ast.CommandExpression) elements.get(0);
                first = in.eval(ce.expr());
                for (Ast.Redirection r : ce.redirections()) {
                    if (r.mergeTo() == 0 && !Processor.isNullTarget(r.target())) {
                        throw Errors.notSupported(r.extent(), "redirecting output to a file");
                    }
                }
                if (elements.size() == 1) {
                    boolean toNull = ce.redirections().stream().anyMatch(r -> (r.from() == 1 || r.from() == 0)
                            && r.mergeTo() == 0);
                    if (!toNull) {
                        Interpreter.enumerateTo(first, out);
                    }
                    in.setLastStatus(true);
                    return;
                }
            }
            for (int i = expressionFirst ? 1 : 0; i < elements.size(); i++) {
                processors.add(create((Ast.Command) elements.get(i), i > 0));
            }
        } catch (TerminatingError e) {
            in.setLastStatus(false);
            throw e;
        }
        for (int i = 0; i < processors.size(); i++) {
            Processor p = processors.get(i);
            if (i + 1 < processors.size()) {
                Processor next = processors.get(i + 1);
                p.connect(next::process);
            } else {
                p.connect(out);
            }
        }
        try {
            for (Processor p : processors) {
                p.begin();
            }
            Processor head = processors.get(0);
            if (expressionFirst) {
                if (first != AutomationNull.VALUE) {
                    if (first instanceof List<?> l) {
                        for (Object item : new ArrayList<>(l)) {
                            head.process(item);
                        }
                    } else {
                        head.process(first);
                    }
                }
            } else {
                head.process(null);
            }
            for (Processor p : processors) {
                p.end();
            }
        } catch (TerminatingError e) {
            in.setLastStatus(false);
            throw e;
        }
        boolean ok = true;
        for (Processor p : processors) {
            ok &= !p.hadErrors;
        }
        in.setLastStatus(ok);
    }

    private Processor create(Ast.Command c, boolean expectsInput) {
        List<Ast.Node> elements = c.elements();
        Ast.Node nameNode = elements.get(0);
        List<Ast.Node> rest = elements.subList(1, elements.size());
        if (c.invocation() != Ast.Invocation.NAME) {
            Object target = AutomationNull.unwrap(in.eval((Ast.Expr) nameNode));
            if (target instanceof ScriptBlock sb) {
                FunctionInfo f = new FunctionInfo("<ScriptBlock>", sb.body(), false);
                return new FunctionProcessor(in, c, f, "&", arguments(rest), expectsInput,
                        c.invocation() == Ast.Invocation.DOT_SOURCE);
            }
            String name = Conversions.toStr(target, in.ofs());
            return byName(c, name, rest, expectsInput);
        }
        String name = nameNode instanceof Ast.StringConstant sc ? sc.value()
                : Conversions.toStr(in.eval((Ast.Expr) nameNode), in.ofs());
        return byName(c, name, rest, expectsInput);
    }

    private Processor byName(Ast.Command c, String name, List<Ast.Node> rest, boolean expectsInput) {
        Interpreter.Resolved r = in.resolveCommand(name);
        if (r == null) {
            throw in.commandNotFound(name, c.elements().get(0).extent());
        }
        return switch (r) {
            case Interpreter.ResolvedCmdlet rc -> new CmdletProcessor(in, c, rc.cmdlet(), name, arguments(rest),
                    expectsInput);
            case Interpreter.ResolvedFunction rf -> new FunctionProcessor(in, c, rf.function(), name, arguments(rest),
                    expectsInput, false);
            case Interpreter.ResolvedNative rn -> new NativeProcessor(in, c, rn.name(), rn.command(),
                    nativeArguments(rest), expectsInput);
        };
    }

    /** Evaluates the arguments, expanding splatted variables ({@code @params}). */
    private List<Binder.Arg> arguments(List<Ast.Node> nodes) {
        List<Binder.Arg> args = new ArrayList<>();
        for (Ast.Node n : nodes) {
            switch (n) {
                case Ast.ParameterArg p -> args.add(new Binder.Named(p.name(),
                        p.argument() == null ? null : in.eval(p.argument()), p.colon(), p.extent(),
                        p.argument() == null ? null : p.argument().extent()));
                case Ast.Variable v when v.splatted() -> {
                    Object value = AutomationNull.unwrap(in.getVariable(v.path(), v.extent()));
                    if (value instanceof PsHashtable h) {
                        for (Map.Entry<Object, Object> e : h.entrySet()) {
                            args.add(new Binder.Named(Conversions.toStr(e.getKey()), e.getValue(), true, v.extent(),
                                    v.extent()));
                        }
                    } else if (value instanceof List<?> l) {
                        for (Object o : l) {
                            args.add(new Binder.Positional(o, v.extent()));
                        }
                    } else if (value != null) {
                        args.add(new Binder.Positional(value, v.extent()));
                    }
                }
                case Ast.Expr e -> args.add(new Binder.Positional(in.eval(e), e.extent()));
                default -> throw new IllegalStateException(String.valueOf(n));
            }
        }
        return args;
    }

    /** Arguments of a native application, as strings the way PowerShell passes them (literals as typed). */
    private List<String> nativeArguments(List<Ast.Node> nodes) {
        List<String> args = new ArrayList<>();
        for (Ast.Node n : nodes) {
            switch (n) {
                case Ast.ParameterArg p -> {
                    if (p.argument() == null) {
                        args.add(p.extent().text());
                    } else {
                        args.add(p.extent().text().substring(0, p.extent().text().indexOf(':') + 1)
                                + Conversions.toStr(AutomationNull.unwrap(in.eval(p.argument())), in.ofs()));
                    }
                }
                case Ast.Constant k -> args.add(k.extent().text());
                case Ast.StringConstant s -> args.add(s.value());
                case Ast.Expr e -> {
                    Object v = AutomationNull.unwrap(in.eval(e));
                    if (v instanceof List<?> l) {
                        for (Object o : l) {
                            args.add(Conversions.toStr(o, in.ofs()));
                        }
                    } else if (v != null) {
                        args.add(Conversions.toStr(v, in.ofs()));
                    }
                }
                default -> throw new IllegalStateException(String.valueOf(n));
            }
        }
        return args;
    }
}
