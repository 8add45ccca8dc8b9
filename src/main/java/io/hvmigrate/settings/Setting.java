package io.hvmigrate.settings;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One engine setting: its key, what it means, its built-in default, and how a value is checked.
 *
 * @param secret its value is never printed (config show masks it)
 */
public record Setting(String key, String description, String defaultValue, Function<String, String> validator,
                      boolean secret) {

    /** The environment variable that sets it: {@code output} → {@code HVMIGRATE_OUTPUT}, {@code log.level} → {@code HVMIGRATE_LOG_LEVEL}. */
    public String environmentVariable() {
        return "HVMIGRATE_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static Function<String, String> oneOf(String... values) {
        List<String> allowed = List.of(values);
        return v -> allowed.stream().anyMatch(a -> a.equalsIgnoreCase(v)) ? null : "must be one of " + String.join(", ", allowed);
    }

    static Function<String, String> anyPath() {
        return v -> v.isBlank() ? "must be a path" : null;
    }
}
