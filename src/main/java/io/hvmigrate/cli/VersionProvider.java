package io.hvmigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The release and the commit it was built from, so a report or a support question can name the exact build. The build
 * writes both to {@code build.properties} next to this class; a build without git says "commit unknown", and classes
 * compiled outside Maven (an IDE) say "development build".
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hvmigrate " + describe(load()),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"};
    }

    static String describe(Properties build) {
        String version = build.getProperty("version");
        if (version == null || version.isBlank()) {
            return "(development build)";
        }
        String commit = build.getProperty("commit", "unknown");
        if ("unknown".equals(commit) || commit.isBlank()) {
            return version + " (commit unknown)";
        }
        String dirty = Boolean.parseBoolean(build.getProperty("commit.dirty")) ? "-dirty" : "";
        String date = build.getProperty("commit.date", "");
        return version + " (commit " + commit + dirty + (date.isBlank() ? "" : ", " + date) + ")";
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is a development build: the version line says so
        }
        return p;
    }
}
