package io.hvmigrate.sim.ps.lang;

/** Character classes of the PowerShell tokenizer. */
public final class Chars {
    private Chars() {}

    /** PowerShell counts the typographic quotes as quotes, both as delimiters and when doubled. */
    public static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    public static boolean isDoubleQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
    }

    public static boolean isQuote(char c) {
        return isSingleQuote(c) || isDoubleQuote(c);
    }

    /** En dash, em dash and horizontal bar work as '-' (text pasted from documents). */
    public static boolean isDash(char c) {
        return c == '-' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    public static boolean isNewline(char c) {
        return c == '\r' || c == '\n';
    }

    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\u00A0' || c == '\u0085'
                || (c > 255 && Character.isSpaceChar(c));
    }

    /** A character that can be part of a variable name without braces. */
    public static boolean isVariableChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Characters that end a bare word in command mode. */
    public static boolean endsGeneric(char c) {
        return isBlank(c) || isNewline(c) || c == ';' || c == '|' || c == '&' || c == '(' || c == ')'
                || c == '{' || c == '}' || c == ',' || c == '<' || c == '>';
    }

    public static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    public static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
