package io.hvmigrate.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code hvmigrate} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs one command line; the environment is passed in so tests can give their own. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        HvmigrateCommand root = new HvmigrateCommand(environment);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("hvmigrate: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr())) {
                ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCode.INVALID_INPUT.code();
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
