package io.hvmigrate.sim.wsman;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test host: decodes {@code powershell -encodedcommand <base64 UTF-16LE>} and obeys a one-word script language so
 * tests can drive every shape of output through real clients.
 *
 * <ul>
 *   <li>{@code exit N} — no output, exit code N</li>
 *   <li>{@code stderr TEXT} — TEXT on stderr, exit code 1</li>
 *   <li>{@code bytes N} — N bytes of 'x' on stdout</li>
 *   <li>{@code slow N TEXT} — N Receives time out before TEXT arrives (a long-running command)</li>
 *   <li>{@code block} — runs until signalled</li>
 *   <li>anything else — echoed to stdout with CR LF, exit code 0</li>
 * </ul>
 */
final class ScriptedShellHost implements ShellHost {

    /** One command as the host saw it start. */
    record Started(ShellSession session, String commandLine, String script) {
    }

    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final AtomicInteger timedOutWaits = new AtomicInteger();

    @Override
    public RunningCommand start(ShellSession session, String command, List<String> arguments) {
        String line = arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
        String script = decode(line);
        started.add(new Started(session, line, script));
        BufferedCommand running = new BufferedCommand().onSignal(signals::add);
        String[] words = script.split(" ", 3);
        switch (words[0]) {
            case "exit" -> running.exit(Integer.parseInt(words[1]));
            case "stderr" -> {
                running.writeStderr(script.substring(7).getBytes(StandardCharsets.UTF_8));
                running.exit(1);
            }
            case "bytes" -> {
                running.writeStdout("x".repeat(Integer.parseInt(words[1])).getBytes(StandardCharsets.US_ASCII));
                running.exit(0);
            }
            case "slow" -> {
                return new SlowCommand(Integer.parseInt(words[1]), words[2]);
            }
            case "block" -> {
                running.onSignal(code -> {
                    signals.add(code);
                    running.exit(130);
                });
            }
            default -> {
                running.writeStdout((script + "\r\n").getBytes(StandardCharsets.UTF_8));
                running.exit(0);
            }
        }
        return running;
    }

    List<Started> started() {
        return started;
    }

    List<String> signals() {
        return signals;
    }

    /** How many times a {@code slow} command let a Receive wait out its OperationTimeout. */
    int timedOutWaits() {
        return timedOutWaits.get();
    }

    static String decode(String commandLine) {
        String marker = "-encodedcommand ";
        int at = commandLine.toLowerCase(java.util.Locale.ROOT).indexOf(marker);
        if (at < 0) {
            return commandLine;
        }
        String encoded = commandLine.substring(at + marker.length()).trim().split("\\s+")[0];
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
    }

    /** Lets the first {@code silentWaits} Receives time out for real, then finishes with its text. */
    private final class SlowCommand implements RunningCommand {
        private final AtomicInteger silentLeft;
        private final String text;

        SlowCommand(int silentWaits, String text) {
            this.silentLeft = new AtomicInteger(silentWaits);
            this.text = text;
        }

        @Override
        public Output await(Duration max) throws InterruptedException {
            if (silentLeft.getAndDecrement() > 0) {
                // the endpoint's own wait: nothing arrives within OperationTimeout
                Thread.sleep(max);
                timedOutWaits.incrementAndGet();
                return Output.nothingYet();
            }
            return new Output((text + "\r\n").getBytes(StandardCharsets.UTF_8), new byte[0], true, 0);
        }

        @Override
        public void signal(String code) {
            signals.add(code);
        }
    }
}
