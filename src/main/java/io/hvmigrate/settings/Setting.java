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

    static Function<String, String> duration() {
        return v -> io.hvmigrate.load.Units.duration(v) == null ? "must be a duration such as 90s, 15m or PT15M, of at most ten years" : null;
    }

    static Function<String, String> bandwidth() {
        return v -> bytesPerSecond(v) == null ? "must be a bandwidth such as 1Gbps, 10Gbps or 100MBps" : null;
    }

    /** Bytes per second from "1Gbps" (bits) or "100MBps" (bytes); null when the text is neither. */
    public static Double bytesPerSecond(String v) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(bps|Bps)").matcher(v.trim());
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> 1;
        };
        return m.group(3).equals("bps") ? n * unit / 8 : n * unit;
    }

    /** A folder hvmigrate creates when it is missing: what exists there must be a folder. */
    static Function<String, String> folder() {
        return v -> {
            if (v.isBlank()) {
                return null;
            }
            try {
                java.nio.file.Path p = java.nio.file.Path.of(v);
                return java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)
                        ? "names a file, not a folder: name a folder (it is created when missing)" : null;
            } catch (java.nio.file.InvalidPathException e) {
                return "is not a path: name a folder";
            }
        };
    }

    static Function<String, String> anyPath() {
        return v -> v.isBlank() ? "must be a path" : null;
    }
}
