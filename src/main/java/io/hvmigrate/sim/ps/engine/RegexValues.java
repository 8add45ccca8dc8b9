package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsHashtable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * .NET regular expressions on top of java.util.regex: group names .NET allows and Java does not (underscores),
 * .NET replacement strings ({@code $1}, {@code ${name}}, {@code $$}, {@code $&}), Regex.Split keeping captures, and
 * the Match objects scripts read ({@code $m.Value}, {@code $m.Groups[1].Value}).
 */
public final class RegexValues {
    private RegexValues() {}

    /** A compiled .NET regex: the Java pattern and the .NET group names in order. */
    public record RegexValue(Pattern pattern, String source, List<String> groupNames, Map<String, String> javaNames) {
        @Override
        public String toString() {
            return source;
        }

        String javaName(String dotNetName) {
            return javaNames.get(dotNetName);
        }
    }

    /** One match; {@code Groups} are its numbered and named groups. */
    public record MatchValue(String value, int index, boolean success, List<GroupValue> groups) {
        @Override
        public String toString() {
            return value;
        }
    }

    public record GroupValue(String name, String value, int index, boolean success) {
        @Override
        public String toString() {
            return value;
        }
    }

    private static final Map<String, RegexValue> CACHE = new ConcurrentHashMap<>();
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?(?:<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')");

    /** Compiles a .NET pattern; throws PatternSyntaxException for a pattern .NET would also reject. */
    public static RegexValue create(String pattern, boolean ignoreCase) {
        String key = (ignoreCase ? "i:" : "c:") + pattern;
        RegexValue cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> names = new ArrayList<>();
        Map<String, String> javaNames = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        Matcher m = NAMED_GROUP.matcher(pattern);
        int last = 0;
        while (m.find()) {
            if (m.start() > 0 && isEscaped(pattern, m.start())) {
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String javaName = "g" + names.size() + "x" + name.replace("_", "");
            names.add(name);
            javaNames.put(name, javaName);
            b.append(pattern, last, m.start()).append("(?<").append(javaName).append('>');
            last = m.end();
        }
        b.append(pattern.substring(last));
        String translated = b.toString();
        for (Map.Entry<String, String> e : javaNames.entrySet()) {
            translated = translated.replace("\\k<" + e.getKey() + ">", "\\k<" + e.getValue() + ">");
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        RegexValue r = new RegexValue(Pattern.compile(translated, flags), pattern, List.copyOf(names),
                Map.copyOf(javaNames));
        if (CACHE.size() < 2048) {
            CACHE.put(key, r);
        }
        return r;
    }

    private static boolean isEscaped(String s, int at) {
        int n = 0;
        for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    public static boolean isValid(String pattern) {
        try {
            create(pattern, true);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** The .NET Match for the current state of a Java matcher: unnamed groups are numbered first, then named ones. */
    static MatchValue toMatch(RegexValue r, Matcher m) {
        List<GroupValue> groups = new ArrayList<>();
        groups.add(new GroupValue("0", m.group(), m.start(), true));
        Map<String, Integer> javaIndexes = r.pattern().namedGroups();
        java.util.Set<Integer> namedIndexes = new java.util.HashSet<>(javaIndexes.values());
        int unnamed = 0;
        for (int i = 1; i <= m.groupCount(); i++) {
            if (namedIndexes.contains(i)) {
                continue;
            }
            unnamed++;
            String v = m.group(i);
            groups.add(new GroupValue(Integer.toString(unnamed), v == null ? "" : v, v == null ? 0 : m.start(i), v != null));
        }
        for (String name : r.groupNames()) {
            int gi = javaIndexes.getOrDefault(r.javaName(name), 0);
            String v = gi > 0 ? m.group(gi) : null;
            groups.add(new GroupValue(name, v == null ? "" : v, v == null ? 0 : m.start(gi), v != null));
        }
        return new MatchValue(m.group(), m.start(), true, List.copyOf(groups));
    }

    public static MatchValue noMatch() {
        return new MatchValue("", 0, false, List.of(new GroupValue("0", "", 0, false)));
    }

    /** {@code $Matches} after a successful -match: keys 0..n and the group names, for the groups that matched. */
    static PsHashtable matchesTable(MatchValue m) {
        PsHashtable h = new PsHashtable(false);
        for (int i = m.groups().size() - 1; i >= 0; i--) {
            GroupValue g = m.groups().get(i);
            if (!g.success()) {
                continue;
            }
            Object key = g.name().chars().allMatch(Character::isDigit) ? (Object) Integer.parseInt(g.name()) : g.name();
            h.put(key, g.value());
        }
        return h;
    }

    /** Regex.Replace with a .NET replacement string. */
    public static String replace(String input, RegexValue r, String replacement) {
        return replace(input, r, m -> substitute(replacement, r, m));
    }

    public static String replace(String input, RegexValue r, Function<MatchValue, String> evaluator) {
        Matcher m = r.pattern().matcher(input);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            b.append(input, last, m.start()).append(evaluator.apply(toMatch(r, m)));
            last = m.end();
        }
        return b.append(input.substring(last)).toString();
    }

    /** Expands a .NET replacement pattern for one match. */
    static String substitute(String replacement, RegexValue r, MatchValue m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c != '$' || i + 1 >= replacement.length()) {
                b.append(c);
                continue;
            }
            char n = replacement.charAt(i + 1);
            if (n == '$') {
                b.append('$');
                i++;
            } else if (n == '&') {
                b.append(m.value());
                i++;
            } else if (n == '`') {
                i++;
            } else if (n == '{') {
                int close = replacement.indexOf('}', i + 2);
                if (close < 0) {
                    b.append(c);
                    continue;
                }
                String name = replacement.substring(i + 2, close);
                GroupValue g = group(m, name);
                if (g == null) {
                    b.append(replacement, i, close + 1);
                } else {
                    b.append(g.value());
                }
                i = close;
            } else if (Character.isDigit(n)) {
                int j = i + 1;
                while (j < replacement.length() && Character.isDigit(replacement.charAt(j))) {
                    j++;
                }
                // .NET takes the longest group number that exists
                String digits = replacement.substring(i + 1, j);
                GroupValue g = null;
                int used = digits.length();
                while (used > 0) {
                    g = group(m, digits.substring(0, used));
                    if (g != null) {
                        break;
                    }
                    used--;
                }
                if (g == null) {
                    b.append('$');
                } else {
                    b.append(g.value());
                    i = i + used;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static GroupValue group(MatchValue m, String name) {
        for (GroupValue g : m.groups()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** Regex.Split: captured groups are kept between the pieces; trailing empty pieces stay. */
    public static List<String> split(String input, RegexValue r, int max) {
        List<String> out = new ArrayList<>();
        Matcher m = r.pattern().matcher(input);
        int last = 0;
        while ((max <= 0 || out.size() < max - 1) && m.find()) {
            out.add(input.substring(last, m.start()));
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    out.add(m.group(g));
                }
            }
            last = m.end();
        }
        out.add(input.substring(last));
        return out;
    }
}
