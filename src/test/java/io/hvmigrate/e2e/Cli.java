package io.hvmigrate.e2e;

import io.hvmigrate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** hvmigrate's command line run in this JVM, as a user types it, against one inventory; runs and HOME in a test folder. */
final class Cli {
    private Cli() {}

    record Result(int exit, String out, String err) {}

    /** {@code hvmigrate ARGS -i INVENTORY --set runs.dir=DIR/runs}, with HOME=DIR. */
    static Result run(Path inventory, Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", inventory.toString(), "--set", "runs.dir=" + dir.resolve("runs")));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", dir.toString()));
        return new Result(code, out.toString(), err.toString());
    }
}
