package io.hvmigrate.sim.world.fleet;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded per-call chances of a fault rule ({@code probability: 0.05}): whether the n-th call of a key (a host and an
 * action, a VM) meets the fault depends only on the seed, the key and n — not on how calls to other hosts interleave —
 * so a wave replays with the same seed.
 */
public final class Chance {
    private final double probability;
    private final long seed;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    /** @param probability 0..1; null or 1 for every call */
    public Chance(Double probability, Long seed) {
        this.probability = probability == null ? 1.0 : probability;
        this.seed = seed == null ? 0L : seed;
    }

    /** Whether this call of {@code key} meets the fault. */
    public boolean hit(String key) {
        if (probability >= 1.0) {
            return true;
        }
        long n = calls.computeIfAbsent(key.toLowerCase(java.util.Locale.ROOT), k -> new AtomicLong()).getAndIncrement();
        long mixed = seed * 0x9E3779B97F4A7C15L ^ key.toLowerCase(java.util.Locale.ROOT).hashCode() * 0xC2B2AE3D27D4EB4FL ^ n;
        return new SplittableRandom(mixed).nextDouble() < probability;
    }
}
