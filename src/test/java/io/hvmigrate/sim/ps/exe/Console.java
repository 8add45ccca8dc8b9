package io.hvmigrate.sim.ps.exe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects what a PowerShellProcess writes, and reads it back as a WinRM client would. */
final class Console implements PowerShellProcess.Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Override
    public synchronized void stdout(byte[] bytes) {
        out.writeBytes(bytes);
        notifyAll();
    }

    @Override
    public synchronized void stderr(byte[] bytes) {
        err.writeBytes(bytes);
        notifyAll();
    }

    synchronized byte[] stdoutBytes() {
        return out.toByteArray();
    }

    synchronized String stdout() {
        return ConsoleEncoding.decode(out.toByteArray());
    }

    synchronized String stderr() {
        return ConsoleEncoding.decode(err.toByteArray());
    }

    /** Waits (bounded) until stdout contains the text. */
    synchronized boolean awaitStdout(String text, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!stdout().contains(text)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    private static final Pattern S = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);

    /** What pywinrm's clean_error_msg makes of CLIXML stderr: the Error strings, CRLF escapes turned to newlines. */
    static String cleanErrorMessage(String stderr) {
        if (!stderr.startsWith("#< CLIXML\r\n")) {
            return stderr;
        }
        StringBuilder b = new StringBuilder();
        Matcher m = S.matcher(stderr.substring(11));
        while (m.find()) {
            b.append(m.group(1).replace("_x000D__x000A_", "\n").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        return b.toString().strip();
    }

    static List<String> errorStrings(String stderr) {
        List<String> out = new ArrayList<>();
        Matcher m = S.matcher(stderr);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
