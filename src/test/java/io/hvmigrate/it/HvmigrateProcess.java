package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** hvmigrate started as its own process, as a user or a scheduler starts it, with what it printed and its exit code. */
final class HvmigrateProcess {
    private HvmigrateProcess() {}

    record Result(int exit, String out, String err) {}

    /** The Java that runs the tests (21 or newer). */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The packaged jar with its lib/ folder, as the build leaves them in target/. */
    static Path packagedJar() {
        return Path.of(System.getProperty("hvmigrate.jar", "target/hvmigrate.jar")).toAbsolutePath();
    }

    /** {@code java -jar target/hvmigrate.jar ARGS}, in this working directory. */
    static Result jar(String... args) {
        List<String> command = new ArrayList<>(List.of(java().toString(), "-jar", packagedJar().toString()));
        command.addAll(List.of(args));
        return run(command, null, Map.of(), Duration.ofSeconds(60));
    }

    /**
     * Runs a command line to its end in a working directory (null: this one), with these environment variables added;
     * both output streams are read as they come, so neither can fill up and stall the process.
     */
    static Result run(List<String> command, Path workingDirectory, Map<String, String> environment, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
            String out = text(p.getInputStream());
            assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("%s ends within %s", command, timeout).isTrue();
            return new Result(p.exitValue(), out, err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
