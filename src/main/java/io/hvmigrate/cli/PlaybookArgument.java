package io.hvmigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The playbook a command works on, its first argument. */
final class PlaybookArgument {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook (YAML)")
    Path file;
}
