package io.hvmigrate.cli;

import io.hvmigrate.load.DidYouMean;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line hvmigrate cannot take: what is wrong with it, and exit code 2. */
final class CommandLineErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionStrategy {

    /**
     * Runs the command, unless an argument was left over. Picocli lets a help option win over a word it does not know,
     * so that "hvmigrate maintenance --help" would print the top-level help and succeed; a word that is no command is an
     * error whatever follows it.
     */
    @Override
    public int execute(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String unknown = unknownCommand(ex);
        if (unknown != null) {
            CommandSpec spec = cl.getCommandSpec();
            List<String> names = spec.subcommands().entrySet().stream()
                    .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(e -> e.getKey()).toList();
            String prefix = spec.parent() == null ? "" : spec.qualifiedName().substring(spec.root().name().length() + 1) + " ";
            err.println("hvmigrate: unknown command '" + prefix + unknown + "'; " + DidYouMean.closest(unknown, names)
                    .map(s -> "did you mean '" + prefix + s + "'?")
                    .orElse("the commands are " + String.join(", ", names)));
            err.println("Run '" + spec.qualifiedName() + " --help' for usage.");
        } else {
            err.println("hvmigrate: " + ex.getMessage());
            if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
        }
        err.flush();
        return ExitCode.INVALID_INPUT.code();
    }

    /** The word taken for a command that is none: the first left over where a command takes only subcommands. */
    private static String unknownCommand(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String first = u.getUnmatched().getFirst();
        boolean onlySubcommands = !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty();
        return onlySubcommands && !first.startsWith("-") ? first : null;
    }
}
