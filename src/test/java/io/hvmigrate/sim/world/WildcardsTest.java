package io.hvmigrate.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * -Name parameters that "Accept wildcard characters" match as PowerShell's WildcardPattern does; the rules are those of
 * about_Wildcards (PowerShell-Docs reference/5.1/Microsoft.PowerShell.Core/About/about_Wildcards.md).
 */
class WildcardsTest {

    /** about_Wildcards: "*" matches zero or more characters, "?" exactly one; case does not matter. */
    @Test
    void starAndQuestionMark() {
        assertThat(Wildcards.matches("web*", "WEB01")).isTrue();
        assertThat(Wildcards.matches("web*", "web")).isTrue();
        assertThat(Wildcards.matches("w?b", "web")).isTrue();
        assertThat(Wildcards.matches("w?b", "wb")).isFalse();
    }

    /** about_Wildcards: "[]" matches one character of a set ("[bc]") or range ("[a-l]"). */
    @Test
    void bracketsAreOneCharacterOfASetOrRange() {
        assertThat(Wildcards.matches("web[1]", "web1")).isTrue();
        assertThat(Wildcards.matches("web[1]", "web[1]")).as("a bracket is not literal").isFalse();
        assertThat(Wildcards.matches("[a-l]ook", "book")).isTrue();
        assertThat(Wildcards.matches("[a-l]ook", "took")).isFalse();
        assertThat(Wildcards.matches("[bc]ook", "cook")).isTrue();
        assertThat(Wildcards.matches("x[.^\\]", "x^")).as("regex characters in a set are plain").isTrue();
    }

    /** about_Wildcards: the backtick escapes a wildcard character so it matches itself, inside brackets too. */
    @Test
    void backtickEscapes() {
        assertThat(Wildcards.matches("web`[1`]", "web[1]")).isTrue();
        assertThat(Wildcards.matches("web`[1`]", "web1")).isFalse();
        assertThat(Wildcards.matches("a`*", "a*")).isTrue();
        assertThat(Wildcards.matches("a`*", "ab")).isFalse();
        assertThat(Wildcards.matches("x[`]]", "x]")).isTrue();
        assertThat(Wildcards.matches("db`1", "db1")).as("a backtick before a plain character is dropped").isTrue();
        assertThat(Wildcards.matches("db`1", "db`1")).isFalse();
        assertThat(Wildcards.matches("db``1", "db`1")).isTrue();
    }

    @Test
    void onlyUnescapedCharactersAreWildcards() {
        assertThat(Wildcards.hasWildcard("web[1]")).isTrue();
        assertThat(Wildcards.hasWildcard("web`[1`]")).isFalse();
        assertThat(Wildcards.hasWildcard("db`1")).isFalse();
        assertThat(Wildcards.hasWildcard("a?")).isTrue();
    }

    @Test
    void anUnclosedBracketIsNotAValidPattern() {
        assertThatThrownBy(() -> Wildcards.matches("web[1", "web1")).isInstanceOf(Wildcards.InvalidPattern.class)
                .hasMessage("The specified wildcard character pattern is not valid: web[1");
    }
}
