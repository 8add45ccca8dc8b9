package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libraries users run hvmigrate with — target/lib, next to target/hvmigrate.jar, named by the jar's Class-Path — hold no
 * test library and one copy of each API: one jar per artifact, one jar for javax.activation, no class in two jars.
 */
class RuntimeClasspathIT {

    /** Test libraries by group id (from the jar's pom.properties) and by the packages they bring. */
    private static final Pattern TEST_GROUP = Pattern.compile(
            "junit|org\\.junit(\\..*)?|org\\.hamcrest|org\\.xmlunit|xmlunit|org\\.mockito|org\\.assertj|org\\.opentest4j|com\\.tngtech\\.archunit|org\\.testng");
    private static final List<String> TEST_PACKAGES = List.of("org/junit/", "junit/framework/", "org/hamcrest/", "org/xmlunit/",
            "org/custommonkey/xmlunit/", "org/mockito/", "org/assertj/", "org/opentest4j/", "com/tngtech/archunit/", "org/testng/");

    /** A file name as copy-dependencies writes it: artifactId-version[-classifier].jar, the version starting with a digit. */
    private static final Pattern FILE_NAME = Pattern.compile("(.+?)-\\d[^-]*(-.*)?\\.jar");

    private static Path jar;
    private static Path lib;
    private static List<Lib> libs;

    record Lib(String file, String groupId, String artifactId, Set<String> classes) {
        String coordinates() {
            return (groupId == null ? "?" : groupId) + ":" + artifactId + " (" + file + ")";
        }
    }

    @BeforeAll
    static void readLib() throws IOException {
        jar = Path.of(System.getProperty("hvmigrate.jar", "target/hvmigrate.jar"));
        lib = jar.resolveSibling("lib");
        assertThat(lib).as("the packaged libraries (./mvnw package)").isDirectory();
        List<Lib> read = new ArrayList<>();
        try (Stream<Path> files = Files.list(lib)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                read.add(read(p));
            }
        }
        libs = List.copyOf(read);
        assertThat(libs).as("jars in " + lib).isNotEmpty();
    }

    private static Lib read(Path p) throws IOException {
        String file = p.getFileName().toString();
        Set<String> classes = new TreeSet<>();
        List<Properties> poms = new ArrayList<>();
        try (JarFile j = new JarFile(p.toFile())) {
            for (ZipEntry e : j.stream().toList()) {
                String n = e.getName();
                if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    try (InputStream in = j.getInputStream(e)) {
                        pom.load(in);
                    }
                    poms.add(pom);
                } else if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                    classes.add(n);
                }
            }
        }
        var name = FILE_NAME.matcher(file);
        String artifactFromName = name.matches() ? name.group(1) : file.substring(0, file.length() - ".jar".length());
        // a jar may carry the pom.properties of what it was built from as well as its own: take the one named like the file
        Properties own = poms.stream().filter(pp -> artifactFromName.equals(pp.getProperty("artifactId")))
                .findFirst().orElse(poms.size() == 1 ? poms.get(0) : null);
        return own == null ? new Lib(file, null, artifactFromName, classes)
                : new Lib(file, own.getProperty("groupId"), own.getProperty("artifactId"), classes);
    }

    @Test
    void theLibFolderHoldsExactlyWhatTheJarsClassPathNames() throws IOException {
        String classPath;
        try (JarFile j = new JarFile(jar.toFile())) {
            classPath = j.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        assertThat(classPath).as("Class-Path of " + jar).isNotBlank();
        List<String> entries = Arrays.asList(classPath.trim().split("\\s+"));
        assertThat(entries).as("Class-Path entries").allMatch(entry -> entry.startsWith("lib/"));
        Set<String> named = entries.stream().map(entry -> entry.substring("lib/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = libs.stream().map(Lib::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(present);
        Set<String> leftover = new TreeSet<>(present);
        leftover.removeAll(named);
        assertThat(missing).as("jars the Class-Path names but " + lib + " lacks").isEmpty();
        assertThat(leftover).as("jars in " + lib + " the Class-Path does not name (left by an earlier build? ./mvnw clean package)")
                .isEmpty();
    }

    @Test
    void noTestLibrary() {
        List<String> found = new ArrayList<>();
        for (Lib l : libs) {
            if (l.groupId() != null && TEST_GROUP.matcher(l.groupId()).matches()) {
                found.add(l.coordinates());
                continue;
            }
            TEST_PACKAGES.stream().filter(pkg -> l.classes().stream().anyMatch(c -> c.startsWith(pkg))).findFirst()
                    .ifPresent(pkg -> found.add(l.coordinates() + " has " + pkg));
        }
        assertThat(found).as("test libraries on the runtime class path (exclude them where they come in: ./mvnw dependency:tree -Dscope=runtime)")
                .isEmpty();
    }

    @Test
    void oneJarProvidesJavaxActivationWithItsImplementation() {
        List<Lib> activation = libs.stream()
                .filter(l -> l.classes().stream().anyMatch(c -> c.startsWith("javax/activation/"))).toList();
        assertThat(activation).as("jars providing javax.activation").extracting(Lib::coordinates).hasSize(1);
        assertThat(activation.get(0).classes()).as("MailcapCommandMap reads mailcap files through com.sun.activation.registries")
                .contains("javax/activation/DataHandler.class", "com/sun/activation/registries/MailcapFile.class");
    }

    @Test
    void eachArtifactOnce() {
        Map<String, List<String>> byArtifact = new TreeMap<>();
        for (Lib l : libs) {
            byArtifact.computeIfAbsent(l.artifactId(), k -> new ArrayList<>()).add(l.file());
        }
        byArtifact.values().removeIf(files -> files.size() < 2);
        assertThat(byArtifact).as("artifacts in more than one jar").isEmpty();
    }

    @Test
    void noClassInTwoJars() {
        Map<String, List<String>> owners = new TreeMap<>();
        for (Lib l : libs) {
            for (String c : l.classes()) {
                owners.computeIfAbsent(c, k -> new ArrayList<>()).add(l.file());
            }
        }
        // one line per pair of jars that overlap, with one of their shared classes and how many there are
        Map<String, List<String>> overlaps = new TreeMap<>();
        owners.forEach((c, files) -> {
            if (files.size() > 1) {
                overlaps.computeIfAbsent(String.join(" + ", files), k -> new ArrayList<>()).add(c);
            }
        });
        List<String> report = overlaps.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().size() + " classes, e.g. " + e.getValue().get(0)).toList();
        assertThat(report).as("the same classes in several jars (two copies of one API: keep the one the library needs)").isEmpty();
    }
}
