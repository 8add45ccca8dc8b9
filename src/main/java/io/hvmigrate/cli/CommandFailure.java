package io.hvmigrate.cli;

/** A command that cannot go on, with the exit code that says why. */
final class CommandFailure extends RuntimeException {
    private final ExitCode exitCode;

    CommandFailure(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
