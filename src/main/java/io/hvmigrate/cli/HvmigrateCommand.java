package io.hvmigrate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hvmigrate",
        mixinStandardHelpOptions = true,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = {"Plans and runs Hyper-V live migrations from playbooks, over remote PowerShell (WinRM).", ""},
        subcommands = {PlanCommand.class, CheckCommand.class, RunCommand.class, DelegationCommand.class, NetworkCommand.class, LabCommand.class, BenchCommand.class, SimCommand.class, ResumeCommand.class, StatusCommand.class, DiscoverCommand.class,
                ValidateCommand.class, ConfigCommand.class, SchemaCommand.class},
        footer = {"", "Exit codes: 0 done, 1 some moves failed, 2 invalid input, 3 refused, 4 window closed with work left,",
                "5 another run holds a host, 70 internal error, 130 interrupted."})
final class HvmigrateCommand implements Runnable {

    final Map<String, String> environment;

    @Option(names = "--settings", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "FILE", description = "a settings file of yours (overrides config/hvmigrate.properties); default $HVMIGRATE_SETTINGS")
    Path settingsFile;

    @Option(names = "--set", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "KEY=VALUE", description = "override one setting (hvmigrate config show lists them)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    HvmigrateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
