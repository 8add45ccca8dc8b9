package io.hvmigrate.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An Msvm_MigrationJob instance on the source host.
 *
 * @param jobType         305 Moving Virtual Machine, 306 Moving Virtual Machine and Storage
 * @param migrationType   32768 VirtualSystem, 32771 VirtualSystemAndStorage
 * @param jobState        2 New (queued behind the migration limit), 4 Running, 7 Completed, 8 Terminated,
 *                        9 Killed, 10 Exception
 * @param errorCode       HRESULT of the failure, 0 when none
 * @param clusterGroup    the cluster group for a cluster-driven migration, or null
 */
public record MigrationJobInfo(UUID instanceId, UUID vmId, String vmName, String source, String destination,
                               int jobType, int migrationType, int jobState, int percentComplete, Instant startTime,
                               Instant endTime, Duration elapsed, int errorCode, String errorDescription,
                               boolean cancellable, String clusterGroup) {

    public boolean ended() {
        return jobState >= 7;
    }

    /** How long finished jobs stay listed (TimeBeforeRemoval's default). */
    public static final Duration TIME_BEFORE_REMOVAL = Duration.ofMinutes(5);
}
