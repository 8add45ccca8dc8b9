package io.hvmigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --facts FILE}: a snapshot of what the fleet is, as discover saves it. */
final class FactsOption {

    @Option(names = "--facts", paramLabel = "FILE",
            description = "a facts snapshot (YAML or JSON, as discover saves it): what the fleet is, without reading it")
    Path file;
}
