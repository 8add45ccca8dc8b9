package io.hvmigrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleEventsTest {

    /** The lines a terminal shows for what was written: text, newline, carriage return, cursor up, erase line. */
    static final class Screen extends Writer {
        final List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
        int row;
        int col;
        private final StringBuilder escape = new StringBuilder();

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                put(cbuf[i]);
            }
        }

        /** What the terminal itself prints where the cursor is, as it echoes ^C. */
        synchronized void echo(String s) {
            s.chars().forEach(c -> put((char) c));
        }

        private void put(char c) {
            if (!escape.isEmpty() || c == '\u001b') {
                escape.append(c);
                if (Character.isLetter(c)) {
                    String seq = escape.toString();
                    escape.setLength(0);
                    if (seq.equals("\u001b[1A")) {
                        row = Math.max(0, row - 1);
                    } else if (seq.equals("\u001b[2K")) {
                        lines.get(row).setLength(0);
                    }
                }
                return;
            }
            switch (c) {
                case '\n' -> {
                    row++;
                    col = 0;
                    while (lines.size() <= row) {
                        lines.add(new StringBuilder());
                    }
                }
                case '\r' -> col = 0;
                default -> {
                    StringBuilder line = lines.get(row);
                    while (line.length() < col) {
                        line.append(' ');
                    }
                    if (col < line.length()) {
                        line.setCharAt(col, c);
                    } else {
                        line.append(c);
                    }
                    col++;
                }
            }
        }

        synchronized List<String> shown() {
            return lines.stream().map(StringBuilder::toString).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static MoveJob job(String id, String vm) {
        return new MoveJob(id, vm + "-id", vm, "hv-a3", "HV-A3", null, "hv-b1", "hv-b1.lab.test", "HV-B1", null,
                Scenario.S4, "D:\\VMs\\" + vm, null, null, null, "Running", 4L << 30, 0);
    }

    @Test
    void aNoticeDuringTheRunStaysAboveTheProgressBarsAndTheEchoedCtrlCIsCleared() {
        Screen screen = new Screen();
        ConsoleEvents console = new ConsoleEvents(new PrintWriter(screen, true), Clock.systemUTC(), true);
        try {
            console.runStarted("r1", 2);
            console.moveStarted(job("m001", "db-a3"));
            console.moveStarted(job("m002", "rpt-b2"));
            console.progress(job("m001", "db-a3"), 40);
            console.notice("the first note");
            screen.echo("^C");
            console.notice("interrupted by Ctrl-C (SIGINT): no new move starts; running moves finish");
            console.progress(job("m001", "db-a3"), 60);
            console.notice("a later note");
        } finally {
            console.close();
        }
        List<String> shown = screen.shown().stream().filter(l -> !l.isBlank()).toList();
        assertThat(shown).containsSubsequence("run r1: 2 moves", "note: the first note",
                "note: interrupted by Ctrl-C (SIGINT): no new move starts; running moves finish", "note: a later note");
        assertThat(shown).noneMatch(l -> l.contains("^C"));
        // the bars come last, below every note
        assertThat(shown.get(shown.size() - 3)).contains("m001", "db-a3", "60%");
        assertThat(shown.get(shown.size() - 2)).contains("m002", "rpt-b2");
        assertThat(shown.getLast()).contains("wave: 0/2 finished, 2 running");
    }
}
