package io.hvmigrate.sim.ps.exe;

import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.RunspaceConfig;
import io.hvmigrate.sim.ps.ScriptOutput;
import io.hvmigrate.sim.ps.engine.Runspace;
import io.hvmigrate.sim.ps.output.ErrorView;
import io.hvmigrate.sim.ps.output.ObjectFormatter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * powershell.exe as a WinRM shell runs it: takes the command line cmd.exe would run ({@code powershell
 * -encodedcommand <base64 of UTF-16LE>}, also {@code -Command}, {@code -NoProfile}, {@code -NonInteractive},
 * {@code -ExecutionPolicy}, any case, any unambiguous prefix), runs the script, and writes what a client reads:
 * stdout as the console writes it (CRLF line ends, code page 437 with '?' for what it cannot show), errors on stderr
 * (CLIXML when the command was encoded, as powershell.exe does when its stderr is redirected; text otherwise), and
 * the exit code (the {@code exit} value; 1 when the script ended with an error or {@code $?} false; 0 otherwise).
 *
 * <pre>{@code
 * PowerShellProcess p = PowerShellProcess.start("powershell -encodedcommand " + b64, config, console);
 * int code = p.waitFor();
 * }</pre>
 */
public final class PowerShellProcess {

    /** Where the process writes; called from the script's thread as output is produced. */
    public interface Console {
        void stdout(byte[] bytes);

        void stderr(byte[] bytes);
    }

    /** Exit code of a process whose command line powershell.exe rejects (Windows PowerShell 5.1). */
    public static final int EXIT_BAD_COMMAND_LINE = -196608;
    /** Exit code of a process ended by Ctrl-C / Signal: STATUS_CONTROL_C_EXIT. */
    public static final int EXIT_STOPPED = 0xC000013A;
    /** cmd.exe's exit code for an unknown program. */
    public static final int EXIT_NOT_RECOGNIZED = 9009;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String commandLine;
    private final RunspaceConfig config;
    private final Console console;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Integer exitCode;
    private volatile Runspace runspace;
    private volatile boolean stopRequested;
    private volatile IntConsumer onExit;
    private final java.util.concurrent.atomic.AtomicBoolean exitReported = new java.util.concurrent.atomic.AtomicBoolean();

    private PowerShellProcess(String commandLine, RunspaceConfig config, Console console) {
        this.commandLine = commandLine;
        this.config = config;
        this.console = console;
    }

    /** Starts the process on its own daemon thread and returns at once. */
    public static PowerShellProcess start(String commandLine, RunspaceConfig config, Console console) {
        PowerShellProcess p = new PowerShellProcess(commandLine, config, console);
        Thread t = new Thread(p::execute, "powershell.exe-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** Runs the process on the calling thread; returns its exit code. */
    public static int run(String commandLine, RunspaceConfig config, Console console) {
        PowerShellProcess p = new PowerShellProcess(commandLine, config, console);
        p.execute();
        return p.exitCode;
    }

    /** Called once with the exit code when the process ends (at once if it has ended). */
    public void onExit(IntConsumer listener) {
        this.onExit = listener;
        if (done.getCount() == 0 && exitReported.compareAndSet(false, true)) {
            listener.accept(exitCode);
        }
    }

    public int waitFor() throws InterruptedException {
        done.await();
        return exitCode;
    }

    public boolean waitFor(Duration max) throws InterruptedException {
        return done.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }

    public Integer exitCode() {
        return exitCode;
    }

    /** Signal terminate / ctrl_c: the running command is stopped, including a blocking one. */
    public void stop() {
        stopRequested = true;
        Runspace r = runspace;
        if (r != null) {
            r.stop();
        }
    }

    // ------------------------------------------------------------------------------------------------ running

    private void execute() {
        int code;
        try {
            code = runCommandLine();
        } catch (RuntimeException e) {
            err("hvsim: powershell.exe failed: " + e + "\r\n");
            code = 1;
        }
        if (stopRequested) {
            code = EXIT_STOPPED;
        }
        exitCode = code;
        done.countDown();
        IntConsumer l = onExit;
        if (l != null && exitReported.compareAndSet(false, true)) {
            l.accept(code);
        }
    }

    private void out(String text) {
        console.stdout(ConsoleEncoding.encode(text));
    }

    private void err(String text) {
        console.stderr(ConsoleEncoding.encode(text));
    }

    /** The parsed powershell.exe command line. */
    record Options(String script, boolean encoded, boolean outputFormatSpecified, String error) {}

    private int runCommandLine() {
        String operators = cmdOperator(commandLine);
        if (operators != null) {
            err("hvsim does not emulate cmd.exe's '" + operators + "' operator in a command line.\r\n");
            return 1;
        }
        List<String> argv = WindowsCommandLine.split(commandLine);
        if (argv.isEmpty()) {
            return 0;
        }
        String program = argv.get(0);
        String base = program.substring(Math.max(program.lastIndexOf('\\'), program.lastIndexOf('/')) + 1)
                .toLowerCase(Locale.ROOT);
        if (!base.equals("powershell") && !base.equals("powershell.exe")) {
            err("'" + program + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.\r\n");
            return EXIT_NOT_RECOGNIZED;
        }
        Options o = parse(argv.subList(1, argv.size()));
        if (o.error() != null) {
            err(o.error() + "\r\n");
            return EXIT_BAD_COMMAND_LINE;
        }
        if (o.script() == null) {
            err("hvsim does not emulate an interactive powershell.exe (no -Command or -EncodedCommand).\r\n");
            return EXIT_BAD_COMMAND_LINE;
        }
        boolean xmlErrors = o.encoded() && !o.outputFormatSpecified();
        ConsoleOutput output = new ConsoleOutput(xmlErrors);
        Runspace r = new Runspace(config, output);
        runspace = r;
        if (stopRequested) {
            return EXIT_STOPPED;
        }
        Runspace.Result result = r.run(o.script());
        output.close();
        if (result.stopped()) {
            return EXIT_STOPPED;
        }
        if (result.exitCode() != null) {
            return result.exitCode();
        }
        if (result.error() != null || result.parseError()) {
            return 1;
        }
        return result.succeeded() ? 0 : 1;
    }

    /** cmd.exe would act on these outside quotes; hvsim does not emulate cmd.exe itself. */
    private static String cmdOperator(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '&' || c == '|' || c == '<' || c == '>')) {
                return String.valueOf(c);
            }
        }
        return null;
    }

    private static boolean matches(String key, String full, String shortest) {
        return key.length() >= shortest.length() && full.startsWith(key);
    }

    /** Windows PowerShell 5.1's CommandLineParameterParser for the switches a remote caller uses. */
    static Options parse(List<String> args) {
        String script = null;
        boolean encoded = false;
        boolean outputFormat = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).strip();
            if (arg.isEmpty()) {
                continue;
            }
            char first = arg.charAt(0);
            if (first != '-' && first != '/' && first != '\u2013' && first != '\u2014') {
                // 5.1: the first argument that is not a switch starts the command
                return new Options(joinRest(args, i), false, outputFormat, null);
            }
            String key = arg.substring(1).toLowerCase(Locale.ROOT);
            if (key.startsWith("-")) {
                key = key.substring(1);
            }
            if (matches(key, "version", "v")) {
                i++;
            } else if (matches(key, "help", "h") || key.equals("?")) {
                return new Options(null, false, false, "hvsim does not emulate powershell.exe -Help.");
            } else if (matches(key, "noexit", "noe") || matches(key, "noprofile", "nop")
                    || matches(key, "nologo", "nol") || matches(key, "noninteractive", "noni")
                    || matches(key, "sta", "s") || matches(key, "mta", "mta")) {
                // accepted; nothing to do for a one-shot remote command
            } else if (matches(key, "command", "c")) {
                if (i + 1 >= args.size()) {
                    return new Options(null, false, false,
                            "Cannot process the command because of a missing parameter. A command must follow -Command.");
                }
                if (args.get(i + 1).equals("-")) {
                    return new Options(null, false, false, "hvsim does not emulate reading commands from standard input.");
                }
                return new Options(joinRest(args, i + 1), false, outputFormat, null);
            } else if (matches(key, "windowstyle", "w") || matches(key, "configurationname", "config")) {
                i++;
            } else if (matches(key, "file", "f")) {
                String file = i + 1 < args.size() ? args.get(i + 1) : "";
                return new Options(null, false, false, "The argument '" + file + "' to the -File parameter does not "
                        + "exist. Provide the path to an existing '.ps1' file as an argument to the -File parameter.");
            } else if (matches(key, "outputformat", "o") || key.equals("of")) {
                i++;
                String v = i < args.size() ? args.get(i) : "";
                if (v.equalsIgnoreCase("xml")) {
                    return new Options(null, false, false, "hvsim does not emulate powershell.exe -OutputFormat XML.");
                }
                outputFormat = true;
            } else if (matches(key, "inputformat", "i") || key.equals("if")) {
                i++;
            } else if (matches(key, "executionpolicy", "ex") || key.equals("ep")) {
                i++;
                if (i >= args.size()) {
                    return new Options(null, false, false, "Cannot process the execution policy because of a missing "
                            + "policy. A policy must follow -ExecutionPolicy.");
                }
            } else if (matches(key, "encodedcommand", "e") || key.equals("ec")) {
                i++;
                if (i >= args.size()) {
                    return new Options(null, false, false,
                            "Cannot process the command because of a missing parameter. A command must follow -Command.");
                }
                String decoded = decode(args.get(i));
                if (decoded == null) {
                    return new Options(null, false, false, "Cannot process the command because the value specified "
                            + "with -EncodedCommand is not properly encoded. The value must be Base64 encoded.");
                }
                script = decoded;
                encoded = true;
            } else if (matches(key, "encodedarguments", "encodeda") || key.equals("ea")) {
                i++;
            } else {
                // 5.1: an unknown switch starts the command
                return new Options(joinRest(args, i), encoded, outputFormat, null);
            }
        }
        return new Options(script, encoded, outputFormat, null);
    }

    private static String joinRest(List<String> args, int from) {
        return String.join(" ", args.subList(from, args.size()));
    }

    /** Base64 of UTF-16LE, as StringToBase64Converter reads it (whitespace ignored). */
    static String decode(String b64) {
        StringBuilder clean = new StringBuilder(b64.length());
        int padding = 0;
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            boolean valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (c == '=') {
                padding++;
            } else if (!valid || padding > 0) {
                return null;
            }
            clean.append(c);
        }
        if (padding > 2) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(clean.toString()), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ console

    /** The console host's streams. */
    private final class ConsoleOutput implements ScriptOutput {
        private final boolean xml;
        private final ObjectFormatter formatter = new ObjectFormatter(ErrorView.WIDTH);
        private final Clixml clixml = new Clixml();
        private boolean xmlStarted;

        ConsoleOutput(boolean xml) {
            this.xml = xml;
        }

        private void xml(String element) {
            StringBuilder b = new StringBuilder();
            if (!xmlStarted) {
                xmlStarted = true;
                b.append(Clixml.HEADER);
            }
            b.append(element);
            err(b.toString());
        }

        void close() {
            List<String> tail = formatter.finish();
            writeLines(tail);
            if (xmlStarted) {
                err(Clixml.FOOTER);
            }
        }

        private void writeLines(List<String> lines) {
            if (lines.isEmpty()) {
                return;
            }
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                b.append(l.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
            }
            out(b.toString());
        }

        @Override
        public void output(Object value) {
            writeLines(formatter.format(value));
        }

        @Override
        public void error(PsError error) {
            List<String> lines = ErrorView.lines(error);
            if (xml) {
                StringBuilder b = new StringBuilder();
                for (String l : lines) {
                    b.append(clixml.string("Error", l + "\r\n"));
                }
                xml(b.toString());
            } else {
                StringBuilder b = new StringBuilder();
                for (String l : lines) {
                    b.append(l).append("\r\n");
                }
                err(b.toString());
            }
        }

        @Override
        public void warning(String message) {
            if (xml) {
                xml(clixml.string("warning", message));
            } else {
                writeLines(ErrorView.wrap("WARNING: " + message, ErrorView.WIDTH));
            }
        }

        @Override
        public void verbose(String message) {
            if (xml) {
                xml(clixml.string("verbose", message));
            } else {
                writeLines(ErrorView.wrap("VERBOSE: " + message, ErrorView.WIDTH));
            }
        }

        @Override
        public void host(String text, boolean newline) {
            out(newline ? text.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n" : text);
        }

        @Override
        public void nativeError(String line) {
            err(line + "\r\n");
        }

        @Override
        public void progress(Progress record) {
            if (xml) {
                xml(clixml.progress(record));
            }
        }
    }
}
