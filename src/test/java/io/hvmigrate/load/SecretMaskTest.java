package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines quoted from an inventory or settings file never show a value that may be a password. */
class SecretMaskTest {
    private static final String PW = "Hunter2-Pa55!word";

    private static List<String> mask(String... lines) {
        return SecretMask.lines(List.of(lines));
    }

    @Test
    void credentialLikeKeysAndTheirMisspellingsAreMasked() {
        for (String key : List.of("password", "pasword", "passwrod", "psasword", "passwd", "pwd", "secret", "token",
                "credential", "credentail", "winrm.password", "WINRM_PASSWORD", "apiKey-secret")) {
            assertThat(mask("  " + key + ": " + PW)).as(key).containsExactly("  " + key + ": " + SecretMask.MASK);
        }
        assertThat(mask("winrm.pasword=" + PW)).containsExactly("winrm.pasword=" + SecretMask.MASK);
    }

    @Test
    void otherKeysAndCredentialReferencesAreShown() {
        assertThat(mask("  user: 'LAB\\svc'", "  transport: https", "  credential: env:HV_PASSWORD", "  credential: 'file:/run/pw'"))
                .containsExactly("  user: 'LAB\\svc'", "  transport: https", "  credential: env:HV_PASSWORD", "  credential: 'file:/run/pw'");
    }

    @Test
    void textAfterEnvThatIsNoVariableNameMayBeAPassword() {
        assertThat(mask("  credential: 'env:" + PW + "'")).containsExactly("  credential: " + SecretMask.MASK);
    }

    @Test
    void everythingUnderACredentialKeyIsMasked() {
        assertThat(mask("credential:", "  password: " + PW, "  - " + PW, "user: x"))
                .containsExactly("credential:", "  password: " + SecretMask.MASK, "  - " + SecretMask.MASK, "user: x");
        assertThat(mask("password: |", "  " + PW, "next: 1")).containsExactly("password: |", "  " + SecretMask.MASK, "next: 1");
        assertThat(mask("password: \"" + PW, "  more", "x: 1")).containsExactly("password: " + SecretMask.MASK, "  " + SecretMask.MASK, "x: 1");
    }

    @Test
    void flowMappingsAndBrokenLinesAreMasked() {
        assertThat(mask("- { name: h1, pasword: '" + PW + "', port: 1 }")).first().asString()
                .doesNotContain("Hunter2").contains("name: h1", "port: 1");
        assertThat(mask("\tpassword: " + PW)).first().asString().doesNotContain("Hunter2");
        assertThat(mask("  password " + PW)).containsExactly("  password " + SecretMask.MASK);
        assertThat(mask("  credential: " + PW + ": x: y")).first().asString().doesNotContain("Hunter2");
    }
}
