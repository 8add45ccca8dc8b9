package io.hvmigrate.sim.world;

import java.time.Instant;

/**
 * Simulated time. Migrations, ticket lifetimes and crash faults run on it, so tests advance time instead of sleeping
 * and a served fleet can run many times faster than the wall clock.
 */
public interface SimClock {

    Instant now();

    /** Called after simulated time moved on (from the thread that moved it). */
    void onTick(Runnable listener);
}
