package io.hvmigrate.settings;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where hvmigrate is installed: the folder holding {@code bin/}, {@code lib/}, {@code config/}, {@code playbooks/} and
 * {@code schema/} — an unpacked distribution or a source checkout. The files hvmigrate ships (its settings, the lab
 * fleet, the lab tour) are found there, so a command behaves the same from any working directory: a terminal, cron
 * from {@code /}, Task Scheduler from {@code C:\Windows\System32}. Paths a user types stay relative to the working
 * directory.
 *
 * <p>Found, in order: from {@code -Dhvmigrate.home}, which the launchers pass; from the jar's own place
 * ({@code lib/hvmigrate.jar} in a distribution, {@code target/hvmigrate.jar} in a checkout); otherwise it is the
 * working directory, as for classes run from an IDE or the build's test run in the source tree.
 */
public record InstallLayout(Path home, Source source) {

    /** The system property the launchers set to the installation folder. */
    public static final String HOME_PROPERTY = "hvmigrate.home";

    /** How the installation folder was found. */
    public enum Source {
        LAUNCHER("-D" + HOME_PROPERTY), JAR("the location of hvmigrate.jar"), WORKING_DIRECTORY("the working directory");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The installation this JVM runs from. */
    public static InstallLayout current() {
        return find(System.getProperty(HOME_PROPERTY), codeLocation(), Path.of("").toAbsolutePath());
    }

    static InstallLayout find(String homeProperty, Path code, Path workingDirectory) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return new InstallLayout(workingDirectory.resolve(homeProperty).toAbsolutePath().normalize(), Source.LAUNCHER);
        }
        if (code != null && code.getFileName() != null && code.getFileName().toString().endsWith(".jar")) {
            Path dir = code.toAbsolutePath().getParent();
            if (dir != null && dir.getParent() != null && (dir.endsWith("lib") || dir.endsWith("target"))) {
                return new InstallLayout(dir.getParent().normalize(), Source.JAR);
            }
        }
        return new InstallLayout(workingDirectory, Source.WORKING_DIRECTORY);
    }

    /** A file hvmigrate ships, named relative to the installation (e.g. {@code config/fleets/lab.yaml}). */
    public Path resolve(String shipped) {
        return home.resolve(shipped);
    }

    /**
     * True when the installation was located rather than assumed to be the working directory: the files it ships must
     * then be there, and a missing one is an error rather than a default.
     */
    public boolean located() {
        return source != Source.WORKING_DIRECTORY;
    }

    private static Path codeLocation() {
        try {
            CodeSource code = InstallLayout.class.getProtectionDomain().getCodeSource();
            return code == null || code.getLocation() == null ? null : Path.of(code.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            // not a file on this machine's file system (a custom class loader): the working directory decides
            return null;
        }
    }
}
