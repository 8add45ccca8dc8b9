package io.hvmigrate.sim.ps.exe;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way Windows programs do (CommandLineToArgvW / the MSVC runtime):
 * blanks separate arguments, double quotes group, {@code \"} is a literal quote, 2n backslashes before a quote are n
 * backslashes, and {@code ""} inside quotes is a literal quote.
 */
public final class WindowsCommandLine {
    private WindowsCommandLine() {}

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            while (i < n) {
                char c = line.charAt(i);
                if ((c == ' ' || c == '\t') && !quoted) {
                    break;
                }
                if (c == '\\') {
                    int slashes = 0;
                    while (i < n && line.charAt(i) == '\\') {
                        slashes++;
                        i++;
                    }
                    if (i < n && line.charAt(i) == '"') {
                        b.append("\\".repeat(slashes / 2));
                        if (slashes % 2 == 1) {
                            b.append('"');
                            i++;
                        }
                    } else {
                        b.append("\\".repeat(slashes));
                    }
                    continue;
                }
                if (c == '"') {
                    if (quoted && i + 1 < n && line.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = !quoted;
                    i++;
                    continue;
                }
                b.append(c);
                i++;
            }
            args.add(b.toString());
        }
        return args;
    }

    /** Quotes one argument so that {@link #split} gives it back. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return arg;
        }
        StringBuilder b = new StringBuilder("\"");
        int slashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                slashes++;
                continue;
            }
            if (c == '"') {
                b.append("\\".repeat(slashes * 2 + 1)).append('"');
            } else {
                b.append("\\".repeat(slashes)).append(c);
            }
            slashes = 0;
        }
        b.append("\\".repeat(slashes * 2)).append('"');
        return b.toString();
    }
}
