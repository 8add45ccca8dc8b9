package io.hvmigrate.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code -o FORMAT}: what a command prints, for people or for programs; a setting too. */
final class OutputOption {

    /** The formats, for shell completion; the output setting checks the value. */
    static final class Formats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("text", "json").iterator();
        }
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", completionCandidates = Formats.class,
            description = "text (for people) or json (for programs); default: the output setting")
    String format;
}
