package io.hvmigrate.load;

import java.nio.file.Path;

/** A place in an input file: 1-based line and column, as editors show them. */
public record Location(Path file, int line, int column) {

    public static Location unknown(Path file) {
        return new Location(file, 0, 0);
    }

    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        String f = file == null ? "<input>" : file.toString();
        return known() ? f + ":" + line + ":" + column : f;
    }
}
