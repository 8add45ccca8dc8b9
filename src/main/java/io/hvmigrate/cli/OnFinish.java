package io.hvmigrate.cli;

import io.hvmigrate.engine.RunService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code --on-finish CMD}: a command of the user's run when a run ends, whatever its outcome — to page someone, post to
 * a chat, or hand the report on. It runs through the system shell ({@code sh -c}, or {@code cmd.exe /c} on Windows)
 * with the outcome in its environment: {@code HVMIGRATE_EXIT_CODE}, {@code HVMIGRATE_REPORT} (the report's path, empty
 * when the run ended before executing), {@code HVMIGRATE_RUN_ID} and {@code HVMIGRATE_OUTCOME}. Its output goes to
 * hvmigrate's standard error; a hook that fails or takes longer than {@link #LIMIT_SECONDS} is told, and changes
 * neither the run nor its exit code.
 */
final class OnFinish {
    private OnFinish() {}

    static final int LIMIT_SECONDS = 120;

    static void run(String command, RunService.Outcome o, int exitCode, PrintWriter err) {
        if (command == null || command.isBlank()) {
            return;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command));
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(windows ? "NUL" : "/dev/null")));
        var env = pb.environment();
        env.put("HVMIGRATE_EXIT_CODE", Integer.toString(exitCode));
        env.put("HVMIGRATE_REPORT", o instanceof RunService.Outcome.Finished f ? f.runDir().resolve("report.json").toString() : "");
        env.put("HVMIGRATE_RUN_ID", o instanceof RunService.Outcome.Finished f ? f.summary().runId() : "");
        env.put("HVMIGRATE_OUTCOME", Runs.outcomeName(o));
        try {
            Process p = pb.start();
            Thread copy = Thread.ofVirtual().start(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        err.println("on-finish: " + line);
                    }
                    err.flush();
                } catch (IOException e) {
                    // the hook closed its output: nothing more to copy
                }
            });
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                err.println("hvmigrate: warning: the --on-finish command did not end within " + LIMIT_SECONDS + " s and was stopped");
            } else if (p.exitValue() != 0) {
                err.println("hvmigrate: warning: the --on-finish command exited with " + p.exitValue());
            }
            copy.join(2000);
        } catch (IOException e) {
            err.println("hvmigrate: warning: the --on-finish command could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }
}
