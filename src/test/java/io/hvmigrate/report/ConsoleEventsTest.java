package io.hvmigrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConsoleEventsTest {

    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T22:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static MoveJob job() {
        return new MoveJob("m001", "vmid", "web01", "hv-a1", "HV-A1", null, "hv-a2", "hv-a2.lab.test", "HV-A2", null,
                Scenario.S4, "D:\\VMs\\web01", null, null, null, "Running", 4L << 30, 0);
    }

    /** Waits (a bounded time) for the display's timer to have written what the test expects. */
    private static String await(StringWriter text, String expected) throws InterruptedException {
        for (int i = 0; i < 100 && !text.toString().contains(expected); i++) {
            Thread.sleep(50);
        }
        return text.toString();
    }

    @Test
    void plainOutputTellsARunningMovesProgressEveryIntervalAndWarnsOnceOfAStall() throws Exception {
        ManualClock clock = new ManualClock();
        StringWriter text = new StringWriter();
        try (ConsoleEvents c = new ConsoleEvents(new PrintWriter(text, true), clock, false, Duration.ofSeconds(30), Duration.ofMinutes(5))) {
            c.moveStarted(job());
            c.stepStarted(job(), "migrate", "hv-a1");
            c.progress(job(), 40);
            clock.now.updateAndGet(t -> t.plusSeconds(31));
            String out = await(text, "40%, migrate, running for 0:31");
            assertThat(out).contains("m001 web01 hv-a1→hv-a2: 40%, migrate, running for 0:31");
            assertThat(out).doesNotContain("WARNING");

            clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(5)));
            out = await(text, "has not moved");
            assertThat(out).contains("WARNING: m001 web01 hv-a1→hv-a2: the migration's progress has not moved from 40% for 5:31");
            Thread.sleep(1200);   // another tick of the timer: the warning is not repeated
            assertThat(text.toString().split("has not moved", -1)).hasSize(2);

            c.progress(job(), 41);
            assertThat(text.toString()).contains("the migration moves again: 41%");
        }
        assertThat(text.toString().lines()).allSatisfy(l -> assertThat(l).startsWith("2026-12-07T"));
    }

    @Test
    void theLogFileIsRotatedAtItsSizeAtALineEnd(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("hvmigrate.log");
        try (PrintWriter w = new PrintWriter(new RotatingLogWriter(log, 100, 2), true)) {
            for (int i = 0; i < 10; i++) {
                w.println("line " + i + " " + "x".repeat(40));
            }
        }
        assertThat(log.resolveSibling("hvmigrate.log.1")).exists();
        assertThat(log.resolveSibling("hvmigrate.log.2")).exists();
        assertThat(log.resolveSibling("hvmigrate.log.3")).doesNotExist();
        for (Path p : new Path[] {log, log.resolveSibling("hvmigrate.log.1"), log.resolveSibling("hvmigrate.log.2")}) {
            assertThat(Files.readAllLines(p, StandardCharsets.UTF_8)).allSatisfy(l -> assertThat(l).matches("line \\d x{40}"));
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("line 9");
    }
}
