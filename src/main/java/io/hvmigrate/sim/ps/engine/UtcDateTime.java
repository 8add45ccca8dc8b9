package io.hvmigrate.sim.ps.engine;

import java.time.Instant;

/**
 * A DateTime whose Kind is Utc ({@code [DateTime]::UtcNow}, {@code .ToUniversalTime()}); a plain {@link Instant} is a
 * Local DateTime. On the simulated hosts local time is UTC, so the two differ only in how they print ("Z" versus
 * "+00:00" in the round-trip format) and in their {@code Kind}.
 */
public record UtcDateTime(Instant instant) {

    /** The instant of any DateTime value, or null when the value is not one. */
    public static Instant of(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof UtcDateTime u) {
            return u.instant();
        }
        return null;
    }

    @Override
    public String toString() {
        return Conversions.formatInvariantDate(instant);
    }
}
