package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.lang.Ast;
import io.hvmigrate.sim.ps.lang.Extent;
import java.util.ArrayList;
import java.util.List;

/**
 * One command of a running pipeline: begin once, process per input object, end once, with its redirections applied
 * to the streams while it runs. Output goes to the next command (or the pipeline's output).
 */
abstract class Processor {
    final Interpreter in;
    final Ast.Command ast;
    Pipe out;
    boolean expectsInput;
    boolean hadErrors;
    private Streams streams;
    private boolean outputNull;
    List<PsError> errorVariable;
    List<Object> warningVariable;
    /** Set when stderr of a native command is merged into the output (2>&1). */
    boolean errorsMerged;
    boolean errorsDropped;

    Processor(Interpreter in, Ast.Command ast) {
        this.in = in;
        this.ast = ast;
        for (Ast.Redirection r : ast.redirections()) {
            if (r.mergeTo() == 0 && !isNullTarget(r.target())) {
                throw Errors.notSupported(r.extent(), "redirecting output to a file");
            }
            if ((r.from() == 1 || r.from() == 0) && r.mergeTo() == 0) {
                outputNull = true;
            }
            if (r.from() == 2 || r.from() == 0) {
                if (r.mergeTo() == 1) {
                    errorsMerged = true;
                } else if (r.mergeTo() == 0) {
                    errorsDropped = true;
                }
            }
        }
    }

    static boolean isNullTarget(Ast.Expr target) {
        return target instanceof Ast.Variable v && v.path().name().equalsIgnoreCase("null")
                && (v.path().scope() == null || v.path().scope().equals("global"));
    }

    Extent extent() {
        return ast.extent();
    }

    void connect(Pipe downstream) {
        this.out = outputNull ? Pipe.NULL : downstream;
    }

    /** Streams for this command, layered over the ones in force where the pipeline runs. */
    private Streams streams() {
        if (streams == null) {
            Streams outer = in.streams;
            Streams s = outer.withRecord(e -> {
                hadErrors = true;
                if (errorVariable != null) {
                    errorVariable.add(e);
                }
                outer.record().accept(e);
            });
            for (Ast.Redirection r : ast.redirections()) {
                int from = r.from();
                boolean toNull = r.mergeTo() == 0;
                boolean toOutput = r.mergeTo() == 1;
                if (from == 2 || from == 0) {
                    if (toNull) {
                        s = s.withDisplay(null);
                    } else if (toOutput) {
                        s = s.withDisplay(e -> out.write(e));
                    }
                }
                if (from == 3 || from == 0) {
                    if (toNull) {
                        s = s.withWarning(null);
                    } else if (toOutput) {
                        s = s.withWarning(m -> out.write(m));
                    }
                }
                if (from == 4 || from == 0) {
                    if (toNull) {
                        s = s.withVerbose(null);
                    } else if (toOutput) {
                        s = s.withVerbose(m -> out.write(m));
                    }
                }
            }
            if (warningVariable != null) {
                Streams base = s;
                s = s.withWarning(m -> {
                    warningVariable.add(m);
                    if (base.warning() != null) {
                        base.warning().accept(m);
                    }
                });
            }
            streams = s;
        }
        return streams;
    }

    private void within(Runnable r) {
        Streams saved = in.streams;
        in.streams = streams();
        try {
            r.run();
        } finally {
            in.streams = saved;
        }
    }

    final void begin() {
        within(this::doBegin);
    }

    final void process(Object input) {
        in.checkStop();
        within(() -> doProcess(input));
    }

    final void end() {
        within(this::doEnd);
    }

    abstract void doBegin();

    abstract void doProcess(Object input);

    abstract void doEnd();

    /** Sets up -ErrorVariable / -WarningVariable (a leading '+' appends to the variable's current content). */
    void captureVariables(Object errorVar, Object warningVar) {
        if (errorVar != null) {
            errorVariable = variableList(Conversions.toStr(errorVar));
        }
        if (warningVar != null) {
            warningVariable = new ArrayList<>();
            String name = Conversions.toStr(warningVar);
            boolean append = name.startsWith("+");
            String n = append ? name.substring(1) : name;
            PsList list = new PsList(Types.ARRAYLIST);
            if (append) {
                Object existing = in.getVariable(new io.hvmigrate.sim.ps.lang.VariablePath(null, n), ast.extent());
                if (existing instanceof List<?> l) {
                    list.addAll(l);
                }
            }
            in.setVariable(new io.hvmigrate.sim.ps.lang.VariablePath(null, n), list, ast.extent());
            warningVariable = list;
        }
    }

    @SuppressWarnings("unchecked")
    private List<PsError> variableList(String spec) {
        boolean append = spec.startsWith("+");
        String name = append ? spec.substring(1) : spec;
        PsList list = new PsList(Types.ARRAYLIST);
        if (append) {
            Object existing = in.getVariable(new io.hvmigrate.sim.ps.lang.VariablePath(null, name), ast.extent());
            if (existing instanceof List<?> l) {
                list.addAll(l);
            }
        }
        in.setVariable(new io.hvmigrate.sim.ps.lang.VariablePath(null, name), list, ast.extent());
        return (List<PsError>) (List<?>) list;
    }
}
