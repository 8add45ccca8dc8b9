package io.hvmigrate.sim.ps.exe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.NativeCommand;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.ScriptClock;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class PowerShellProcessTest {

    /** Blocks until the run is stopped, the way a long Move-VM waits. */
    static final CountDownLatch BLOCKED = new CountDownLatch(1);
    static final CmdletInfo BLOCK = new CmdletInfo("Wait-Forever", List.of(), null, () -> (ctx, in) -> {
        BLOCKED.countDown();
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    ctx.checkStopping();
                }
            }
        }
    });

    static final NativeCommand KLIST = inv -> {
        if (inv.arguments().equals(List.of("purge", "-li", "0x3e7"))) {
            return NativeCommand.Result.ok(List.of("Current LogonId is 0:0x3e7", "\tDeleting all tickets:",
                    "\tTicket(s) purged!"));
        }
        return new NativeCommand.Result(-2147024809, List.of(), List.of("klist: bad arguments " + inv.arguments()));
    };

    private static RunspaceConfig config() {
        CommandTable t = CommandTable.builder().cmdlet(BLOCK).nativeCommand("klist", KLIST).build();
        return RunspaceConfig.of(t, null, "HV-A1");
    }

    private static Console run(String commandLine, int expectedExit) {
        Console c = new Console();
        int code = PowerShellProcess.run(commandLine, config(), c);
        assertThat(code).as("exit code; stderr: " + c.stderr()).isEqualTo(expectedExit);
        return c;
    }

    private static Console ps(String script, int expectedExit) {
        return run("powershell -encodedcommand " + Console.encoded(script), expectedExit);
    }

    // ------------------------------------------------------------------------------------------------ command lines

    @Test
    void encodedCommandAsWinrm4jSendsIt() {
        Console c = ps("'hello'; 1 + 1", 0);
        assertThat(c.stdout()).isEqualTo("hello\r\n2\r\n");
        assertThat(c.stderr()).isEmpty();
    }

    @Test
    void switchesAreCaseInsensitiveAndMayBeAbbreviated() {
        String b64 = Console.encoded("'x'");
        for (String line : List.of("PowerShell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand " + b64,
                "powershell -e " + b64, "powershell -ec " + b64, "powershell -enc " + b64, "POWERSHELL /ENCODEDCOMMAND " + b64,
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -noni -ep bypass -encodedcommand " + b64)) {
            assertThat(run(line, 0).stdout()).as(line).isEqualTo("x\r\n");
        }
    }

    @Test
    void commandSwitchJoinsTheRestOfTheLine() {
        assertThat(run("powershell -NoProfile -Command \"Write-Output 'a b'\"", 0).stdout()).isEqualTo("a b\r\n");
        assertThat(run("powershell -Command Write-Output x y", 0).stdout()).isEqualTo("x\r\ny\r\n");
        assertThat(run("powershell Write-Output z", 0).stdout()).isEqualTo("z\r\n");
    }

    @Test
    void commandSwitchWritesErrorsAsText() {
        Console c = run("powershell -Command \"Write-Error 'oops'\"", 1);
        assertThat(c.stderr()).startsWith("Write-Error 'oops' : oops\r\n");
        assertThat(c.stderr()).doesNotContain("CLIXML");
    }

    @Test
    void badBase64() {
        Console c = run("powershell -encodedcommand !!notbase64!!", PowerShellProcess.EXIT_BAD_COMMAND_LINE);
        assertThat(c.stderr()).isEqualTo("Cannot process the command because the value specified with -EncodedCommand "
                + "is not properly encoded. The value must be Base64 encoded.\r\n");
    }

    @Test
    void otherProgramsAreNotFoundByCmd() {
        Console c = run("ipconfig /all", PowerShellProcess.EXIT_NOT_RECOGNIZED);
        assertThat(c.stderr()).isEqualTo("'ipconfig' is not recognized as an internal or external command,\r\n"
                + "operable program or batch file.\r\n");
    }

    @Test
    void fileSwitchFailsAsAMissingFile() {
        assertThat(run("powershell -File C:\\x.ps1", PowerShellProcess.EXIT_BAD_COMMAND_LINE).stderr())
                .startsWith("The argument 'C:\\x.ps1' to the -File parameter does not exist.");
    }

    // ------------------------------------------------------------------------------------------------ console

    @Test
    void stdoutUsesCrlfAndCodePage437() {
        Console c = ps("'caf\u00e9 \u2603'", 0);
        byte[] b = c.stdoutBytes();
        assertThat(b).containsExactly('c', 'a', 'f', 0x82, ' ', '?', '\r', '\n');
    }

    @Test
    void objectsAreFormattedAsAConsoleShowsThem() {
        Console c = ps("[pscustomobject]@{Name='web01'; State='Running'}; [pscustomobject]@{Name='db01'; State='Off'}", 0);
        assertThat(c.stdout()).isEqualTo("\r\nName  State\r\n----  -----\r\nweb01 Running\r\ndb01  Off\r\n\r\n\r\n");
        Console list = ps("[pscustomobject]@{a=1; b=2; c=3; d=4; e=5}", 0);
        assertThat(list.stdout()).isEqualTo("\r\na : 1\r\nb : 2\r\nc : 3\r\nd : 4\r\ne : 5\r\n\r\n\r\n");
    }

    @Test
    void hashtableOutputIsANameValueTable() {
        assertThat(ps("@{a=1}", 0).stdout()).isEqualTo("\r\nName                           Value\r\n"
                + "----                           -----\r\na                              1\r\n\r\n");
    }

    @Test
    void jsonOutputReachesTheClientUnchanged() {
        Console c = ps("$ProgressPreference = 'SilentlyContinue'; [ordered]@{ ok = $true; name = 'web01' } | "
                + "ConvertTo-Json -Compress", 0);
        assertThat(c.stdout()).isEqualTo("{\"ok\":true,\"name\":\"web01\"}\r\n");
        assertThat(c.stderr()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void errorsAreClixmlOnStderrWhenTheCommandWasEncoded() throws Exception {
        Console c = ps("$ProgressPreference = 'SilentlyContinue'\nGet-Nothing\n'after'", 0);
        String err = c.stderr();
        assertThat(err).startsWith("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
        assertThat(err).endsWith("</Objs>");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(err.substring(11))));
        assertThat(Console.errorStrings(err)).containsExactly(
                "Get-Nothing : The term 'Get-Nothing' is not recognized as the name of a cmdlet, function, script file, "
                        + "or operable _x000D__x000A_",
                "program. Check the spelling of the name, or if a path was included, verify that the path is correct and "
                        + "try again._x000D__x000A_",
                "At line:2 char:1_x000D__x000A_",
                "+ Get-Nothing_x000D__x000A_",
                "+ ~~~~~~~~~~~_x000D__x000A_",
                "    + CategoryInfo          : ObjectNotFound: (Get-Nothing:String) [], CommandNotFoundException_x000D__x000A_",
                "    + FullyQualifiedErrorId : CommandNotFoundException_x000D__x000A_",
                " _x000D__x000A_");
        assertThat(c.stdout()).isEqualTo("after\r\n");
    }

    @Test
    void pywinrmReadsTheErrorText() {
        Console c = ps("$ProgressPreference = 'SilentlyContinue'; throw 'VM web01 <not> found & gone'", 1);
        assertThat(Console.cleanErrorMessage(c.stderr())).isEqualTo("VM web01 <not> found & gone\n"
                + "At line:1 char:43\n"
                // 5.1 cuts a line longer than 69 characters around the error
                + "+ ... sPreference = 'SilentlyContinue'; throw 'VM web01 <not> found & gone'\n"
                + "+                                       ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                + "    + CategoryInfo          : OperationStopped: (VM web01 <not> found & gone:String) [], RuntimeException\n"
                + "    + FullyQualifiedErrorId : VM web01 <not> found & gone");
    }

    @Test
    void warningsAndProgressGoToClixml() {
        String err = ps("Write-Warning 'careful'", 0).stderr();
        assertThat(err).contains("<Obj S=\"progress\" RefId=\"0\">");
        assertThat(err).contains("<AV>Preparing modules for first use.</AV>");
        assertThat(err).contains("<S S=\"warning\">careful</S>");
    }

    @Test
    void parseErrorsRunNothing() {
        Console c = ps("Write-Output 'ran'\n$x = (1 +", 1);
        assertThat(c.stdout()).isEmpty();
        assertThat(Console.cleanErrorMessage(c.stderr())).isEqualTo("At line:2 char:10\n+ $x = (1 +\n+          ~\n"
                + "You must provide a value expression following the '+' operator.\n"
                + "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException\n"
                + "    + FullyQualifiedErrorId : ExpectedValueExpression");
    }

    // ------------------------------------------------------------------------------------------------ exit codes

    @Test
    void exitCodes() {
        ps("'fine'", 0);
        ps("Write-Error 'x' 2>$null", 1);
        ps("Write-Error 'x' 2>$null; 'recovered'", 0);
        ps("throw 'fatal'", 1);
        ps("exit 7", 7);
        ps("exit -1", -1);
        ps("try { throw 'x' } catch { exit 3 }", 3);
        ps("$ErrorActionPreference = 'Stop'; Write-Error 'x'; 'unreached'", 1);
    }

    @Test
    void nativeCommandsRunWithTheirArgumentsAsTyped() {
        Console c = ps("klist purge -li 0x3e7; \"exit=$LASTEXITCODE\"", 0);
        assertThat(c.stdout()).isEqualTo("Current LogonId is 0:0x3e7\r\n\tDeleting all tickets:\r\n\tTicket(s) purged!\r\n"
                + "exit=0\r\n");
        Console bad = ps("klist purge", 1);
        assertThat(bad.stderr()).contains("klist: bad arguments [purge]\r\n");
    }

    // ------------------------------------------------------------------------------------------------ stopping

    @Test
    void stopEndsABlockingCommandPromptly() throws Exception {
        Console c = new Console();
        PowerShellProcess p = PowerShellProcess.start("powershell -encodedcommand "
                + Console.encoded("'first'; Wait-Forever; 'never'"), config(), c);
        assertThat(c.awaitStdout("first\r\n", Duration.ofSeconds(10))).isTrue();
        assertThat(BLOCKED.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitCode()).isNull();
        long t0 = System.nanoTime();
        p.stop();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        System.out.printf("stopped a blocked command in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(p.exitCode()).isEqualTo(PowerShellProcess.EXIT_STOPPED);
        assertThat(c.stdout()).doesNotContain("never");
    }

    @Test
    void stopEndsStartSleepOnTheSystemClock() throws Exception {
        Console c = new Console();
        RunspaceConfig cfg = config().withClock(ScriptClock.system());
        PowerShellProcess p = PowerShellProcess.start("powershell -encodedcommand "
                + Console.encoded("'sleeping'; Start-Sleep -Seconds 3600; 'woke'"), cfg, c);
        assertThat(c.awaitStdout("sleeping", Duration.ofSeconds(10))).isTrue();
        p.stop();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(c.stdout()).doesNotContain("woke");
    }

    @Test
    void finallyRunsWhenStopped() throws Exception {
        Console c = new Console();
        PowerShellProcess p = PowerShellProcess.start("powershell -encodedcommand "
                + Console.encoded("try { 'in'; Start-Sleep 3600 } finally { 'cleanup' }"), config(), c);
        assertThat(c.awaitStdout("in", Duration.ofSeconds(10))).isTrue();
        p.stop();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(c.stdout()).isEqualTo("in\r\ncleanup\r\n");
    }

    @Test
    void outputIsWrittenAsItIsProduced() throws Exception {
        Console c = new Console();
        PowerShellProcess p = PowerShellProcess.start("powershell -encodedcommand "
                + Console.encoded("1..3 | ForEach-Object { \"line $_\" }; Start-Sleep 3600"), config(), c);
        assertThat(c.awaitStdout("line 3\r\n", Duration.ofSeconds(10))).isTrue();
        assertThat(p.exitCode()).isNull();
        p.stop();
        assertThat(p.waitFor(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void commandLineSplitsAsWindowsDoes() {
        assertThat(WindowsCommandLine.split("a \"b c\" d\\\"e \"f\"\"g\" h\\\\\"i j\""))
                .containsExactly("a", "b c", "d\"e", "f\"g", "h\\i j");
        assertThat(WindowsCommandLine.split(WindowsCommandLine.quote("x \"y\" \\z\\"))).containsExactly("x \"y\" \\z\\");
    }
}
