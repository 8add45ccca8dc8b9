package io.hvmigrate.sim.ps.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * -Name parameters that "Accept wildcard characters" match as PowerShell's WildcardPattern does; the rules are those of
 * about_Wildcards (PowerShell-Docs reference/5.1/Microsoft.PowerShell.Core/About/about_Wildcards.md).
 */
class WildcardTest {

    /** about_Wildcards: "*" matches zero or more characters, "?" exactly one; case does not matter. */
    @Test
    void starAndQuestionMark() {
        assertThat(Wildcard.matches("web*", "WEB01")).isTrue();
        assertThat(Wildcard.matches("web*", "web")).isTrue();
        assertThat(Wildcard.matches("w?b", "web")).isTrue();
        assertThat(Wildcard.matches("w?b", "wb")).isFalse();
    }

    /** about_Wildcards: "[]" matches one character of a set ("[bc]") or range ("[a-l]"). */
    @Test
    void bracketsAreOneCharacterOfASetOrRange() {
        assertThat(Wildcard.matches("web[1]", "web1")).isTrue();
        assertThat(Wildcard.matches("web[1]", "web[1]")).as("a bracket is not literal").isFalse();
        assertThat(Wildcard.matches("[a-l]ook", "book")).isTrue();
        assertThat(Wildcard.matches("[a-l]ook", "took")).isFalse();
        assertThat(Wildcard.matches("[bc]ook", "cook")).isTrue();
        assertThat(Wildcard.matches("x[.^\\]", "x^")).as("regex characters in a set are plain").isTrue();
    }

    /** about_Wildcards: the backtick escapes a wildcard character so it matches itself, inside brackets too. */
    @Test
    void backtickEscapes() {
        assertThat(Wildcard.matches("web`[1`]", "web[1]")).isTrue();
        assertThat(Wildcard.matches("web`[1`]", "web1")).isFalse();
        assertThat(Wildcard.matches("a`*", "a*")).isTrue();
        assertThat(Wildcard.matches("a`*", "ab")).isFalse();
        assertThat(Wildcard.matches("x[`]]", "x]")).isTrue();
        assertThat(Wildcard.matches("db`1", "db1")).as("a backtick before a plain character is dropped").isTrue();
        assertThat(Wildcard.matches("db`1", "db`1")).isFalse();
        assertThat(Wildcard.matches("db``1", "db`1")).isTrue();
    }

    @Test
    void onlyUnescapedCharactersAreWildcards() {
        assertThat(Wildcard.hasWildcards("web[1]")).isTrue();
        assertThat(Wildcard.hasWildcards("web`[1`]")).isFalse();
        assertThat(Wildcard.hasWildcards("db`1")).isFalse();
        assertThat(Wildcard.hasWildcards("a?")).isTrue();
    }

    @Test
    void anUnclosedBracketIsNotAValidPattern() {
        assertThatThrownBy(() -> Wildcard.matches("web[1", "web1")).isInstanceOf(Wildcard.InvalidPattern.class)
                .hasMessage("The specified wildcard character pattern is not valid: web[1");
    }
}
