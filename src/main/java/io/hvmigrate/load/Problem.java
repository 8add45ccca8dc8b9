package io.hvmigrate.load;

/**
 * One thing wrong with an input, with where it is, what is wrong and how to fix it.
 *
 * @param location where (file, line, column)
 * @param message  what is wrong, in the user's terms
 * @param fix      how to fix it; may be empty when the message says it all
 */
public record Problem(Location location, String message, String fix) {

    public Problem {
        fix = fix == null ? "" : fix;
    }

    /** {@code file:line:col: message (fix)}, the form compilers and editors understand. */
    public String format() {
        return location + ": " + message + (fix.isEmpty() ? "" : "\n    fix: " + fix);
    }
}
