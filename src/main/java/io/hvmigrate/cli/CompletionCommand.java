package io.hvmigrate.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "completion", header = "Prints a shell completion script for hvmigrate (bash, zsh or PowerShell).",
        description = {"Prints a script that gives hvmigrate's commands, options and option values tab completion.", "",
                "bash and zsh: add source <(hvmigrate completion) to ~/.bashrc or ~/.zshrc (in zsh the script loads "
                + "bashcompinit). PowerShell: add hvmigrate completion --shell powershell | Out-String | Invoke-Expression "
                + "to your profile ($PROFILE)."})
@ExitCodes({})
final class CompletionCommand implements Callable<Integer> {

    /** The shells, for shell completion. */
    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("bash", "zsh", "powershell").iterator();
        }
    }

    @Option(names = "--shell", paramLabel = "SHELL", defaultValue = "bash", completionCandidates = Shells.class,
            description = "bash (default), zsh or powershell")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        String script = switch (shell.toLowerCase(Locale.ROOT)) {
            // one script for both: picocli's runs in zsh through bashcompinit
            case "bash", "zsh" -> AutoComplete.bash(root.name(), root.commandLine());
            case "powershell", "pwsh" -> PowerShellCompletion.script(root);
            default -> throw new CommandFailure(ExitCode.INVALID_INPUT, "--shell must be bash, zsh or powershell, not '" + shell + "'");
        };
        // "\n", not println: a script with Windows line ends fails in bash
        spec.commandLine().getOut().print(script.endsWith("\n") ? script : script + "\n");
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
