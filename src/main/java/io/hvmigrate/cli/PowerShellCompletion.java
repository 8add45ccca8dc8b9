package io.hvmigrate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A PowerShell argument completer for hvmigrate, made from the command model: each command's subcommands and options,
 * and the values an option offers. Picocli makes bash and zsh scripts only.
 */
final class PowerShellCompletion {
    private PowerShellCompletion() {}

    static String script(CommandSpec root) {
        List<String> model = new ArrayList<>();
        commands(root, "", model);
        return """
                # %1$s completion for PowerShell (5.1 and 7), made by '%1$s completion --shell powershell' from %1$s's
                # commands and options. To load it in every session, add this line to your profile ($PROFILE):
                #   %1$s completion --shell powershell | Out-String | Invoke-Expression
                Register-ArgumentCompleter -Native -CommandName '%1$s', '%1$s.cmd' -ScriptBlock {
                    param($wordToComplete, $commandAst, $cursorPosition)
                    # Per command, by its words after '%1$s': its subcommands and options (name -> what it does), and the
                    # values of the options that take one. Names are case-sensitive, as %1$s reads them: -o is not -O.
                    function New-Node {
                        @{
                            Commands = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
                            Options = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
                            Choices = [System.Collections.Generic.Dictionary[string, string[]]]::new([System.StringComparer]::Ordinal)
                        }
                    }
                    $model = [System.Collections.Generic.Dictionary[string, object]]::new([System.StringComparer]::Ordinal)
                %2$s

                    # Which command the words before the cursor name, and whether the last of them is an option awaiting its value.
                    $path = ''
                    $pending = $null
                    $wordStart = $cursorPosition - $wordToComplete.Length
                    foreach ($element in @($commandAst.CommandElements | Select-Object -Skip 1)) {
                        if ($element.Extent.StartOffset -ge $wordStart) { break }
                        $word = $element.Extent.Text
                        if ($null -ne $pending) { $pending = $null; continue }
                        if ($word.StartsWith('-')) {
                            if ($model[$path].Choices.ContainsKey($word)) { $pending = $word }
                            continue
                        }
                        $next = if ($path) { "$path $word" } else { $word }
                        if ($model.ContainsKey($next)) { $path = $next }
                    }
                    $node = $model[$path]
                    if ($null -ne $pending) {
                        # the option's choices; an option without any (a file, a number) gets PowerShell's own completion
                        foreach ($choice in $node.Choices[$pending]) {
                            if ($choice.StartsWith($wordToComplete, [System.StringComparison]::OrdinalIgnoreCase)) {
                                [System.Management.Automation.CompletionResult]::new($choice, $choice, 'ParameterValue', $choice)
                            }
                        }
                        return
                    }
                    if ($wordToComplete.StartsWith('-')) {
                        $pool = $node.Options
                        $type = 'ParameterName'
                    } else {
                        $pool = $node.Commands
                        $type = 'ParameterValue'
                    }
                    foreach ($entry in $pool.GetEnumerator()) {
                        if ($entry.Key.StartsWith($wordToComplete, [System.StringComparison]::Ordinal)) {
                            [System.Management.Automation.CompletionResult]::new($entry.Key, $entry.Key, $type, $entry.Value)
                        }
                    }
                }
                """.formatted(root.name(), String.join("\n", model));
    }

    private static void commands(CommandSpec spec, String path, List<String> model) {
        String indent = "    ";
        model.add(indent + "$node = New-Node");
        model.add(indent + "$model.Add(" + quote(path) + ", $node)");
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                model.add(indent + "$node.Commands.Add(" + quote(name) + ", " + quote(summary(sub.getCommandSpec())) + ")");
            }
        });
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String text = o.description().length == 0 ? o.longestName()
                    : o.description()[0].replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
            List<String> choices = new ArrayList<>();
            if (o.completionCandidates() != null) {
                o.completionCandidates().forEach(c -> choices.add(quote(c)));
            }
            for (String n : o.names()) {
                model.add(indent + "$node.Options.Add(" + quote(n) + ", " + quote(text) + ")");
                if (o.arity().max() > 0) {
                    model.add(indent + "$node.Choices.Add(" + quote(n) + ", [string[]]@(" + String.join(", ", choices) + "))");
                }
            }
        }
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                commands(sub.getCommandSpec(), path.isEmpty() ? name : path + " " + name, model);
            }
        });
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        return header.length > 0 ? header[0] : description.length > 0 ? description[0] : spec.name();
    }

    /** A PowerShell single-quoted string: nothing inside is expanded; a quote, in any of the forms PowerShell takes, doubled. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            boolean singleQuote = c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
            b.append(singleQuote ? "''" : String.valueOf(c));
        }
        return b.append('\'').toString();
    }
}
