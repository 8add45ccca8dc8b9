package io.hvmigrate.sim.world;

import java.util.regex.Pattern;

/** PowerShell wildcard matching (* ? [a-z]), case-insensitive, as -Name parameters that accept wildcards do. */
public final class Wildcards {
    private Wildcards() {}

    public static boolean matches(String pattern, String value) {
        return compile(pattern).matcher(value).matches();
    }

    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append('[').append(pattern, i + 1, end).append(']');
                        i = end;
                    }
                }
                case '`' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
