package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options every command shares. */
class CommandLineTest {

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
            if (spec.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals("PLAYBOOK"))) {
                assertThat(hasMixin(spec, PlaybookArgument.class)).as("%s PLAYBOOK", spec.qualifiedName()).isTrue();
            }
            OptionSpec settings = spec.findOption("--settings");
            assertThat(settings).as("%s --settings", spec.qualifiedName()).isNotNull();
        }
        assertThat(outputs).isGreaterThanOrEqualTo(10);
    }
}
