package io.hvmigrate.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Simulated time that runs {@code scale} times faster than the wall clock: with scale 1000, a migration of 40 simulated
 * seconds takes 40 ms. A daemon thread ticks the listeners every {@code tick} of wall time until {@link #close()}.
 */
public final class ScaledClock implements SimClock, AutoCloseable {
    private final Instant origin;
    private final long startNanos = System.nanoTime();
    private final double scale;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread ticker;
    private volatile boolean closed;

    public ScaledClock(Instant origin, double scale, Duration tick) {
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive");
        }
        this.origin = origin;
        this.scale = scale;
        long tickMillis = Math.max(1, tick.toMillis());
        this.ticker = Thread.ofPlatform().daemon().name("hvsim-clock").unstarted(() -> {
            while (!closed) {
                listeners.forEach(Runnable::run);
                try {
                    Thread.sleep(tickMillis); // the clock's own heartbeat, not a test waiting
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ticker.start();
    }

    @Override
    public Instant now() {
        long simNanos = (long) ((System.nanoTime() - startNanos) * scale);
        return origin.plusNanos(simNanos);
    }

    @Override
    public void onTick(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
    }
}
