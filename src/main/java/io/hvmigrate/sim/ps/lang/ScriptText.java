package io.hvmigrate.sim.ps.lang;

import java.util.Arrays;

/**
 * The text of one script, with the line map that turns offsets into PowerShell's 1-based line and column numbers
 * ("At line:3 char:5").
 */
public final class ScriptText {
    private final String text;
    private final int[] lineStarts;

    public ScriptText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            boolean newline = c == '\n' || i + 1 >= text.length() || text.charAt(i + 1) != '\n';
            if (newline) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** 1-based line of an offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of an offset. */
    public int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The text of a 1-based line, with its line ending. */
    public String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        return text.substring(start, end);
    }

    public Extent extent(int start, int end) {
        return new Extent(this, start, end);
    }
}
