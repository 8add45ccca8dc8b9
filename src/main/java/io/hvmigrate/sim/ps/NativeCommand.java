package io.hvmigrate.sim.ps;

import java.util.List;

/**
 * A native application of the simulated host (e.g. {@code klist}), run the way PowerShell runs an .exe: it gets its
 * arguments as strings (as typed: {@code klist purge -li 0x3e7} gives {@code ["purge", "-li", "0x3e7"]}), and
 * returns an exit code and its output lines. Standard output lines enter the pipeline as strings;
 * {@code $LASTEXITCODE} is set and {@code $?} is false for a non-zero exit code.
 */
@FunctionalInterface
public interface NativeCommand {

    Result run(Invocation invocation) throws PsException;

    /** What the application printed and how it exited. */
    record Result(int exitCode, List<String> stdout, List<String> stderr) {
        public Result {
            stdout = List.copyOf(stdout);
            stderr = List.copyOf(stderr);
        }

        public static Result ok(List<String> stdout) {
            return new Result(0, stdout, List.of());
        }
    }

    /** The call: arguments and the host it runs on. */
    interface Invocation {
        String name();

        List<String> arguments();

        <T> T host(Class<T> type);

        void checkStopping() throws PsException;
    }
}
