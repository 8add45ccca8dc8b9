package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

class HelpTest {

    /** Wider than any paragraph: each one then takes one line, as picocli wraps and nothing else does. */
    private static final int WIDE = 2000;

    private static List<CommandLine> everyCommand(int width) {
        CommandLine root = Main.commandLine(Map.of());
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(width);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static String name(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    @Test
    void eachParagraphOfHelpIsOneLineWhenTheScreenIsWideEnough() {
        for (CommandLine cl : everyCommand(WIDE)) {
            List<String> lines = cl.getUsageMessage().lines().map(String::strip).toList();
            CommandSpec spec = cl.getCommandSpec();
            List<String> paragraphs = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
            paragraphs.addAll(Arrays.asList(spec.usageMessage().header()));
            paragraphs.removeIf(String::isBlank);
            assertThat(paragraphs).as(name(cl)).isNotEmpty();
            for (String p : paragraphs) {
                assertThat(lines).as("%s: a paragraph of its help, on one line", name(cl)).contains(p);
            }
            for (ArgSpec arg : spec.args()) {
                String[] d = arg.description();
                assertThat(d).as("%s %s: its description is one paragraph", name(cl), arg.paramLabel()).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void noParagraphOfHelpStopsMidSentence() {
        // a description broken by hand leaves a line that ends without its full stop, the sentence going on in the next
        for (CommandLine cl : everyCommand(WIDE)) {
            for (String p : cl.getCommandSpec().usageMessage().description()) {
                if (!p.isBlank()) {
                    assertThat(p).as(name(cl)).matches("(?s).*[.?!)]$");
                }
            }
        }
    }

    @Test
    void helpIsWrappedToTheWidthItIsGiven() {
        for (CommandLine cl : everyCommand(80)) {
            assertThat(cl.getUsageMessage().lines()).as(name(cl)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }

    /** The exit-code table of a command's help: code → meaning, in the order shown. */
    private static Map<Integer, String> exitCodeTable(String help) {
        int at = help.indexOf("Exit codes:\n");
        assertThat(at).isNotNegative();
        Map<Integer, String> table = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\S.*)$").matcher(help.substring(at));
        while (m.find()) {
            table.put(Integer.parseInt(m.group(1)), m.group(2).strip());
        }
        return table;
    }

    private static Map<Integer, String> asTable(ExitCode... codes) {
        Map<Integer, String> table = new LinkedHashMap<>();
        for (ExitCode c : codes) {
            table.put(c.code(), c.meaning());
        }
        return table;
    }

    @Test
    void theTopLevelHelpListsEveryExitCodeWithItsMeaning() {
        String help = everyCommand(WIDE).getFirst().getUsageMessage();
        assertThat(exitCodeTable(help)).containsExactlyEntriesOf(asTable(ExitCode.values()));
        assertThat(exitCodeTable(help)).containsEntry(78, ExitCode.LAUNCHER_BUILD_FAILED.meaning());
    }

    @Test
    void theReadmeListsTheSameExitCodes() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Exit codes"));
        section = section.substring(0, section.indexOf("\n#", 1));
        List<Integer> codes = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section).results()
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(codes).containsExactlyElementsOf(Arrays.stream(ExitCode.values()).map(ExitCode::code).toList());
    }

    @Test
    void everyCommandShowsOneExitCodeTableOfHvmigratesCodes() {
        Map<Integer, String> all = asTable(ExitCode.values());
        for (CommandLine cl : everyCommand(WIDE)) {
            String help = cl.getUsageMessage();
            assertThat(Pattern.compile("(?m)^Exit codes:$").matcher(help).results().count()).as("%s: exit-code tables", name(cl)).isEqualTo(1);
            // and no list of its own in the prose ("Exit codes: 0 done, ...", "Exit code 1 when ...", "Exit codes as for run")
            assertThat(help).as(name(cl)).doesNotContainPattern("(?i)exit codes?[: ]+(\\d|as )");
            Map<Integer, String> table = exitCodeTable(help);
            assertThat(all).as(name(cl)).containsAllEntriesOf(table);
            assertThat(table).as(name(cl)).containsKeys(0, 2, 70);
            if (cl.getCommandSpec().parent() != null) {
                assertThat(table).as("%s: only the launcher returns 78", name(cl)).doesNotContainKey(78);
            }
        }
    }

    @Test
    void aCommandListsTheCodesItCanReturn() {
        Map<String, CommandLine> byName = new LinkedHashMap<>();
        everyCommand(WIDE).forEach(cl -> byName.put(name(cl), cl));
        assertThat(exitCodeTable(byName.get("hvmigrate run").getUsageMessage())).containsExactlyEntriesOf(asTable(ExitCode.OK,
                ExitCode.FAILED, ExitCode.INVALID_INPUT, ExitCode.REFUSED, ExitCode.WINDOW_CLOSED, ExitCode.BUSY,
                ExitCode.HOSTS_UNREACHABLE, ExitCode.WINDOW_NOT_OPEN, ExitCode.INTERNAL_ERROR, ExitCode.INTERRUPTED));
        assertThat(exitCodeTable(byName.get("hvmigrate plan").getUsageMessage()))
                .containsExactlyEntriesOf(asTable(ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.REFUSED, ExitCode.INTERNAL_ERROR));
        // a command with subcommands: what they return
        assertThat(exitCodeTable(byName.get("hvmigrate delegation").getUsageMessage()))
                .containsExactlyEntriesOf(asTable(ExitCode.OK, ExitCode.FAILED, ExitCode.INVALID_INPUT, ExitCode.REFUSED, ExitCode.INTERNAL_ERROR));
    }

    @Test
    void everyCommandWithoutSubcommandsSaysWhichCodesItReturns() {
        for (CommandLine cl : everyCommand(WIDE)) {
            if (cl.getSubcommands().isEmpty()) {
                assertThat(cl.getCommand().getClass()).as(name(cl)).hasAnnotation(ExitCodes.class);
            }
        }
    }

    @Test
    void helpSucceedsOnStandardOutput() {
        CliRun r = CliRun.of("check", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: hvmigrate check", "Exit codes:");
        assertThat(r.err()).isEmpty();
    }
}
