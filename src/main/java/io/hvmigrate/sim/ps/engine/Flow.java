package io.hvmigrate.sim.ps.engine;

/** Control flow that unwinds the interpreter: break, continue, return, exit, and a stopped pipeline. */
final class Flow {
    private Flow() {}

    abstract static class Signal extends RuntimeException {
        Signal() {
            super(null, null, false, false);
        }
    }

    static final class Break extends Signal {
        final String label;

        Break(String label) {
            this.label = label;
        }
    }

    static final class Continue extends Signal {
        final String label;

        Continue(String label) {
            this.label = label;
        }
    }

    static final class Return extends Signal {
        static final Return INSTANCE = new Return();
    }

    static final class Exit extends Signal {
        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    /** The run was stopped (Signal terminate / Ctrl-C). */
    static final class Stopped extends Signal {
        static final Stopped INSTANCE = new Stopped();
    }
}
