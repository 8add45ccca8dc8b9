package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Words hvmigrate does not know, and the options every command shares. */
class CommandLineTest {

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelpAfterIt() {
        CliRun r = CliRun.of("maintenance", "--help");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'maintenance'", "the commands are plan, check, run");
        assertThat(r.out()).as("no help: the command line was wrong").isEmpty();
    }

    @Test
    void anUnknownCommandBeforeOrAfterTheHelpOptionIsAnError() {
        assertThat(CliRun.of("--help", "maintenance").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("maintenance").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("maintenance", "--version").exitCode()).isEqualTo(2);
    }

    @Test
    void aMisspeltCommandGetsTheClosestOne() {
        CliRun r = CliRun.of("chek", "playbooks/lab-tour.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'chek'; did you mean 'check'?", "Run 'hvmigrate --help' for usage.");
    }

    @Test
    void aMisspeltSubcommandGetsTheClosestOneOfItsGroup() {
        CliRun r = CliRun.of("delegation", "aply", "--help");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'delegation aply'; did you mean 'delegation apply'?");
    }

    @Test
    void anUnknownOptionIsAnErrorEvenWithHelp() {
        CliRun r = CliRun.of("status", "--colour", "--help");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--colour");
    }

    @Test
    void helpOfARealCommandStillSucceeds() {
        assertThat(CliRun.of("delegation", "apply", "--help").exitCode()).isZero();
        assertThat(CliRun.of("--help").exitCode()).isZero();
    }

    private static List<CommandSpec> everyCommand() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Main.commandLine(Map.of()), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandSpec> into) {
        into.add(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static boolean hasMixin(CommandSpec spec, Class<?> type) {
        return spec.mixins().values().stream().anyMatch(m -> type.isInstance(m.userObject()));
    }

    @Test
    void theOptionsCommandsShareComeFromOneDeclaration() {
        int outputs = 0;
        for (CommandSpec spec : everyCommand()) {
            OptionSpec output = spec.findOption("--output");
            if (output != null) {
                outputs++;
                assertThat(hasMixin(spec, OutputOption.class)).as("%s --output", spec.qualifiedName()).isTrue();
            }
            if (spec.findOption("--facts") != null) {
                assertThat(hasMixin(spec, FactsOption.class)).as("%s --facts", spec.qualifiedName()).isTrue();
            }
            // resume's -i defaults to the inventory its run used, not to the inventory setting
            if (spec.findOption("--inventory") != null && !spec.name().equals("resume")) {
                assertThat(hasMixin(spec, InventoryOption.class)).as("%s --inventory", spec.qualifiedName()).isTrue();
            }
            // run's PLAYBOOK is optional: with --plan, the approved plan names it
            if (spec.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals("PLAYBOOK")) && !spec.name().equals("run")) {
                assertThat(hasMixin(spec, PlaybookArgument.class)).as("%s PLAYBOOK", spec.qualifiedName()).isTrue();
            }
            OptionSpec settings = spec.findOption("--settings");
            assertThat(settings).as("%s --settings", spec.qualifiedName()).isNotNull();
        }
        assertThat(outputs).isGreaterThanOrEqualTo(10);
    }
}
