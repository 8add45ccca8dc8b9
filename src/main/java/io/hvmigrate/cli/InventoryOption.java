package io.hvmigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -i INVENTORY}: how hvmigrate reaches the fleet. */
final class InventoryOption {

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path file;

    /** The inventory given, else the inventory setting's; null when neither names one. */
    Path orSetting(BaseCommand command) {
        return file != null ? file : command.pathSetting("inventory");
    }
}
