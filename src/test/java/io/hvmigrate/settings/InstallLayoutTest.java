package io.hvmigrate.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstallLayoutTest {
    private static final Path WORK = Path.of("/var/spool/cron");

    @Test
    void theFolderTheLauncherNamesComesFirst() {
        assertThat(InstallLayout.find("/opt/hvmigrate/bin/..", Path.of("/elsewhere/lib/hvmigrate.jar"), WORK))
                .isEqualTo(new InstallLayout(Path.of("/opt/hvmigrate"), InstallLayout.Source.LAUNCHER));
    }

    @Test
    void aRelativeFolderFromTheLauncherIsReadAgainstTheWorkingDirectory() {
        assertThat(InstallLayout.find("hvmigrate-0.9.0", null, WORK).home()).isEqualTo(WORK.resolve("hvmigrate-0.9.0"));
    }

    @Test
    void aJarInLibIsADistributionWhoseHomeIsAboveLib() {
        assertThat(InstallLayout.find(null, Path.of("/opt/hvmigrate-0.9.0/lib/hvmigrate.jar"), WORK))
                .isEqualTo(new InstallLayout(Path.of("/opt/hvmigrate-0.9.0"), InstallLayout.Source.JAR));
    }

    @Test
    void aJarInTargetIsASourceCheckout() {
        assertThat(InstallLayout.find(null, Path.of("/src/hvmigrate/target/hvmigrate.jar"), WORK))
                .isEqualTo(new InstallLayout(Path.of("/src/hvmigrate"), InstallLayout.Source.JAR));
    }

    @Test
    void classesOutsideAJarAreADevelopmentRunInTheWorkingDirectory() {
        InstallLayout layout = InstallLayout.find(null, Path.of("/src/hvmigrate/target/classes"), WORK);
        assertThat(layout).isEqualTo(new InstallLayout(WORK, InstallLayout.Source.WORKING_DIRECTORY));
        assertThat(layout.located()).isFalse();
    }

    @Test
    void shippedFilesAreNamedRelativeToTheInstallation() {
        assertThat(new InstallLayout(Path.of("/opt/hvmigrate"), InstallLayout.Source.LAUNCHER).resolve("config/fleets/lab.yaml"))
                .isEqualTo(Path.of("/opt/hvmigrate/config/fleets/lab.yaml"));
    }
}
