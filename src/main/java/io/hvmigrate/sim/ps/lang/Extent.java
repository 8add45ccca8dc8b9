package io.hvmigrate.sim.ps.lang;

/**
 * A span of script text, as PowerShell's IScriptExtent: where a token, an AST node or an error sits.
 */
public record Extent(ScriptText source, int start, int end) {

    public String text() {
        int s = Math.min(start, source.length());
        return source.text().substring(s, Math.min(Math.max(end, s), source.length()));
    }

    public int startLine() {
        return source.lineOf(start);
    }

    public int startColumn() {
        return source.columnOf(start);
    }

    public int endLine() {
        return source.lineOf(end);
    }

    public int endColumn() {
        return source.columnOf(end);
    }

    /** An empty extent just after this one: where PowerShell points when something is missing. */
    public Extent after() {
        return new Extent(source, end, end);
    }

    public Extent to(Extent other) {
        return new Extent(source, Math.min(start, other.start), Math.max(end, other.end));
    }

    /**
     * PowerShell 5.1's position message ({@code InvocationInfo.PositionMessage}, {@code ParseError} text):
     * {@code At line:1 char:5}, the source line after {@code + }, and squiggles under the extent. Long lines are cut
     * to 69 characters around the extent with "... " marks, as 5.1 does.
     */
    public String positionMessage() {
        String sourceLine = stripEnd(source.line(startLine()));
        StringBuilder out = new StringBuilder();
        out.append("At line:").append(startLine()).append(" char:").append(startColumn());
        if (sourceLine.isEmpty()) {
            return out.toString();
        }
        int spacesBefore = startColumn() - 1;
        int errorLength = startLine() == endLine() && endColumn() <= sourceLine.length() + 1
                ? endColumn() - startColumn()
                : sourceLine.length() - startColumn() + 1;
        if (sourceLine.indexOf('\t') >= 0) {
            int safeBefore = Math.min(spacesBefore, sourceLine.length());
            int safeLen = Math.max(0, Math.min(errorLength, sourceLine.length() - safeBefore));
            String before = sourceLine.substring(0, safeBefore).replace("\t", "    ");
            String error = sourceLine.substring(safeBefore, safeBefore + safeLen).replace("\t", "    ");
            sourceLine = before + error + sourceLine.substring(safeBefore + safeLen).replace("\t", "    ");
            spacesBefore = before.length();
            errorLength = error.length();
        }
        final int maxLineLength = 69;
        boolean prefixDots = false;
        boolean suffixDots = false;
        int lineLength = sourceLine.length();
        if (lineLength > maxLineLength) {
            int totalPrefix = spacesBefore;
            int prefix = Math.min(totalPrefix, 12);
            int totalSuffix = Math.max(0, lineLength - errorLength - spacesBefore);
            int suffix = Math.min(totalSuffix, 8);
            int candidate = prefix + errorLength + suffix;
            if (candidate >= maxLineLength) {
                if (prefix + errorLength >= maxLineLength) {
                    errorLength = maxLineLength - prefix;
                }
                suffixDots = true;
            } else {
                int prefixAvailable = totalPrefix - prefix;
                if (prefixAvailable > 0) {
                    prefix += Math.min(prefixAvailable, maxLineLength - candidate);
                    candidate = prefix + errorLength + suffix;
                }
                if (candidate < maxLineLength && totalSuffix > 0) {
                    suffix += Math.min(totalSuffix, maxLineLength - candidate);
                }
                suffixDots = suffix < totalSuffix;
            }
            prefixDots = prefix < totalPrefix;
            int startIndex = Math.max(spacesBefore - prefix, 0);
            sourceLine = sourceLine.substring(startIndex, Math.min(lineLength, startIndex + maxLineLength));
            spacesBefore = Math.min(spacesBefore, prefix);
            errorLength = Math.min(errorLength, maxLineLength - spacesBefore);
        }
        out.append("\n+ ");
        if (prefixDots) {
            out.append("... ");
        }
        out.append(sourceLine);
        if (suffixDots) {
            out.append(" ...");
        }
        out.append("\n+ ");
        out.append(" ".repeat(Math.max(0, spacesBefore + (prefixDots ? 4 : 0))));
        out.append("~".repeat(errorLength > 0 ? errorLength : 1));
        return out.toString();
    }

    private static String stripEnd(String s) {
        int e = s.length();
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    @Override
    public String toString() {
        return "Extent[" + start + ".." + end + "]";
    }
}
