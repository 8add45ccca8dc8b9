package io.hvmigrate.settings;

import io.hvmigrate.load.BoundedText;
import io.hvmigrate.load.DidYouMean;
import io.hvmigrate.load.Document;
import io.hvmigrate.load.InvalidInputException;
import io.hvmigrate.load.LocatedYaml;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.Problems;
import io.hvmigrate.load.SyntaxErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * The effective engine settings, layered with Apache Commons Configuration, each later layer overriding the earlier:
 * built-in defaults &lt; the installation's {@code config/hvmigrate.properties} (or {@code .yaml}) &lt; the user's file
 * &lt; environment variables {@code HVMIGRATE_*} &lt; command-line flags. Every value remembers where it came from.
 */
public final class EngineSettings {

    public enum Layer {
        DEFAULT("built-in default"), PROJECT_FILE("project file"), USER_FILE("user file"), ENVIRONMENT("environment"), COMMAND_LINE("command line");

        private final String words;

        Layer(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A setting's effective value and its origin (a file, an environment variable, a flag). */
    public record Value(Setting setting, String value, Layer layer, String origin) {
        /** The value as it may be shown: secrets masked. */
        public String shown() {
            return setting.secret() && !value.isEmpty() ? "********" : value;
        }
    }

    /** Where the settings come from: the installation's {@code config/} folder, the user's file, the environment, flags. */
    public record Sources(InstallLayout installation, Path userFile, Map<String, String> environment,
                          Map<String, String> flags, Map<String, String> flagOrigins) {}

    private final Map<String, Value> values;
    private final List<String> warnings;

    private EngineSettings(Map<String, Value> values, List<String> warnings) {
        this.values = values;
        this.warnings = List.copyOf(warnings);
    }

    public static EngineSettings load(SettingsCatalog catalog, Sources sources) {
        Problems problems = new Problems();
        List<String> warnings = new ArrayList<>();
        Map<String, Value> values = new LinkedHashMap<>();
        for (Setting s : catalog.all()) {
            values.put(s.key(), new Value(s, s.defaultValue(), Layer.DEFAULT, "built-in"));
        }

        InstallLayout installation = sources.installation();
        Path props = installation.resolve("config/hvmigrate.properties");
        Path yaml = installation.resolve("config/hvmigrate.yaml");
        if (Files.exists(props) && Files.exists(yaml)) {
            problems.add(Location.unknown(yaml), "both config/hvmigrate.properties and config/hvmigrate.yaml exist", "keep one of them");
        } else if (Files.exists(props) || Files.exists(yaml)) {
            apply(catalog, Files.exists(props) ? props : yaml, Layer.PROJECT_FILE, values, problems);
        } else if (installation.located()) {
            // an installation without its settings is incomplete or misplaced: running on built-in defaults would hide it
            problems.add(Location.unknown(props), "the settings file of the installation at " + installation.home()
                            + " is missing (the installation was found from " + installation.source().words() + ")",
                    "unpack the distribution again, or create the file (every line may be a comment); if hvmigrate is"
                            + " installed elsewhere, run that installation's bin/hvmigrate");
        }
        if (sources.userFile() != null) {
            if (!Files.isReadable(sources.userFile())) {
                problems.add(Location.unknown(sources.userFile()), "settings file not found or not readable", "check the path given with --settings or HVMIGRATE_SETTINGS");
            } else {
                apply(catalog, sources.userFile(), Layer.USER_FILE, values, problems);
            }
        }

        Configuration env = new MapConfiguration(new LinkedHashMap<>(sources.environment()));
        for (Iterator<String> it = env.getKeys(); it.hasNext(); ) {
            String name = it.next();
            if (!name.startsWith("HVMIGRATE_") || name.equals("HVMIGRATE_SETTINGS")) {
                continue;
            }
            Optional<Setting> s = catalog.byEnvironmentVariable(name);
            if (s.isEmpty()) {
                // other HVMIGRATE_* variables may hold credentials the inventory refers to: never echo their values
                DidYouMean.closest(name, catalog.all().stream().map(Setting::environmentVariable).toList())
                        .ifPresent(near -> warnings.add("environment variable " + name + " is not a setting; did you mean " + near + "?"));
                continue;
            }
            String v = env.getString(name);
            String error = s.get().validator().apply(v);
            if (error != null) {
                problems.add(Location.unknown(null), "environment variable " + name + " " + error, "fix or unset " + name);
            } else {
                values.put(s.get().key(), new Value(s.get(), v, Layer.ENVIRONMENT, name));
            }
        }

        Configuration flags = new MapConfiguration(new LinkedHashMap<>(sources.flags()));
        for (Iterator<String> it = flags.getKeys(); it.hasNext(); ) {
            String key = it.next();
            String origin = sources.flagOrigins().getOrDefault(key, "--set " + key);
            Optional<Setting> s = catalog.get(key);
            if (s.isEmpty()) {
                problems.add(Location.unknown(null), origin + ": '" + key + "' is not a setting", DidYouMean.hint(key, catalog.keys()));
                continue;
            }
            String v = flags.getString(key);
            String error = s.get().validator().apply(v);
            if (error != null) {
                problems.add(Location.unknown(null), origin + ": " + key + " " + error, "");
            } else {
                values.put(key, new Value(s.get(), v, Layer.COMMAND_LINE, origin));
            }
        }
        problems.throwIfAny();
        return new EngineSettings(values, warnings);
    }

    private static void apply(SettingsCatalog catalog, Path file, Layer layer, Map<String, Value> values, Problems problems) {
        Configuration config;
        String text;
        boolean yamlFile = file.getFileName().toString().endsWith(".yaml") || file.getFileName().toString().endsWith(".yml");
        try {
            // bounded, UTF-8 checked, and for YAML parsed once here for its bounds and the places of its syntax errors
            text = BoundedText.read(file, Document.SETTINGS);
            if (yamlFile) {
                LocatedYaml.parse(file, text, Document.SETTINGS);
            }
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.location(), p.message(), p.fix()));
            return;
        }
        try (Reader r = new StringReader(text)) {
            if (yamlFile) {
                YAMLConfiguration y = new YAMLConfiguration();
                y.read(r);
                config = y;
            } else {
                PropertiesConfiguration p = new PropertiesConfiguration();
                p.read(r);
                config = p;
            }
        } catch (IOException | ConfigurationException | RuntimeException e) {
            // the parser's message may quote the file, and a settings file may hold a secret: its first line, scrubbed
            String message = String.valueOf(rootMessage(e)).lines().findFirst().orElse("");
            problems.add(Location.unknown(file), "cannot read settings: " + SyntaxErrors.scrub(message, Document.SETTINGS), "fix the file's syntax");
            return;
        }
        for (Iterator<String> it = config.getKeys(); it.hasNext(); ) {
            String key = it.next();
            Location at = locate(file, text, key);
            Optional<Setting> s = catalog.get(key);
            if (s.isEmpty()) {
                problems.add(at, "unknown setting '" + key + "'", DidYouMean.hint(key, catalog.keys()));
                continue;
            }
            String v = config.getString(key);
            String error = v == null ? "has no value" : s.get().validator().apply(v);
            if (error != null) {
                problems.add(at, key + " " + error, "");
            } else {
                values.put(key, new Value(s.get(), v, layer, file.toString()));
            }
        }
    }

    /** Finds the line where a key is written, for the error message. */
    private static Location locate(Path file, String text, String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        Pattern props = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:]");
        Pattern yaml = Pattern.compile("^\\s*" + Pattern.quote(last) + "\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (props.matcher(lines[i]).find() || yaml.matcher(lines[i]).find()) {
                int col = 1;
                while (col <= lines[i].length() && Character.isWhitespace(lines[i].charAt(col - 1))) {
                    col++;
                }
                return new Location(file, i + 1, col);
            }
        }
        return Location.unknown(file);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public String get(String key) {
        Value v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return v.value();
    }

    public Value value(String key) {
        return values.get(key);
    }

    public List<Value> all() {
        return List.copyOf(values.values());
    }

    public List<String> warnings() {
        return warnings;
    }
}
