package io.hvmigrate.sim.ps.exe;

import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.wsman.RunningCommand;
import io.hvmigrate.sim.wsman.ShellHost;
import io.hvmigrate.sim.wsman.ShellSession;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The WS-Management endpoint's view of a simulated host: every Command runs as a {@link PowerShellProcess} with the
 * command table and host state the factory gives for the shell's session (so cmdlets know who is calling and how they
 * authenticated). Output is buffered until the endpoint's Receive collects it.
 *
 * <pre>{@code
 * ShellHost host = new PowerShellShellHost(session -> RunspaceConfig.of(table, world.callerOn("HV-A1", session), "HV-A1"));
 * }</pre>
 */
public final class PowerShellShellHost implements ShellHost {
    private final Function<ShellSession, RunspaceConfig> configs;

    public PowerShellShellHost(Function<ShellSession, RunspaceConfig> configs) {
        this.configs = Objects.requireNonNull(configs);
    }

    @Override
    public RunningCommand start(ShellSession session, String command, List<String> arguments) {
        StringBuilder line = new StringBuilder(command);
        for (String a : arguments) {
            line.append(' ').append(WindowsCommandLine.quote(a));
        }
        Buffered buffered = new Buffered();
        RunspaceConfig config = configs.apply(session);
        PowerShellProcess p = PowerShellProcess.start(line.toString(), config, buffered);
        buffered.process = p;
        p.onExit(buffered::finish);
        return buffered;
    }

    /** Output waiting for the next Receive. */
    private static final class Buffered implements RunningCommand, PowerShellProcess.Console {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private boolean done;
        private int exitCode;
        private volatile PowerShellProcess process;

        @Override
        public synchronized void stdout(byte[] bytes) {
            stdout.writeBytes(bytes);
            notifyAll();
        }

        @Override
        public synchronized void stderr(byte[] bytes) {
            stderr.writeBytes(bytes);
            notifyAll();
        }

        synchronized void finish(int code) {
            done = true;
            exitCode = code;
            notifyAll();
        }

        @Override
        public synchronized Output await(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (!done && stdout.size() == 0 && stderr.size() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Output.nothingYet();
                }
                wait(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
            }
            byte[] out = stdout.toByteArray();
            byte[] err = stderr.toByteArray();
            stdout.reset();
            stderr.reset();
            return new Output(out, err, done, done ? exitCode : 0);
        }

        @Override
        public void signal(String code) {
            PowerShellProcess p = process;
            if (p != null && (code.endsWith("/terminate") || code.endsWith("/ctrl_c"))) {
                p.stop();
            }
        }
    }
}
