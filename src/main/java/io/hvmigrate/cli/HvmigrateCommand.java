package io.hvmigrate.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hvmigrate",
        mixinStandardHelpOptions = true,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Plans and runs Hyper-V live migrations from playbooks, over remote PowerShell (WinRM).",
        subcommands = {PlanCommand.class, CheckCommand.class, RunCommand.class, DelegationCommand.class, NetworkCommand.class, LabCommand.class, BenchCommand.class, SimCommand.class, ResumeCommand.class, StatusCommand.class, DiscoverCommand.class,
                ValidateCommand.class, ConfigCommand.class, SchemaCommand.class, CompletionCommand.class})
final class HvmigrateCommand implements Runnable {

    final Map<String, String> environment;

    @Mixin
    SettingsOptions settings;

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
