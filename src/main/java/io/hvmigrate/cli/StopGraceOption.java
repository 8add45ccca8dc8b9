package io.hvmigrate.cli;

import picocli.CommandLine.Option;

/** {@code --stop-grace}, for the commands that run moves: the {@code stop.grace} setting for this command. */
final class StopGraceOption {
    @Option(names = "--stop-grace", paramLabel = "DURATION",
            description = "after Ctrl-C, SIGTERM or SIGHUP, how long running moves may take to finish before they are cancelled"
                    + " (default: the stop.grace setting, 10m)")
    String value;

    /** The value with the flag's name, as {@link BaseCommand#settingFlags()} takes it. */
    String[] flag() {
        return new String[] {value, "--stop-grace"};
    }
}
