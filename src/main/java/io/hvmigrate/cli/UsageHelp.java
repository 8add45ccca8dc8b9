package io.hvmigrate.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** How help reads: wrapped to the terminal's width, and one exit-code table per command, made from {@link ExitCode}. */
final class UsageHelp {
    private UsageHelp() {}

    /** What any command can return: success, a wrong command line, a bug. */
    static final Set<ExitCode> EVERY_COMMAND = EnumSet.of(ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.INTERNAL_ERROR);

    static void configure(CommandLine root) {
        root.setUsageHelpAutoWidth(true);
        layout(root, EnumSet.allOf(ExitCode.class));
        root.getSubcommands().values().forEach(UsageHelp::configureSubcommand);
    }

    private static void configureSubcommand(CommandLine cl) {
        cl.getSubcommands().values().forEach(UsageHelp::configureSubcommand);
        layout(cl, codes(cl));
    }

    /** The codes a command can return: those of its annotation, or for a command with subcommands, theirs. */
    static Set<ExitCode> codes(CommandLine cl) {
        Set<ExitCode> codes = EnumSet.copyOf(EVERY_COMMAND);
        ExitCodes declared = cl.getCommand().getClass().getAnnotation(ExitCodes.class);
        if (declared != null) {
            codes.addAll(Arrays.asList(declared.value()));
        }
        cl.getSubcommands().values().forEach(sub -> codes.addAll(codes(sub)));
        return codes;
    }

    /** Sections apart, each with its heading; the exit codes last. */
    private static void layout(CommandLine cl, Set<ExitCode> codes) {
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.synopsisHeading(usage.header().length > 0 ? "%nUsage: " : "Usage: ");
        usage.descriptionHeading("%n");
        usage.parameterListHeading("%nArguments:%n");
        usage.optionListHeading("%nOptions:%n");
        usage.commandListHeading("%nCommands:%n");
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : codes) {
            list.put(String.format("%3d", c.code()), c.meaning());
        }
        usage.exitCodeListHeading("%nExit codes:%n");
        usage.exitCodeList(list);
    }
}
