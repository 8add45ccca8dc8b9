package io.hvmigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Commands that change the directory or the hosts' settings ({@code delegation apply}, {@code network pin}) show the
 * change and ask first in a terminal; from a script or a scheduler they need {@code --yes}, and without it they stop
 * before contacting anything.
 */
final class Confirmation {
    private Confirmation() {}

    /** True when a person can answer: a console that is a terminal (JDK 22+ tells; before, a console is one). */
    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Stops a changing command run without --yes where no one can answer, before anything is contacted. */
    static void requireYesOrTerminal(boolean yes, String command) {
        if (!yes && !interactive()) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, command + " changes the fleet, and no one is here to confirm: "
                    + "nothing was contacted. Pass --yes to confirm from a script or scheduler (hvmigrate " + command.replace("hvmigrate ", "")
                    + " without --yes in a terminal shows the change and asks).");
        }
    }

    /** Asks in the terminal (unless --yes): true to go on. */
    static boolean ask(boolean yes, String question, PrintWriter out) {
        if (yes) {
            return true;
        }
        out.print(question + " [y/N] ");
        out.flush();
        String answer = System.console().readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
