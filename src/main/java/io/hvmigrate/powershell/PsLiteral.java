package io.hvmigrate.powershell;

import java.util.List;
import java.util.Map;

/**
 * The only way a value becomes PowerShell text: every string is a single-quoted literal, in which PowerShell expands
 * nothing. Inside it, each single-quote character is doubled — ASCII {@code '} and the typographic quotes
 * {@code ‘ ’ ‚ ‛}, which PowerShell's tokenizer treats as single quotes too (about_Quoting_Rules) — so no value can end
 * the literal early. Characters that have no business in a name or a path (NUL and the other C0/C1 controls, the line and
 * paragraph separators, unpaired surrogates) are refused rather than escaped: there is no literal form for them that
 * every PowerShell host reads the same way.
 */
public final class PsLiteral {
    private PsLiteral() {}

    /** The characters PowerShell reads as a single quote. */
    static final String SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";

    /** Thrown for a value that cannot be rendered safely; the message says which character and where. */
    public static final class UnsafeValueException extends IllegalArgumentException {
        public UnsafeValueException(String message) {
            super(message);
        }
    }

    /** A single-quoted PowerShell literal for {@code value}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            refuseUnsafe(value, i, c);
            out.append(c);
            if (SINGLE_QUOTES.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static void refuseUnsafe(String value, int i, char c) {
        String what = null;
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            what = String.format("control character U+%04X", (int) c);
        } else if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
            what = String.format("line separator U+%04X", (int) c);
        } else if (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))) {
            what = "unpaired surrogate";
        } else if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
            what = "unpaired surrogate";
        }
        if (what != null) {
            throw new UnsafeValueException("value contains a " + what + " at position " + (i + 1) + "; it cannot be passed to PowerShell safely");
        }
    }

    /**
     * Renders a value: String → quoted literal; Integer/Long → digits; Boolean → {@code $true}/{@code $false};
     * null → {@code $null}; List → {@code @(a,b)}; Map → {@code @{'k'=v;...}} (keys quoted too).
     */
    public static String render(Object value) {
        return switch (value) {
            case null -> "$null";
            case String s -> quote(s);
            case Integer n -> Integer.toString(n);
            case Long n -> Long.toString(n);
            case Boolean b -> b ? "$true" : "$false";
            case List<?> list -> {
                StringBuilder sb = new StringBuilder("@(");
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(render(list.get(i)));
                }
                yield sb.append(')').toString();
            }
            case Map<?, ?> map -> {
                StringBuilder sb = new StringBuilder("@{");
                boolean first = true;
                for (var e : map.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new IllegalArgumentException("hashtable keys must be strings");
                    }
                    sb.append(first ? "" : ";").append(quote(k)).append('=').append(render(e.getValue()));
                    first = false;
                }
                yield sb.append('}').toString();
            }
            default -> throw new IllegalArgumentException("no PowerShell literal for " + value.getClass().getName());
        };
    }
}
