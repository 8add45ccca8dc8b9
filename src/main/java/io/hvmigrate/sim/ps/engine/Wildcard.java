package io.hvmigrate.sim.ps.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * PowerShell's WildcardPattern, for {@code -like} and for -Name parameters that "Accept wildcard characters"
 * (about_Wildcards, PowerShell-Docs reference/5.1/Microsoft.PowerShell.Core/About/about_Wildcards.md): {@code *} any
 * run of characters, {@code ?} one character, {@code [abc]} one of a set and {@code [a-c]} one of a range, and the
 * backtick escapes the next character, inside a bracket too. A pattern with an unclosed {@code [} is not valid.
 */
public final class Wildcard {
    private Wildcard() {}

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** Case-insensitive, as cmdlets' -Name parameters match. */
    public static boolean matches(String pattern, String text) {
        return matches(pattern, text, true);
    }

    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        String key = (ignoreCase ? "i" : "c") + pattern;
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = compile(pattern, ignoreCase);
            if (CACHE.size() < 4096) {
                CACHE.put(key, p);
            }
        }
        return p.matcher(text).matches();
    }

    /** WildcardPattern.ContainsWildcardCharacters: {@code * ? [} not escaped by a backtick. */
    public static boolean hasWildcards(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** A pattern PowerShell refuses: "The specified wildcard character pattern is not valid: …". */
    public static final class InvalidPattern extends IllegalArgumentException {
        InvalidPattern(String pattern) {
            super("The specified wildcard character pattern is not valid: " + pattern);
        }
    }

    private static Pattern compile(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> i = bracket(pattern, i, re);
                case '`' -> re.append(literal(i + 1 < pattern.length() ? pattern.charAt(++i) : '`'));
                default -> re.append(literal(c));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** Appends the bracket expression that opens at {@code open}; returns the index of its {@code ]}. */
    private static int bracket(String pattern, int open, StringBuilder re) {
        StringBuilder set = new StringBuilder("[");
        int i = open + 1;
        boolean any = false;
        for (; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ']' && any) {
                re.append(set).append(']');
                return i;
            }
            if (c == '`' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            } else if (c == '-' && any && i + 1 < pattern.length() && pattern.charAt(i + 1) != ']') {
                set.append('-');
                continue;
            }
            set.append(c == '\\' || c == '[' || c == ']' || c == '^' || c == '-' || c == '&' ? "\\" + c : String.valueOf(c));
            any = true;
        }
        throw new InvalidPattern(pattern);
    }

    private static String literal(char c) {
        return Pattern.quote(String.valueOf(c));
    }
}
