package io.hvmigrate.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what may be a credential in lines quoted from an input file, so that an error excerpt never shows a password
 * typed into an inventory or a settings file by mistake: the value of every credential-like key (password and its
 * misspellings, secret, credential, token, ...), everything nested under one, and the rest of a line that names one
 * but cannot be read as {@code key: value}. A credential reference ({@code env:NAME}, {@code file:PATH}) is shown: it
 * names where the secret is kept, not the secret.
 */
public final class SecretMask {
    private SecretMask() {}

    public static final String MASK = "********";

    /** {@code key: value} or {@code key=value}, maybe a list item, the key maybe quoted. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "^(\\s*(?:-\\s+)*)([\"']?)([^\"'\\s:=#{}\\[\\],&*!|>][^\"':=#{}\\[\\],]*?)\\2(\\s*(?::(?:\\s+|$)|=\\s*))(.*)$");
    /** {@code key: value} inside a flow mapping: {@code { user: u, password: p }}. */
    private static final Pattern FLOW = Pattern.compile("([\"']?)([A-Za-z_][\\w.-]*)\\1(\\s*:\\s*)(\"[^\"]*\"?|'[^']*'?|[^,}\\]]*)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][\\w.-]*");
    /** An environment variable as people name them; anything else after env: may be a password typed there. */
    private static final Pattern SHOWN_REFERENCE = Pattern.compile("env:[A-Z_][A-Z0-9_]{0,254}|file:[^\\s\\p{Cntrl}]+");
    private static final List<String> PARTS = List.of("pass", "pwd", "secret", "cred", "token", "apikey", "privatekey");
    private static final List<String> WORDS = List.of("password", "passwd", "passphrase", "secret", "credential", "credentials", "token");

    /** True for a key whose value may be a secret: password, pasword, passwd, pwd, secret, credential, token, ... */
    public static boolean credentialKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (k.isEmpty()) {
            return false;
        }
        if (k.equals("pw") || PARTS.stream().anyMatch(k::contains)) {
            return true;
        }
        String last = key.toLowerCase(Locale.ROOT).replaceAll(".*[^a-z]", "");
        for (String w : WORDS) {
            int allowed = w.length() >= 8 ? 2 : 1;
            if (DidYouMean.distance(k, w) <= allowed || (!last.isEmpty() && DidYouMean.distance(last, w) <= allowed)) {
                return true;
            }
        }
        return false;
    }

    /** True when a credential's value may be shown: a reference to where the secret is kept. */
    public static boolean shownReference(String value) {
        String v = unquote(stripComment(value).strip());
        return SHOWN_REFERENCE.matcher(v).matches();
    }

    /** Lines are cut to this length first: excerpts show fewer characters. */
    private static final int LINE_CHARS = 1_000;

    /**
     * The lines of a file with every value that may be a credential masked; line numbers stay as they were, and lines
     * longer than {@value #LINE_CHARS} characters are cut there.
     */
    public static List<String> lines(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        Deque<Integer> blocks = new ArrayDeque<>(); // indentations of open credential keys
        for (String line : lines) {
            out.add(line(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) : line, blocks));
        }
        return out;
    }

    private static String line(String line, Deque<Integer> blocks) {
        if (line.isBlank()) {
            return line;
        }
        int indent = 0;
        while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
            indent++;
        }
        while (!blocks.isEmpty() && blocks.peek() >= indent) {
            blocks.pop();
        }
        Matcher m = KEY_VALUE.matcher(line);
        if (!blocks.isEmpty()) {
            // under a credential key: every value is masked, keys stay
            if (m.matches()) {
                return m.group(5).isBlank() ? line : line.substring(0, m.start(5)) + MASK;
            }
            Matcher item = Pattern.compile("^\\s*(?:-\\s*)?").matcher(line);
            item.lookingAt();
            return line.substring(0, item.end()) + MASK;
        }
        if (m.matches() && credentialKey(m.group(3))) {
            String value = m.group(5);
            String v = stripComment(value).strip();
            if (v.isEmpty() || v.matches("[|>][-+0-9]*")) {
                blocks.push(indent);
                return line;
            }
            if (v.startsWith("{") || v.startsWith("[") || unclosedQuote(v)) {
                blocks.push(indent);
                return line.substring(0, m.start(5)) + MASK;
            }
            return shownReference(v) ? line : line.substring(0, m.start(5)) + MASK;
        }
        String flow = flow(line);
        if (!flow.equals(line) || m.matches()) {
            return flow;
        }
        // not key: value (a syntax error on this line): after a credential-like word, nothing is shown
        Matcher w = WORD.matcher(line);
        while (w.find()) {
            if (credentialKey(w.group()) && !line.substring(w.end()).isBlank()) {
                return line.substring(0, w.end()) + " " + MASK;
            }
        }
        return line;
    }

    /** Masks credential values inside flow mappings on one line. */
    private static String flow(String line) {
        Matcher f = FLOW.matcher(line);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (f.find()) {
            if (credentialKey(f.group(2)) && !f.group(4).isBlank() && !shownReference(f.group(4))) {
                b.append(line, last, f.start(4)).append(MASK);
                last = f.end(4);
            }
        }
        return last == 0 ? line : b.append(line.substring(last)).toString();
    }

    private static boolean unclosedQuote(String v) {
        char q = v.charAt(0);
        return (q == '"' || q == '\'') && (v.length() == 1 || v.charAt(v.length() - 1) != q);
    }

    private static String stripComment(String v) {
        int hash = v.indexOf(" #");
        return hash < 0 ? v : v.substring(0, hash);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
