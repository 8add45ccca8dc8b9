package io.hvmigrate.sim.wsman;

import java.time.Duration;

/** A command started by {@link ShellHost#start}. Thread-safe. */
public interface RunningCommand {

    /**
     * Waits until output is available or the command has finished, but no longer than {@code max}; returns what was
     * produced since the previous call (possibly nothing, with {@code done == false}, when {@code max} passed).
     */
    Output await(Duration max) throws InterruptedException;

    /** A {@code Signal} request: {@code .../signal/terminate} or {@code .../signal/ctrl_c}. */
    void signal(String code);

    /**
     * Output since the previous {@link #await}.
     *
     * @param stdout   bytes as the process wrote them (the host decides the encoding, as a Windows console does)
     * @param stderr   bytes written to standard error
     * @param done     the command has exited
     * @param exitCode the exit code when {@code done}
     */
    record Output(byte[] stdout, byte[] stderr, boolean done, int exitCode) {
        public static Output nothingYet() {
            return new Output(new byte[0], new byte[0], false, 0);
        }
    }
}
