package io.hvmigrate.cli;

import io.hvmigrate.settings.EngineSettings;
import io.hvmigrate.settings.InstallLayout;
import io.hvmigrate.settings.SettingsCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: its settings, its output streams, and whether it answers in JSON. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private EngineSettings settings;

    /**
     * Command options that are also settings: key → value, with the flag's name for "where it came from". A command
     * with the {@code -o FORMAT} option has the output setting here.
     */
    Map<String, String[]> settingFlags() {
        OutputOption output = mixin(OutputOption.class);
        return output == null ? Map.of() : Map.of("output", new String[] {output.format, "--output"});
    }

    /** The command's mixin of that type, or null when it has none. */
    <T> T mixin(Class<T> type) {
        for (CommandSpec m : spec.mixins().values()) {
            if (type.isInstance(m.userObject())) {
                return type.cast(m.userObject());
            }
        }
        return null;
    }

    /** True when the output setting (or -o) asks for JSON. */
    boolean jsonOutput() {
        return "json".equalsIgnoreCase(settings().get("output"));
    }

    HvmigrateCommand root() {
        return (HvmigrateCommand) spec.root().userObject();
    }

    EngineSettings settings() {
        if (settings == null) {
            HvmigrateCommand root = root();
            Map<String, String> flags = new LinkedHashMap<>(root.settings.overrides);
            Map<String, String> origins = new LinkedHashMap<>();
            root.settings.overrides.keySet().forEach(k -> origins.put(k, "--set " + k));
            settingFlags().forEach((key, flag) -> {
                if (flag[0] != null) {
                    flags.put(key, flag[0]);
                    origins.put(key, flag[1]);
                }
            });
            settings = EngineSettings.load(SettingsCatalog.standard(),
                    new EngineSettings.Sources(InstallLayout.current(), userSettingsFile(root), root.environment, flags, origins));
            settings.warnings().forEach(w -> err().println("hvmigrate: warning: " + w));
            applyLogLevel(settings.get("log.level"));
        }
        return settings;
    }

    private static void applyLogLevel(String level) {
        if (org.slf4j.LoggerFactory.getLogger("io.hvmigrate") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
        }
    }

    private static Path userSettingsFile(HvmigrateCommand root) {
        if (root.settings.file != null) {
            return root.settings.file;
        }
        String env = root.environment.get("HVMIGRATE_SETTINGS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = root.environment.get("XDG_CONFIG_HOME");
        String home = root.environment.get("HOME");
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg, "hvmigrate") : home != null ? Path.of(home, ".config", "hvmigrate") : null;
        if (dir == null) {
            return null;
        }
        for (String name : new String[] {"hvmigrate.properties", "hvmigrate.yaml"}) {
            if (Files.isReadable(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    /** True when the command was asked for JSON output (used to answer errors in JSON too). */
    boolean jsonOutputRequested() {
        String[] flag = settingFlags().get("output");
        if (flag != null && flag[0] != null) {
            return "json".equalsIgnoreCase(flag[0]);
        }
        try {
            return "json".equalsIgnoreCase(settings().get("output"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * A file option's value: as the user typed it, relative to the working directory; when not given, its default names
     * a file hvmigrate ships, found in the installation whatever the working directory.
     */
    Path shippedFile(Path value, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option) ? value : InstallLayout.current().resolve(value.toString());
    }

    /** The value of a path setting, or null when it is empty. */
    Path pathSetting(String key) {
        String v = settings().get(key);
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}
