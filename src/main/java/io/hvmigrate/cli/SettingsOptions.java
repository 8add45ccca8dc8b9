package io.hvmigrate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the engine settings come from: on the root command, inherited by every command. */
final class SettingsOptions {

    @Option(names = "--settings", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "your settings file, over config/hvmigrate.properties (default: $HVMIGRATE_SETTINGS)")
    Path file;

    @Option(names = "--set", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "override one setting (hvmigrate config show lists them)")
    Map<String, String> overrides = new LinkedHashMap<>();
}
