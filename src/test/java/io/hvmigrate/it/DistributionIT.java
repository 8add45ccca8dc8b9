package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an administrator installs it: {@code target/hvmigrate-<version>.zip} unpacked into a folder of its
 * own, with no Maven and no sources next to it, and its launcher started as a scheduler starts it — its own process,
 * from another working directory ({@code /}, where cron runs; {@code C:\Windows\System32}, where Task Scheduler does).
 */
class DistributionIT {

    @TempDir
    static Path dir;

    private static String version;
    private static Path zip;
    private static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        version = builtVersion();
        zip = HvmigrateProcess.packagedJar().resolveSibling("hvmigrate-" + version + ".zip");
        assertThat(zip).as("the distribution ./mvnw package makes").isRegularFile();
        unzip(zip, dir.resolve("install"));
        home = dir.resolve("install").resolve("hvmigrate-" + version);
        assertThat(home.resolve("pom.xml")).doesNotExist();
    }

    @Test
    void holdsTheLaunchersTheJarAndWhatItShips() {
        assertThat(home.resolve("bin/hvmigrate")).isRegularFile();
        assertThat(home.resolve("bin/hvmigrate.cmd")).isRegularFile();
        assertThat(home.resolve("lib/hvmigrate.jar")).isRegularFile();
        assertThat(home.resolve("config/hvmigrate.properties")).isRegularFile();
        assertThat(home.resolve("config/fleets/lab.yaml")).isRegularFile();
        assertThat(home.resolve("playbooks/lab-tour.yaml")).isRegularFile();
        assertThat(home.resolve("schema/playbook.schema.json")).isRegularFile();
        for (String file : List.of("README.md", "CHANGELOG.md", "LICENSE", "NOTICE")) {
            assertThat(home.resolve(file)).isRegularFile();
        }
    }

    @Test
    void theUnixLauncherIsExecutableInTheZip() throws IOException {
        try (FileSystem z = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", true))) {
            assertThat(Files.getPosixFilePermissions(z.getPath("hvmigrate-" + version, "bin", "hvmigrate")))
                    .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void everyLibraryTheJarNamesIsInLib() throws IOException {
        String classPath;
        try (JarFile jar = new JarFile(home.resolve("lib/hvmigrate.jar").toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<String> libraries = List.of(classPath.trim().split("\\s+"));
        assertThat(libraries).isNotEmpty().allSatisfy(l -> assertThat(home.resolve("lib").resolve(l)).isRegularFile());
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).filter(n -> !n.equals("hvmigrate.jar")))
                    .as("nothing in lib/ the jar does not use").containsExactlyInAnyOrderElementsOf(libraries);
        }
    }

    @Test
    void versionNamesTheReleaseAndTheCommitItWasBuiltFrom() {
        HvmigrateProcess.Result r = launch(elsewhere(), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .matches("hvmigrate " + Pattern.quote(version) + " \\(commit [0-9a-f]{7,40}(-dirty)?, \\d{4}-\\d{2}-\\d{2}\\)"));
    }

    @Test
    void plansTheShippedPlaybooksOnTheShippedExampleFleetFromAnotherFolder() throws IOException {
        JsonNode seven = plan("seven-scenarios", 0);
        List<String> scenarios = new ArrayList<>();
        seven.path("moves").forEach(m -> scenarios.add(m.path("scenario").path("id").asText()));
        assertThat(scenarios).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");

        JsonNode drain = plan("drain-host", 0);
        assertThat(drain.path("moves")).isNotEmpty().allSatisfy(m -> assertThat(m.path("scenario").path("id").asText()).isEqualTo("S1"));

        JsonNode refusals = plan("refusals", 3);
        assertThat(refusals.path("moves")).isNotEmpty().allSatisfy(m -> assertThat(m.path("refusal").path("code").asText()).isNotEmpty());
    }

    @Test
    void labRunsTheTourFromTheRootFolder() {
        HvmigrateProcess.Result r = launch(elsewhere(), "lab");
        assertThat(r.exit()).as("%s%n%s", r.out(), r.err()).isZero();
        assertThat(r.out()).contains("7 done, 0 already in place, 0 failed, 0 not started");
    }

    @Test
    void anInstallationWithoutItsSettingsFileSaysWhichFileAndHowToFixIt() throws IOException {
        Path settings = home.resolve("config/hvmigrate.properties");
        Path aside = dir.resolve("hvmigrate.properties");
        Files.move(settings, aside);
        try {
            HvmigrateProcess.Result r = launch(elsewhere(), "config", "show");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains(settings.toString(), "is missing", "fix: unpack the distribution again");
        } finally {
            Files.move(aside, settings);
        }
    }

    private static JsonNode plan(String playbook, int exit) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        HvmigrateProcess.Result r = launch(work, "plan", home.resolve("playbooks/" + playbook + ".yaml").toString(),
                "-i", home.resolve("config/inventory.example.yaml").toString(),
                "--facts", home.resolve("config/facts.example.yaml").toString(), "--output", "json");
        assertThat(r.exit()).as("plan %s: %s", playbook, r.err()).isEqualTo(exit);
        return new ObjectMapper().readTree(r.out());
    }

    /** bin/hvmigrate (bin\hvmigrate.cmd on Windows) in its own process, with a HOME of its own for caches and runs. */
    private static HvmigrateProcess.Result launch(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(windows()
                ? List.of("cmd.exe", "/c", home.resolve("bin").resolve("hvmigrate.cmd").toString())
                : List.of(home.resolve("bin").resolve("hvmigrate").toString()));
        command.addAll(List.of(args));
        Path user = dir.resolve("user");
        return HvmigrateProcess.run(command, workingDirectory, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "HOME", user.toString(), "XDG_CACHE_HOME", user.resolve(".cache").toString(),
                "LOCALAPPDATA", user.resolve("AppData").toString()), Duration.ofMinutes(3));
    }

    /** A working directory that is neither the installation nor the source tree: where schedulers start commands. */
    private static Path elsewhere() {
        return windows() ? Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32") : Path.of("/");
    }

    private static boolean windows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /** The version Maven gave the build, as the jar plugin recorded it in the packaged jar. */
    private static String builtVersion() throws IOException {
        try (JarFile jar = new JarFile(HvmigrateProcess.packagedJar().toFile());
             InputStream in = jar.getInputStream(jar.getEntry("META-INF/maven/io.hvmigrate/hvmigrate/pom.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    /** Unpacks a zip as unzip does, keeping the Unix permissions it records (the launcher's execute bit). */
    private static void unzip(Path zip, Path into) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (FileSystem z = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", posix))) {
            Path root = z.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path target = into.resolve(root.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (posix) {
                        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry);
                        Files.setPosixFilePermissions(target, mode);
                    }
                }
            }
        }
    }
}
