package io.hvmigrate.powershell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every value rendered by {@link PsLiteral} must come back as exactly one literal holding exactly that value. The
 * reading side here is an independent reading of PowerShell's tokenizer rules for single-quoted strings
 * (about_Quoting_Rules): the string ends at a single-quote character — ASCII ' or one of ‘ ’ ‚ ‛ — unless the next
 * character is also one, in which case the pair stands for the second character.
 */
class PsLiteralTest {

    private static final String QUOTES = "'\u2018\u2019\u201A\u201B";

    /** Reads one single-quoted literal starting at {@code start}; returns the value and where the literal ended. */
    static ReadBack readLiteral(String text, int start) {
        assertThat(QUOTES.indexOf(text.charAt(start))).as("a literal opens with a single quote").isGreaterThanOrEqualTo(0);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (QUOTES.indexOf(c) >= 0) {
                if (i + 1 < text.length() && QUOTES.indexOf(text.charAt(i + 1)) >= 0) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                return new ReadBack(value.toString(), i + 1);
            }
            value.append(c);
            i++;
        }
        throw new AssertionError("unterminated literal: " + text);
    }

    record ReadBack(String value, int end) {}

    static final String[] ADVERSARIAL = {
        "'", "''", "'''", "‘", "’", "‚", "‛", "‘’", "'‘", "’'", "x'; Remove-VM -Name y -Force; '", "a‘; Stop-Computer; ’b",
        "\"", "“", "”", "„", "$(Remove-VM x)", "${env:PATH}", "$x", "`", "``'", "`'", ";", "|", "&", "&&", "||", "@(", "@{",
        "{", "}", "(", ")", "<#", "#>", "#", "--%", ">", "2>&1", "*", "?", "[a-z]", "\\\\server\\share", "C:\\VMs\\x",
        "é", "日本語の仮想マシン", "Ω≈ç√", "😀", "👩‍💻", "ﬁ", "\u00A0", "\u200B", "\u202E", "\uFEFF", " ", "  leading", "trailing  ",
        "vm name with spaces", "web[1]", "-Force", "-", "--", "x".repeat(5000)
    };

    @Test
    void adversarialCorpusStaysOneLiteralWithTheExactValue() {
        for (String v : ADVERSARIAL) {
            assertRoundTrip(v);
        }
    }

    @Test
    void randomValuesFromAHostileAlphabetStayOneLiteral() {
        // seeded: a failure is reproducible; the alphabet is the characters that matter to PowerShell's tokenizer
        String alphabet = "'‘’‚‛\"“”„$`;|&(){}[]@#<>*?-=+,. \\/:%!~^abcXYZ019é日😀";
        int[] codePoints = alphabet.codePoints().toArray();
        Random random = new Random(20261122L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            assertRoundTrip(sb.toString());
        }
    }

    @Test
    void valuesInsideAScriptDoNotChangeTheNumberOfStatements() {
        // the literal, followed by code, reads back as the value followed by exactly that code
        for (String v : ADVERSARIAL) {
            String script = "Get-VM -Name " + PsLiteral.quote(v) + "; Write-Output done";
            ReadBack rb = readLiteral(script, "Get-VM -Name ".length());
            assertThat(rb.value()).isEqualTo(v);
            assertThat(script.substring(rb.end())).isEqualTo("; Write-Output done");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "cr\rhere", "tab\there", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085",
            "ls\u2028", "ps\u2029", "lone\uD800", "lone\uDC00x"})
    void refusesCharactersThatHaveNoSafeLiteral(String v) {
        assertThatThrownBy(() -> PsLiteral.quote(v)).isInstanceOf(PsLiteral.UnsafeValueException.class)
                .hasMessageContaining("cannot be passed to PowerShell safely");
    }

    @Test
    void rendersNumbersBooleansNullArraysAndHashtables() {
        assertThat(PsLiteral.render(3000)).isEqualTo("3000");
        assertThat(PsLiteral.render(-1L)).isEqualTo("-1");
        assertThat(PsLiteral.render(true)).isEqualTo("$true");
        assertThat(PsLiteral.render(false)).isEqualTo("$false");
        assertThat(PsLiteral.render(null)).isEqualTo("$null");
        assertThat(PsLiteral.render(List.of("a'b", "HV-A1"))).isEqualTo("@('a''b','HV-A1')");
        assertThat(PsLiteral.render(List.of())).isEqualTo("@()");
        assertThat(PsLiteral.render(new java.util.LinkedHashMap<>(Map.of("SourceFilePath", "C:\\x.vhdx"))))
                .isEqualTo("@{'SourceFilePath'='C:\\x.vhdx'}");
    }

    private static void assertRoundTrip(String v) {
        String lit = PsLiteral.quote(v);
        ReadBack rb = readLiteral(lit, 0);
        assertThat(rb.value()).as("value of %s", lit).isEqualTo(v);
        assertThat(rb.end()).as("the literal %s must end exactly at its last character", lit).isEqualTo(lit.length());
        assertThat(lit).startsWith("'").endsWith("'");
    }
}
