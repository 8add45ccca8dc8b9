package io.hvmigrate.sim.ps;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the simulated host sees it: {@code Get-Date} reads it and {@code Start-Sleep} waits on it. Tests inject a
 * clock they move themselves; a waiting script must stay stoppable.
 */
public interface ScriptClock {

    Instant now();

    /**
     * Waits for {@code duration} of this clock's time, or until {@code stop} reports true (checked at least whenever the
     * clock moves, and on interrupt). Returns early without error when stopped; throws InterruptedException when the
     * waiting thread is interrupted.
     */
    void sleep(Duration duration, java.util.function.BooleanSupplier stop) throws InterruptedException;

    /** Wall-clock time; sleeping waits in small slices so a stop is seen promptly. */
    static ScriptClock system() {
        return new ScriptClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration, java.util.function.BooleanSupplier stop) throws InterruptedException {
                long deadline = System.nanoTime() + duration.toNanos();
                while (!stop.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, 50));
                }
            }
        };
    }
}
