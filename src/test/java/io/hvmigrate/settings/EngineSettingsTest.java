package io.hvmigrate.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.load.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSettingsTest {

    @TempDir
    Path work;

    private EngineSettings load(Path user, Map<String, String> env, Map<String, String> flags) {
        return EngineSettings.load(SettingsCatalog.standard(), new EngineSettings.Sources(new InstallLayout(work, InstallLayout.Source.WORKING_DIRECTORY), user, env, flags, Map.of()));
    }

    @Test
    void eachLayerOverridesTheOneBeforeAndSaysWhereTheValueCameFrom() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/hvmigrate.properties"), "output = json\ncolor = never\nlog.level = info\n");
        Path user = work.resolve("mine.yaml");
        Files.writeString(user, "color: always\nlog:\n  level: debug\n");
        EngineSettings s = load(user, Map.of("HVMIGRATE_LOG_LEVEL", "error", "PATH", "/usr/bin"), Map.of("inventory", "inv.yaml"));

        assertThat(s.value("output")).extracting(EngineSettings.Value::value, EngineSettings.Value::layer)
                .containsExactly("json", EngineSettings.Layer.PROJECT_FILE);
        assertThat(s.value("color")).extracting(EngineSettings.Value::value, EngineSettings.Value::layer, EngineSettings.Value::origin)
                .containsExactly("always", EngineSettings.Layer.USER_FILE, user.toString());
        assertThat(s.value("log.level")).extracting(EngineSettings.Value::value, EngineSettings.Value::origin)
                .containsExactly("error", "HVMIGRATE_LOG_LEVEL");
        assertThat(s.value("inventory")).extracting(EngineSettings.Value::value, EngineSettings.Value::layer)
                .containsExactly("inv.yaml", EngineSettings.Layer.COMMAND_LINE);
        assertThat(s.value("facts").layer()).isEqualTo(EngineSettings.Layer.DEFAULT);
    }

    @Test
    void anUnknownOrInvalidSettingInAFileIsAnErrorWithItsLine() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/hvmigrate.properties"), "# comment\noutptu = json\ncolor = sometimes\n");
        assertThatThrownBy(() -> load(null, Map.of(), Map.of())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(p -> p.location().line() + " " + p.message() + " | " + p.fix()).containsExactly(
                        "2 unknown setting 'outptu' | did you mean 'output'?",
                        "3 color must be one of auto, always, never | "));
    }

    @Test
    void bothProjectFilesAtOnceIsAnError() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/hvmigrate.properties"), "");
        Files.writeString(work.resolve("config/hvmigrate.yaml"), "");
        assertThatThrownBy(() -> load(null, Map.of(), Map.of())).hasMessageContaining("keep one of them");
    }

    @Test
    void theInstallationsFileIsReadWhateverTheWorkingDirectory() throws Exception {
        Path home = work.resolve("opt/hvmigrate");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/hvmigrate.properties"), "output = json\n");
        EngineSettings s = EngineSettings.load(SettingsCatalog.standard(), new EngineSettings.Sources(
                new InstallLayout(home, InstallLayout.Source.LAUNCHER), null, Map.of(), Map.of(), Map.of()));
        assertThat(s.value("output")).extracting(EngineSettings.Value::value, EngineSettings.Value::origin)
                .containsExactly("json", home.resolve("config/hvmigrate.properties").toString());
    }

    @Test
    void aLocatedInstallationWithoutItsSettingsFileIsAnErrorNamingTheFileAndTheFix() {
        Path home = work.resolve("opt/hvmigrate");
        assertThatThrownBy(() -> EngineSettings.load(SettingsCatalog.standard(), new EngineSettings.Sources(
                new InstallLayout(home, InstallLayout.Source.LAUNCHER), null, Map.of(), Map.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.location().file()).isEqualTo(home.resolve("config/hvmigrate.properties"));
                    assertThat(p.message()).contains("missing", home.toString(), "-Dhvmigrate.home");
                    assertThat(p.fix()).contains("unpack the distribution again");
                }));
    }

    @Test
    void withoutALocatedInstallationTheBuiltInDefaultsApply() {
        assertThat(load(null, Map.of(), Map.of()).value("output").layer()).isEqualTo(EngineSettings.Layer.DEFAULT);
    }

    @Test
    void otherHvmigrateVariablesAreIgnoredButTyposAreNoticed() {
        EngineSettings s = load(null, Map.of("HVMIGRATE_WINRM_PASSWORD", "s3cret", "HVMIGRATE_OUTPTU", "json"), Map.of());
        assertThat(s.warnings()).containsExactly("environment variable HVMIGRATE_OUTPTU is not a setting; did you mean HVMIGRATE_OUTPUT?");
        assertThat(String.join("\n", s.warnings())).doesNotContain("s3cret");
        assertThat(s.get("output")).isEqualTo("text");
    }

    @Test
    void aFlagForAnUnknownSettingIsAnError() {
        assertThatThrownBy(() -> load(null, Map.of(), Map.of("colour", "never"))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.fix()).isEqualTo("did you mean 'color'?")));
    }

    @Test
    void secretsAreMaskedWhenShown() {
        SettingsCatalog catalog = new SettingsCatalog(List.of(new Setting("tls.truststorePassword", "password of the trust store", "", v -> null, true)));
        EngineSettings s = EngineSettings.load(catalog, new EngineSettings.Sources(new InstallLayout(work, InstallLayout.Source.WORKING_DIRECTORY), null,
                Map.of("HVMIGRATE_TLS_TRUSTSTOREPASSWORD", "changeit"), Map.of(), Map.of()));
        assertThat(s.value("tls.truststorePassword").value()).isEqualTo("changeit");
        assertThat(s.value("tls.truststorePassword").shown()).isEqualTo("********");
    }

    @Test
    void aRunsDirThatIsAFileAndAnOverflowingDurationAreInvalidInputAtTheirLine() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/hvmigrate.properties"), "# installation\n");
        Path aFile = Files.writeString(work.resolve("not-a-folder"), "x");
        Path user = work.resolve("mine.properties");
        Files.writeString(user, "runs.dir=" + aFile + "\nstep.timeout=99999999999999999999h\n");
        assertThatThrownBy(() -> load(user, Map.of(), Map.of())).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(0).location().line()).isEqualTo(1);
            assertThat(e.problems().get(0).message()).contains("runs.dir names a file, not a folder");
            assertThat(e.problems().get(1).location().line()).isEqualTo(2);
            assertThat(e.problems().get(1).message()).contains("step.timeout", "at most ten years");
        });
    }

    @Test
    void aBinaryOrUtf16SettingsFileIsNamedWithItsPlace() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/hvmigrate.properties"), "# installation\n");
        Path user = work.resolve("mine.properties");
        Files.write(user, new byte[] {'o', 'u', 't', 0, 1, 2});
        assertThatThrownBy(() -> load(user, Map.of(), Map.of())).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.location().file()).isEqualTo(user);
                    assertThat(p.location().column()).isEqualTo(4);
                    assertThat(p.message()).contains("NUL byte");
                }));
    }
}
