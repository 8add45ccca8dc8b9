package io.hvmigrate.sim.ps.exe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.wsman.RunningCommand;
import io.hvmigrate.sim.wsman.ShellSession;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PowerShellShellHostTest {

    private static final ShellSession SESSION = new ShellSession("S-1", "LAB\\engine", ShellSession.AuthMethod.NTLM,
            "127.0.0.1");

    /** A cmdlet that reports who is calling: the host state comes from the factory, per session. */
    static final CmdletInfo WHOAMI = new CmdletInfo("Get-Caller", List.of(), null,
            () -> (ctx, in) -> ctx.write(ctx.host(ShellSession.class).user() + " via " + ctx.host(ShellSession.class).method()));

    private final AtomicReference<ShellSession> seen = new AtomicReference<>();
    private final PowerShellShellHost host = new PowerShellShellHost(session -> {
        seen.set(session);
        return RunspaceConfig.of(CommandTable.builder().cmdlet(WHOAMI).cmdlet(PowerShellProcessTest.BLOCK).build(),
                session, "HV-A1");
    });

    /** Receives until done, as an endpoint's Receive loop would. */
    private static RunningCommand.Output drain(RunningCommand c) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            RunningCommand.Output o = c.await(Duration.ofSeconds(5));
            out.writeBytes(o.stdout());
            err.writeBytes(o.stderr());
            if (o.done()) {
                return new RunningCommand.Output(out.toByteArray(), err.toByteArray(), true, o.exitCode());
            }
        }
        throw new AssertionError("command did not finish");
    }

    @Test
    void runsTheCommandLineAgainstTheSessionsHost() throws Exception {
        RunningCommand c = host.start(SESSION, "powershell -encodedcommand " + Console.encoded("Get-Caller; exit 4"),
                List.of());
        RunningCommand.Output o = drain(c);
        assertThat(ConsoleEncoding.decode(o.stdout())).isEqualTo("LAB\\engine via NTLM\r\n");
        assertThat(o.exitCode()).isEqualTo(4);
        assertThat(seen.get()).isEqualTo(SESSION);
    }

    @Test
    void argumentsAreAppendedToTheCommandLine() throws Exception {
        RunningCommand c = host.start(SESSION, "powershell", List.of("-Command", "Write-Output 'a b'"));
        assertThat(ConsoleEncoding.decode(drain(c).stdout())).isEqualTo("a b\r\n");
    }

    @Test
    void awaitReturnsNothingYetWhileTheCommandRuns() throws Exception {
        RunningCommand c = host.start(SESSION, "powershell -encodedcommand " + Console.encoded("'go'; Wait-Forever"),
                List.of());
        RunningCommand.Output first = c.await(Duration.ofSeconds(10));
        assertThat(ConsoleEncoding.decode(first.stdout())).isEqualTo("go\r\n");
        RunningCommand.Output idle = c.await(Duration.ofMillis(50));
        assertThat(idle.done()).isFalse();
        assertThat(idle.stdout()).isEmpty();
        c.signal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate");
        RunningCommand.Output end = drain(c);
        assertThat(end.done()).isTrue();
        assertThat(end.exitCode()).isEqualTo(PowerShellProcess.EXIT_STOPPED);
    }

    @Test
    void stderrCarriesClixml() throws Exception {
        RunningCommand c = host.start(SESSION, "powershell -encodedcommand "
                + Console.encoded("$ProgressPreference = 'SilentlyContinue'; Write-Error 'bad'"), List.of());
        RunningCommand.Output o = drain(c);
        assertThat(ConsoleEncoding.decode(o.stderr())).startsWith("#< CLIXML\r\n<Objs ");
        assertThat(o.exitCode()).isEqualTo(1);
    }
}
