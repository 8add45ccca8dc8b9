package io.hvmigrate.sim.ps;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A clock tests move by hand; sleepers wake when it passes their deadline or when stopped. */
public final class ManualClock implements ScriptClock {
    private Instant now;
    private int sleepers;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        notifyAll();
    }

    /** Waits (bounded) until some script is sleeping on this clock. */
    public synchronized boolean awaitSleeper(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (sleepers == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public synchronized void sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
        Instant until = now.plus(duration);
        sleepers++;
        notifyAll();
        try {
            while (now.isBefore(until) && !stop.getAsBoolean()) {
                wait(200);
            }
        } finally {
            sleepers--;
        }
    }
}
