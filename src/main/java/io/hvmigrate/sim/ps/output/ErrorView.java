package io.hvmigrate.sim.ps.output;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.engine.ErrorViews;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows PowerShell 5.1's default error view (ErrorView = NormalView), as powershell.exe prints an error:
 * "Get-VM : message", the position message, the CategoryInfo and FullyQualifiedErrorId lines, and a closing " " line;
 * long lines are word-wrapped at the console width.
 */
public final class ErrorView {
    private ErrorView() {}

    /** The console width of powershell.exe started by WinRM. */
    public static final int WIDTH = 120;

    /** The error as one text with '\n' line breaks, before wrapping. */
    public static String text(PsError e) {
        String fqid = e.record().fullyQualifiedErrorId();
        if ("NativeCommandErrorMessage".equals(fqid)) {
            return e.message();
        }
        PsError.Invocation inv = e.invocation();
        boolean parserError = e.record().category() == ErrorCategory.ParserError;
        StringBuilder b = new StringBuilder();
        if (inv != null) {
            switch (inv.kind()) {
                case SCRIPT -> {
                    if (inv.scriptText() != null) {
                        b.append(inv.scriptText()).append(" : ");
                    }
                }
                case CMDLET, FUNCTION, NATIVE -> {
                    String name = inv.invocationName();
                    if (name == null || name.isEmpty() || name.equals("&") || name.equals(".")) {
                        name = inv.name();
                    }
                    if (name != null && !name.isEmpty()) {
                        b.append(name).append(" : ");
                    }
                }
                case STATEMENT -> {
                    if (inv.invocationName() != null && !inv.invocationName().isEmpty()) {
                        b.append(inv.invocationName()).append(" : ");
                    }
                }
            }
        }
        b.append(e.message());
        if (inv != null && inv.extent() != null && !parserError) {
            b.append('\n').append(inv.extent().positionMessage());
        }
        b.append('\n').append(indented("+ CategoryInfo          : " + ErrorViews.categoryInfoText(e)));
        b.append('\n').append(indented("+ FullyQualifiedErrorId : " + fqid));
        b.append("\n ");
        return b.toString();
    }

    /** The view's "-split (.{width})" then four-space indentation of each piece. */
    private static String indented(String line) {
        int chunk = WIDTH - 4 - 2;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i += chunk) {
            b.append("    ").append(line, i, Math.min(line.length(), i + chunk));
        }
        return b.toString();
    }

    /** The lines powershell.exe writes for an error, wrapped at the console width. */
    public static List<String> lines(PsError e) {
        List<String> out = new ArrayList<>();
        for (String line : text(e).replace("\r\n", "\n").split("\n", -1)) {
            out.addAll(wrap(line, WIDTH));
        }
        return out;
    }

    /**
     * Word-wraps a line as the console host's line output does: words keep their following space, a line is broken
     * before a word that would reach the last column, and a word longer than a line is cut.
     */
    public static List<String> wrap(String line, int width) {
        int limit = width - 1;
        List<String> out = new ArrayList<>();
        if (line.length() <= limit) {
            out.add(line);
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int j = i;
            while (j < line.length() && line.charAt(j) != ' ') {
                j++;
            }
            while (j < line.length() && line.charAt(j) == ' ') {
                j++;
            }
            String token = line.substring(i, j);
            if (cur.length() + token.length() > limit && !cur.isEmpty()) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            while (token.length() > limit) {
                out.add(token.substring(0, limit));
                token = token.substring(limit);
            }
            cur.append(token);
            i = j;
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
