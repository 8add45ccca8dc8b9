package io.hvmigrate.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code hvmigrate} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * CXF (under WinRM4J) and the SAAJ factory log through java.util.logging at INFO/WARNING about their own set-up;
     * route CXF to SLF4J (configured in logback.xml) and keep the SAAJ notice out of the user's terminal.
     */
    static void quietLibraryLogging() {
        System.setProperty("org.apache.cxf.Logger", "org.apache.cxf.common.logging.Slf4jLogger");
        for (java.util.logging.Logger l : QUIET) {
            l.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Held here: java.util.logging keeps loggers only weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger[] QUIET = {
        java.util.logging.Logger.getLogger("javax.xml.soap"), java.util.logging.Logger.getLogger("org.apache.cxf")};

    /** Runs one command line; the environment is passed in so tests can give their own. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cl = commandLine(environment);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The hvmigrate command and its subcommands, with their error handling and help layout. */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine cl = new CommandLine(new HvmigrateCommand(environment));
        CommandLineErrors errors = new CommandLineErrors();
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(errors);
        UsageHelp.configure(cl);
        return cl;
    }
}
