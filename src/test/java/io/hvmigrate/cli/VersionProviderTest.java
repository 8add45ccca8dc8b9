package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionProviderTest {

    private static Properties build(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    @Test
    void namesTheReleaseTheCommitAndItsDate() {
        assertThat(VersionProvider.describe(build(Map.of("version", "0.9.0", "commit", "57dca54e1f",
                "commit.date", "2026-12-07", "commit.dirty", "false")))).isEqualTo("0.9.0 (commit 57dca54e1f, 2026-12-07)");
    }

    @Test
    void aBuildWithUncommittedChangesSaysSo() {
        assertThat(VersionProvider.describe(build(Map.of("version", "0.9.0-SNAPSHOT", "commit", "57dca54e1f",
                "commit.date", "2026-12-07", "commit.dirty", "true")))).isEqualTo("0.9.0-SNAPSHOT (commit 57dca54e1f-dirty, 2026-12-07)");
    }

    @Test
    void aBuildOutsideGitHasAReleaseButNoCommit() {
        assertThat(VersionProvider.describe(build(Map.of("version", "0.9.0", "commit", "unknown", "commit.date", "",
                "commit.dirty", "false")))).isEqualTo("0.9.0 (commit unknown)");
    }

    @Test
    void classesCompiledOutsideTheBuildAreADevelopmentBuild() {
        assertThat(VersionProvider.describe(new Properties())).isEqualTo("(development build)");
    }

    @Test
    void theVersionLineOfThisBuildNamesItsRelease() {
        assertThat(CliRun.of("--version").out()).startsWith("hvmigrate ").doesNotContain("development build");
    }
}
