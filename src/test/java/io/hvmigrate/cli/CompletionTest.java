package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class CompletionTest {

    private static final CommandSpec MODEL = Main.commandLine(Map.of()).getCommandSpec();

    private static List<String> subcommands(CommandSpec spec) {
        return spec.subcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(s -> !s.usageMessage().hidden()).map(CommandSpec::name).toList();
    }

    @Test
    void theBashScriptNamesEveryCommand() {
        CliRun r = CliRun.of("completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_hvmigrate")
                .contains("local commands=\"" + String.join(" ", subcommands(MODEL)) + "\"")
                .contains("local commands=\"plan apply\"");
        assertThat(subcommands(MODEL)).contains("plan", "run", "delegation", "discover", "schema", "completion");
        assertThat(CliRun.of("completion", "--shell", "zsh").out()).isEqualTo(r.out());
    }

    /** What bash offers after these words, with the script loaded. */
    private static List<String> bashCompletes(Path script, String... words) throws Exception {
        String array = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String shell = "source '" + script + "' 2>/dev/null\n"
                + "COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "_complete_hvmigrate hvmigrate \"${COMP_WORDS[COMP_CWORD]}\" 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", shell).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void bashCompletesCommandsAndOptionValuesFromTheScript(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash is here");
        Path script = dir.resolve("hvmigrate.bash");
        Files.writeString(script, CliRun.of("completion").out());
        assertThat(bashCompletes(script, "hvmigrate", "")).containsExactlyElementsOf(subcommands(MODEL));
        assertThat(bashCompletes(script, "hvmigrate", "dis")).containsExactly("discover");
        assertThat(bashCompletes(script, "hvmigrate", "delegation", "")).containsExactly("plan", "apply");
        assertThat(bashCompletes(script, "hvmigrate", "discover", "-o", "")).containsExactly("text", "json");
        assertThat(bashCompletes(script, "hvmigrate", "schema", "")).containsExactly("playbook", "inventory", "facts");
    }

    @Test
    void thePowerShellScriptIsMadeFromEveryCommandAndOption() {
        CliRun r = CliRun.of("completion", "--shell", "powershell");
        assertThat(r.exitCode()).isZero();
        String script = r.out();
        assertThat(script).contains("Register-ArgumentCompleter -Native -CommandName 'hvmigrate', 'hvmigrate.cmd'");
        List<CommandSpec> all = new ArrayList<>();
        collect(MODEL, all);
        for (CommandSpec spec : all) {
            String path = spec.qualifiedName().equals("hvmigrate") ? "" : spec.qualifiedName().substring("hvmigrate ".length());
            String text = script.substring(script.indexOf("$model.Add('" + path + "', $node)"));
            int end = text.indexOf("$node = New-Node");
            String node = text.substring(0, end >= 0 ? end : text.indexOf("\n\n"));
            for (String sub : subcommands(spec)) {
                assertThat(node).as(spec.qualifiedName()).contains("$node.Commands.Add('" + sub + "', ");
            }
            spec.options().forEach(o -> Arrays.stream(o.names()).forEach(n ->
                    assertThat(node).as(spec.qualifiedName()).contains("$node.Options.Add('" + n + "', ")));
        }
        assertThat(script).contains("$node.Choices.Add('--output', [string[]]@('text', 'json'))")
                .contains("$node.Choices.Add('--mode', [string[]]@('constrained', 'resource-based'))");
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), into));
    }

    @Test
    void powerShellStringsKeepTheirQuotes() {
        assertThat(PowerShellCompletion.quote("a playbook's moves")).isEqualTo("'a playbook''s moves'");
        assertThat(PowerShellCompletion.quote("it\u2019s $HOME")).isEqualTo("'it''s $HOME'");
    }

    @Test
    void anUnknownShellIsInvalidInput() {
        CliRun r = CliRun.of("completion", "--shell", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--shell must be bash, zsh or powershell");
    }
}
