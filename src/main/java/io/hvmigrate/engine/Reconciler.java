package io.hvmigrate.engine;

import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides where a move interrupted by a crash stands, from the truth — where the VM is now — not from memory. The
 * journal adds what the hosts cannot tell: the role settings recorded before a removal.
 */
public final class Reconciler {
    private final HostConnections hosts;
    private final Clock clock;
    private final Duration limit;
    private final Duration poll;

    public Reconciler(HostConnections hosts, Clock clock, Duration limit, Duration poll) {
        this.hosts = hosts;
        this.clock = clock;
        this.limit = limit;
        this.poll = poll;
    }

    /** Where the VM is, as both hosts see it. */
    public enum Place { SOURCE, DESTINATION, NOWHERE }

    /**
     * Asks both hosts; while a migration of the VM still runs, waits for it to end (up to the limit). The two answers
     * are read one after the other, so a VM that finishes its migration in between is on neither host in them: "nowhere"
     * is believed only when a second pair of answers says it too. A host that cannot answer is not taken as "not there":
     * it is asked again (waiting out its open circuit breaker) until the limit has passed.
     */
    public Place locate(MoveJob job) throws TransportException {
        Instant giveUp = clock.instant().plus(limit);
        int nowhere = 0;
        TransportException[] lastFailure = {null};
        while (true) {
            StepResult dst = ask(job.destination(), job, lastFailure);
            StepResult src = ask(job.source(), job, lastFailure);
            boolean answered = dst instanceof StepResult.Ok && src instanceof StepResult.Ok;
            boolean migrating = migrating(dst) || migrating(src);
            if (answered && !migrating) {
                if (present(dst)) {
                    return Place.DESTINATION;
                }
                if (present(src)) {
                    return Place.SOURCE;
                }
                if (++nowhere >= 2) {
                    return Place.NOWHERE;
                }
                continue;
            }
            nowhere = 0;
            if (clock.instant().isAfter(giveUp)) {
                if ((dst == null || src == null) && lastFailure[0] != null) {
                    throw lastFailure[0];
                }
                if (!answered) {
                    StepResult bad = dst instanceof StepResult.Ok ? src : dst;
                    String host = dst instanceof StepResult.Ok ? job.source() : job.destination();
                    throw new TransportException(TransportException.Kind.REJECTED, host,
                            "cannot tell whether it has VM " + job.vmName() + ": " + MoveExecutor.describe(bad), null);
                }
                if (present(dst)) {
                    return Place.DESTINATION;
                }
                if (present(src)) {
                    return Place.SOURCE;
                }
                return Place.NOWHERE;
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(TransportException.Kind.REFUSED_LOCALLY, job.source(), "interrupted", e);
            }
        }
    }

    /** One host's answer; null when the call failed (the failure kept for the end). */
    private StepResult ask(String host, MoveJob job, TransportException[] lastFailure) {
        try {
            return hosts.run(host, StepScripts.locateVm(job.vmId()), Duration.ofMinutes(2), true, HostConnections.Breaker.WAIT,
                    HostConnections.RetryListener.NONE);
        } catch (TransportException e) {
            lastFailure[0] = e;
            return null;
        }
    }

    private static boolean present(StepResult r) {
        return r instanceof StepResult.Ok ok && ok.data().path("present").asBoolean();
    }

    private static boolean migrating(StepResult r) {
        return r instanceof StepResult.Ok ok && ok.data().path("migrating").asBoolean();
    }

    /**
     * Where to go on with a move that had not ended. Returns null when the move must not go on (the VM is nowhere to
     * be found: a person has to look).
     */
    public MoveExecutor.Start resumeFrom(MoveJob job, MoveState last, MoveJob.Role recordedRole, Place place) {
        if (place == Place.NOWHERE) {
            return null;
        }
        if (place == Place.DESTINATION) {
            // it got there: make it highly available if it should be, then verify
            return new MoveExecutor.Start(last == MoveState.HA_ADDED ? MoveState.HA_ADDED : MoveState.MIGRATED, recordedRole);
        }
        if (job.scenario().removesHa() && recordedRole != null) {
            // the role may or may not have been removed: removing again is harmless, and the recorded settings restore it
            return new MoveExecutor.Start(MoveState.HA_RECORDED, recordedRole);
        }
        return MoveExecutor.Start.FRESH;
    }
}
