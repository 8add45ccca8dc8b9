package io.hvmigrate.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One live migration in the world: queued, running or ended. Guarded by the world's lock. */
final class Migration {
    enum Kind { LIVE, LIVE_WITH_STORAGE, CLUSTER_LIVE }

    final UUID instanceId = UUID.randomUUID();
    final Kind kind;
    final VmState vm;
    final String source;
    final String destination;
    final String destinationAsTyped;
    final Duration storageTime;
    final Duration total;
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

    Migration(Kind kind, VmState vm, String source, String destination, String destinationAsTyped,
              Duration storageTime, Duration total, Map<String, String> newPaths, String clusterGroup,
              Instant queuedAt) {
        this.kind = kind;
        this.vm = vm;
        this.source = source;
        this.destination = destination;
        this.destinationAsTyped = destinationAsTyped;
        this.storageTime = storageTime;
        this.total = total;
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
        Instant until = endedAt != null ? endedAt : now;
        long elapsed = Duration.between(startedAt, until).toNanos();
        long whole = Math.max(1, total.toNanos());
        return (int) Math.min(99, elapsed * 100 / whole);
    }

    Instant completionTime() {
        return startedAt.plus(total);
    }

    Instant failureTime() {
        return startedAt.plusNanos(total.toNanos() * failAtPercent / 100);
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
