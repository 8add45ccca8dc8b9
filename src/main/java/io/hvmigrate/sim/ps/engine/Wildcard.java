package io.hvmigrate.sim.ps.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** PowerShell wildcards ({@code -like}, {@code Get-VM web*}): {@code *}, {@code ?}, {@code [a-c]}, backtick escapes. */
public final class Wildcard {
    private Wildcard() {}

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        String key = (ignoreCase ? "i" : "c") + pattern;
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = Pattern.compile(toRegex(pattern), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE
                    | Pattern.UNICODE_CASE : 0));
            if (CACHE.size() < 4096) {
                CACHE.put(key, p);
            }
        }
        return p.matcher(text).matches();
    }

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

    static String toRegex(String pattern) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '`' -> {
                    if (i + 1 < pattern.length()) {
                        b.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    } else {
                        b.append(Pattern.quote("`"));
                    }
                }
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                case '[' -> {
                    int close = pattern.indexOf(']', i + 1);
                    if (close < 0) {
                        b.append(Pattern.quote("["));
                    } else {
                        String set = pattern.substring(i + 1, close);
                        b.append('[');
                        for (int k = 0; k < set.length(); k++) {
                            char s = set.charAt(k);
                            if (s == '-' && k > 0 && k < set.length() - 1) {
                                b.append('-');
                            } else if (Character.isLetterOrDigit(s)) {
                                b.append(s);
                            } else {
                                b.append('\\').append(s);
                            }
                        }
                        b.append(']');
                        i = close;
                    }
                }
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }
}
