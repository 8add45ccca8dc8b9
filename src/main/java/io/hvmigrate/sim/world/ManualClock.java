package io.hvmigrate.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when told to: the clock of tests. */
public final class ManualClock implements SimClock {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    public ManualClock() {
        this(Instant.parse("2026-01-05T08:00:00Z"));
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void onTick(Runnable listener) {
        listeners.add(listener);
    }

    /** Moves time on and lets the world catch up before returning. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not go back");
        }
        synchronized (this) {
            now = now.plus(by);
        }
        listeners.forEach(Runnable::run);
    }
}
