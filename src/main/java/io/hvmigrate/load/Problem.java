package io.hvmigrate.load;

/**
 * One thing wrong with an input, with where it is, what is wrong and how to fix it.
 *
 * @param location where (file, line, column)
 * @param message  what is wrong, in the user's terms
 * @param fix      how to fix it; may be empty when the message says it all
 * @param sensitive the text at the location may be a secret: reports must not quote the source line
 */
public record Problem(Location location, String message, String fix, boolean sensitive) {

    public Problem {
        fix = fix == null ? "" : fix;
    }

    public Problem(Location location, String message, String fix) {
        this(location, message, fix, false);
    }

    /** {@code file:line:col: message (fix)}, the form compilers and editors understand. */
    public String format() {
        return location + ": " + message + (fix.isEmpty() ? "" : "\n    fix: " + fix);
    }
}
