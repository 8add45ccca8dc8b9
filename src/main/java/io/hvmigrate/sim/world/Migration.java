package io.hvmigrate.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One live migration in the world: queued, running or ended. Guarded by the world's lock.
 *
 * <p>Its progress is work, measured as the time the migration would take alone ({@link TimeModel.Work#alone()}):
 * setup, then the transfer, then blackout. Setup and blackout advance at the clock's pace; the transfer at
 * {@link #speed}, the share of its links the {@link Scheduler} gives it over what it would get alone (1 when alone).
 * The speed changes only at events, when the scheduler first brings {@link #done} up to the event's time: so a long
 * step of the clock and many short ones give the same progress, and the percentage, the completion and the failure
 * time all follow from the same three numbers.
 */
final class Migration {
    enum Kind { LIVE, LIVE_WITH_STORAGE, CLUSTER_LIVE }

    final UUID instanceId = UUID.randomUUID();
    final Kind kind;
    final VmState vm;
    final String source;
    final String destination;
    final String destinationAsTyped;
    final TimeModel.Work work;
    /** Nominal work of each phase, and in all, in nanoseconds. */
    final long setupNanos;
    final long transferNanos;
    final long total;
    /** New paths applied on completion: "" key = configuration folder; other keys = old VHD path -> new path. */
    final Map<String, String> newPaths;
    final String clusterGroup;
    final Instant queuedAt;
    Instant startedAt;
    Instant endedAt;
    /** 2 New (queued), 4 Running, 7 Completed, 8 Terminated, 9 Killed, 10 Exception. */
    int jobState = 2;
    int failAtPercent = -1;
    WorldException failure;
    String drainNode;
    boolean forceDrain;
    /** Work done as of {@link #asOf}, and the transfer's speed since then (0 < speed <= 1). */
    long done;
    Instant asOf;
    double speed = 1.0;

    Migration(Kind kind, VmState vm, String source, String destination, String destinationAsTyped,
              TimeModel.Work work, Map<String, String> newPaths, String clusterGroup, Instant queuedAt) {
        this.kind = kind;
        this.vm = vm;
        this.source = source;
        this.destination = destination;
        this.destinationAsTyped = destinationAsTyped;
        this.work = work;
        this.setupNanos = TimeModel.SETUP.toNanos();
        this.transferNanos = work.transferNanos();
        this.total = work.alone().toNanos();
        this.newPaths = Map.copyOf(newPaths);
        this.clusterGroup = clusterGroup;
        this.queuedAt = queuedAt;
    }

    boolean ended() {
        return jobState >= 7;
    }

    boolean movesStorage() {
        return kind == Kind.LIVE_WITH_STORAGE;
    }

    int percentAt(Instant now) {
        if (jobState == 7) {
            return 100;
        }
        if (startedAt == null) {
            return 0;
        }
        long whole = Math.max(1, total);
        return (int) Math.min(99, workAt(endedAt != null ? endedAt : now) * 100 / whole);
    }

    /** Starts the clock on the migration's work. */
    void start(Instant t) {
        jobState = 4;
        startedAt = t;
        asOf = t;
        done = 0;
        speed = 1.0;
    }

    /** Brings the work done up to {@code t} at the present speed: call before the speed changes, at an event. */
    void advanceTo(Instant t) {
        done = workAt(t);
        asOf = t;
    }

    /** Whether the migration is copying over its links now (not in setup nor blackout, not ended). */
    boolean transferring() {
        return jobState == 4 && done >= setupNanos && done < setupNanos + transferNanos;
    }

    /** The work done at {@code t} (not before {@link #asOf}), at the present speed. */
    long workAt(Instant t) {
        long w = done;
        long time = Math.max(0, Duration.between(asOf, t).toNanos());
        for (long end : phaseEnds()) {
            if (w >= end) {
                continue;
            }
            double rate = rateAt(w);
            long need = nanosFor(end - w, rate);
            if (time < need) {
                return Math.min(end - 1, w + (long) (time * rate));
            }
            time -= need;
            w = end;
        }
        return w;
    }

    /** When the work reaches {@code target} at the present speed (now, if it has already). */
    Instant whenWorkIs(long target) {
        long w = done;
        long time = 0;
        for (long end : phaseEnds()) {
            if (w >= target) {
                break;
            }
            if (w >= end) {
                continue;
            }
            long upTo = Math.min(end, target);
            time += nanosFor(upTo - w, rateAt(w));
            w = upTo;
        }
        return asOf.plusNanos(time);
    }

    /** The next moment something changes: a phase ends, or the migration completes or fails. */
    Instant nextEvent() {
        long target = failAtPercent >= 0 ? failureWork() : total;
        for (long end : phaseEnds()) {
            if (done < end) {
                return whenWorkIs(Math.min(end, target));
            }
        }
        return asOf;
    }

    Instant completionTime() {
        return whenWorkIs(total);
    }

    /** The work at which an injected failure fires: the first at which the job reports its percentage. */
    long failureWork() {
        return (total * failAtPercent + 99) / 100;
    }

    Instant failureTime() {
        return whenWorkIs(failureWork());
    }

    private long[] phaseEnds() {
        return new long[] {setupNanos, setupNanos + transferNanos, total};
    }

    private double rateAt(long w) {
        return w >= setupNanos && w < setupNanos + transferNanos ? speed : 1.0;
    }

    private static long nanosFor(long work, double rate) {
        return rate == 1.0 ? work : (long) Math.ceil(work / rate);
    }

    MigrationJobInfo info(Instant now) {
        Duration elapsed = startedAt == null ? Duration.ZERO
                : Duration.between(startedAt, endedAt != null ? endedAt : now);
        return new MigrationJobInfo(instanceId, vm.id, vm.name, source, destination,
                kind == Kind.LIVE_WITH_STORAGE ? 306 : 305,
                kind == Kind.LIVE_WITH_STORAGE ? 32771 : 32768, jobState, percentAt(now), startedAt, endedAt,
                elapsed, failure == null ? 0 : failure.hresult(), failure == null ? null : failure.getMessage(),
                !ended(), clusterGroup);
    }
}
