package io.hvmigrate.cli;

import io.hvmigrate.load.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Maps what went wrong to an exit code and a message a person can act on. */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof InvalidInputException invalid) {
            Object cmd = cl.getCommand();
            if (cmd instanceof BaseCommand b && b.jsonOutputRequested()) {
                PrintWriter out = cl.getOut();
                out.println(Json.MAPPER.valueToTree(ProblemReport.json(invalid.problems())).toPrettyString());
                out.flush();
            }
            ProblemReport.text(invalid.problems(), err);
            return ExitCode.INVALID_INPUT.code();
        }
        if (ex instanceof CommandFailure f) {
            err.println("hvmigrate: " + f.getMessage());
            err.flush();
            return f.exitCode().code();
        }
        err.println("hvmigrate: internal error: " + ex);
        for (StackTraceElement e : ex.getStackTrace()) {
            err.println("    at " + e);
        }
        err.println("This is a bug in hvmigrate; please report it with the lines above.");
        err.flush();
        return ExitCode.INTERNAL_ERROR.code();
    }
}
