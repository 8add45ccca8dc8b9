package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.journal.Journal;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.WindowsPath;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Step;
import io.hvmigrate.plan.StepBook;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.transport.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Carries out one move as its scenario's state machine, writing the journal before every remote action and after its
 * result. When the migration's outcome is unknown it asks both hosts where the VM is and goes on from there; when the
 * move fails after the VM's role was removed, it adds the role back on the source with the settings recorded before.
 */
public final class MoveExecutor {

    /** Where a move stands when the executor takes it up (a fresh move, or one resumed from the journal). */
    public record Start(MoveState state, MoveJob.Role recordedRole) {
        public static final Start FRESH = new Start(MoveState.PENDING, null);
    }

    /** How a move ended. */
    public record Outcome(MoveState state, String detail) {}

    /**
     * Time limits of steps, and how often the engine looks again.
     *
     * @param pollInterval     how often local waits look again: a cancel asked for, a lost migration's settling, resume's
     *                         reconciliation
     * @param progressInterval how often each source host is asked for its migrations' progress (one remote command)
     */
    public record Limits(Duration step, Duration migrationFloor, double bytesPerSecond, double safetyFactor, Duration pollInterval,
                         Duration progressInterval) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(3), Duration.ofMinutes(10), 100e6, 4.0, Duration.ofSeconds(2));

        /** Progress polled as often as the other waits look again. */
        public Limits(Duration step, Duration migrationFloor, double bytesPerSecond, double safetyFactor, Duration pollInterval) {
            this(step, migrationFloor, bytesPerSecond, safetyFactor, pollInterval, pollInterval);
        }

        Duration migration(MoveJob j) {
            long estimateMs = (long) (j.bytesToCopy() / bytesPerSecond * 1000 * safetyFactor);
            return migrationFloor.compareTo(Duration.ofMillis(estimateMs)) > 0 ? migrationFloor : Duration.ofMillis(estimateMs);
        }
    }

    private final HostConnections hosts;
    private final Journal journal;
    private final RunEvents events;
    private final Clock clock;
    private final Limits limits;
    private final ProgressPolls progress;

    public MoveExecutor(HostConnections hosts, Journal journal, RunEvents events, Clock clock, Limits limits) {
        this.hosts = hosts;
        this.journal = journal;
        this.events = events;
        this.clock = clock;
        this.limits = limits;
        this.progress = new ProgressPolls(hosts, events, limits.progressInterval(), limits.step());
    }

    /**
     * @param running asked while the migration runs whether to cancel it, and told when the migration has ended
     */
    public Outcome execute(MoveJob job, Start start, Scheduler.Running running) {
        MoveStateMachine sm = new MoveStateMachine(job.scenario(), start.state());
        MoveJob.Role role = start.recordedRole() != null ? start.recordedRole() : job.role();
        job = job.withRole(start.recordedRole());
        events.moveStarted(job);
        try {
            if (sm.state() == MoveState.PENDING && job.scenario().removesHa()) {
                StepResult r = step(job, StepBook.recordHa(job));
                if (!(r instanceof StepResult.Ok ok)) {
                    return finish(job, sm, MoveState.FAILED, "could not read the cluster role: " + describe(r) + "; nothing was changed");
                }
                role = recorded(ok.data(), job);
                job = job.withRole(role);
                ObjectNode rec = journal.record("role-recorded");
                rec.put("move", job.id());
                rec.set("role", io.hvmigrate.journal.JournalCodec.role(role));
                journal.append(rec);
                transition(job, sm, MoveState.HA_RECORDED);
            }
            if (sm.state() == MoveState.HA_RECORDED) {
                StepResult r = step(job, StepBook.removeHa(job));
                if (!(r instanceof StepResult.Ok)) {
                    // the removal may have half-happened: make sure the role is there before giving up
                    return compensate(job, sm, role, "could not remove the cluster role: " + describe(r));
                }
                transition(job, sm, MoveState.HA_REMOVED);
            }
            if (sm.state() == MoveState.PENDING || sm.state() == MoveState.HA_REMOVED) {
                Outcome o = migrate(job, sm, role, running);
                if (o != null) {
                    return o;
                }
            }
            StepResult verified = null;
            if (sm.state() == MoveState.MIGRATED && job.scenario().addsHa()) {
                StepResult r = addHa(job);
                if (!(r instanceof StepResult.Ok)) {
                    MoveState end = job.scenario().removesHa() ? MoveState.FAILED_UNPROTECTED : MoveState.FAILED_AFTER_MOVE;
                    return finish(job, sm, end, "the VM runs on " + job.destination() + " but could not be made highly available: " + describe(r)
                            + "; run the playbook again, or Add-ClusterVirtualMachineRole -VMId " + job.vmId() + " on " + job.destination());
                }
                transition(job, sm, MoveState.HA_ADDED);
                verified = r;   // add-ha answers with the VM and its role as the destination now sees them
            }
            StepResult v;
            try {
                v = verified != null ? verified : step(job, StepBook.verify(job));
            } catch (TransportException e) {
                return finish(job, sm, MoveState.MOVED_UNVERIFIED, "moved, not verified: " + e.getMessage() + "; check it on " + job.destination());
            }
            String problem = v instanceof StepResult.Ok ok ? verificationProblem(job, ok.data()) : "cannot read the VM on its destination: " + describe(v);
            if (problem != null) {
                return finish(job, sm, MoveState.FAILED_AFTER_MOVE, "verification failed: " + problem);
            }
            return finish(job, sm, MoveState.DONE, "moved and verified on " + job.destination());
        } catch (TransportException e) {
            return unreachable(job, sm, role, e);
        }
    }

    /**
     * Makes the VM highly available on its destination. When that fails — its answer lost, or refused — the destination
     * is asked whether the VM is a clustered role now (it may have become one before the answer was lost): the hosts,
     * not the failed call, decide whether the step happened.
     */
    private StepResult addHa(MoveJob job) throws TransportException {
        StepResult r;
        TransportException failure = null;
        try {
            r = step(job, StepBook.addHa(job));
        } catch (TransportException e) {
            r = null;
            failure = e;
        }
        if (r instanceof StepResult.Ok) {
            return r;
        }
        String why = r != null ? describe(r) : failure.getMessage();
        StepResult check = failure != null && failure.kind().mayHaveRun() ? verifyUntilAnswered(job) : verifyOnce(job);
        if (check instanceof StepResult.Ok ok && ok.data().path("clustered").asBoolean()) {
            notice(job, "making it highly available failed (" + why + "), but " + job.destination() + " says it is a clustered role: going on");
            return ok;
        }
        if (failure != null) {
            throw failure;
        }
        return r;
    }

    /** The verification read once; null when the destination did not answer. */
    private StepResult verifyOnce(MoveJob job) {
        try {
            return step(job, StepBook.verify(job));
        } catch (TransportException e) {
            return null;
        }
    }

    /**
     * The verification read until the destination answers, for at most a step's time limit: after an add-ha whose
     * outcome is unknown, only the destination can say whether the VM is a role now, and a call that failed says nothing.
     */
    private StepResult verifyUntilAnswered(MoveJob job) {
        Instant giveUp = clock.instant().plus(limits.step());
        while (true) {
            StepResult check = verifyOnce(job);
            if (check != null || clock.instant().isAfter(giveUp)) {
                return check;
            }
            HostConnections.sleep(limits.pollInterval());
        }
    }

    /** Runs the migration; null when the VM reached its destination, else the move's end. */
    private Outcome migrate(MoveJob job, MoveStateMachine sm, MoveJob.Role role, Scheduler.Running running) throws TransportException {
        Step step = StepBook.migrate(job);
        Duration limit = limits.migration(job);
        CancelWatch cancel = new CancelWatch(job, running);
        Thread.ofVirtual().name("cancel-" + job.id()).start(cancel);
        StepResult r;
        try (ProgressPolls.Watch ignored = progress.watch(job)) {
            r = stepWithLimit(job, step, limit);
        } catch (TransportException e) {
            if (!e.kind().mayHaveRun()) {
                throw e;
            }
            // the command was accepted but its end was not seen: ask the hosts where the VM is, never send it again blindly
            notice(job, "the migration's outcome is unknown (" + e.getMessage() + "); asking both hosts where the VM is");
            r = null;
        } finally {
            cancel.stop();
        }
        if (r != null) {
            running.migrationEnded();   // the host answered: its migration is over, whatever the outcome
        }
        if (r instanceof StepResult.Ok) {
            transition(job, sm, MoveState.MIGRATED);
            return null;
        }
        Where where = locate(job, r == null);
        running.migrationEnded();   // locate waits while a migration of the VM still runs on the source
        if (where == Where.DESTINATION) {
            transition(job, sm, MoveState.MIGRATED);
            return null;
        }
        if (where == Where.UNKNOWN) {
            String lost = "the migration's outcome is unknown: neither " + job.source() + " nor " + job.destination()
                    + " said where the VM is within " + limits.migration(job).toMinutes() + " min; find it (Get-VM -Id " + job.vmId()
                    + " on both) and run the playbook again";
            return finish(job, sm, sm.state() == MoveState.HA_REMOVED ? MoveState.FAILED_UNPROTECTED : MoveState.FAILED,
                    sm.state() == MoveState.HA_REMOVED ? lost + "; its role is not on either cluster" : lost);
        }
        String why = r == null ? "the migration's outcome was unknown and the VM is still on " + job.source() : describe(r);
        if (cancel.cancelled) {
            why = "cancelled: " + why;
        }
        if (sm.state() == MoveState.HA_REMOVED) {
            return compensate(job, sm, role, "the migration failed: " + why);
        }
        return finish(job, sm, MoveState.FAILED, "the migration failed: " + why + "; the VM runs on " + job.source() + " as before");
    }

    private enum Where { SOURCE, DESTINATION, UNKNOWN }

    /** How long a lost migration command is given to begin its migration before the VM on its source says it did not. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * Asks the source, then (only when the source no longer has it) the destination, where the VM is; waits while a
     * migration of it still runs. A VM the source has and is not migrating is there and nowhere else, so a destination
     * that cannot be reached does not stand in the way of that answer. A call that fails says nothing: the hosts are
     * asked again (waiting out an open circuit breaker) until they answer or the migration's time limit has passed.
     *
     * @param commandLost the migration command's end was not seen: it may not have begun the migration yet, so the VM
     *                    on its source says the migration failed only once a migration job of it is known to the
     *                    source, or none has begun for a while
     */
    private Where locate(MoveJob job, boolean commandLost) {
        Instant giveUp = clock.instant().plus(limits.migration(job));
        Instant settled = clock.instant().plus(SETTLE.compareTo(limits.pollInterval().multipliedBy(5)) > 0 ? SETTLE : limits.pollInterval().multipliedBy(5));
        while (true) {
            StepResult atSrc = ask(job, job.source());
            boolean running = atSrc instanceof StepResult.Ok s && s.data().path("migrating").asBoolean();
            if (!running && atSrc instanceof StepResult.Ok s2 && s2.data().path("present").asBoolean()
                    && (!commandLost || s2.data().path("jobs").asInt() > 0 || !clock.instant().isBefore(settled))) {
                return Where.SOURCE;
            }
            if (!running) {
                StepResult atDst = ask(job, job.destination());
                if (atDst instanceof StepResult.Ok ok && ok.data().path("present").asBoolean() && !ok.data().path("migrating").asBoolean()) {
                    return Where.DESTINATION;
                }
            }
            if (clock.instant().isAfter(giveUp)) {
                return Where.UNKNOWN;
            }
            HostConnections.sleep(limits.pollInterval());
        }
    }

    /** One locate call; null when the host did not answer. */
    private StepResult ask(MoveJob job, String host) {
        try {
            return call(job, "locate", host, StepScripts.locateVm(job.vmId()), true, limits.step(), HostConnections.Breaker.WAIT);
        } catch (TransportException e) {
            return null;
        }
    }

    private Outcome compensate(MoveJob job, MoveStateMachine sm, MoveJob.Role role, String why) {
        if (role == null) {
            return finish(job, sm, MoveState.FAILED_UNPROTECTED, why + "; the VM's role settings are unknown, so it was not made highly available again");
        }
        try {
            StepResult r = step(job, StepBook.restoreHa(job, role));
            if (r instanceof StepResult.Ok) {
                return finish(job, sm, MoveState.FAILED, why + "; the VM runs on " + job.source() + " and its role " + role.group()
                        + " was restored on " + job.sourceCluster() + " (priority " + role.priority() + ")");
            }
            return finish(job, sm, MoveState.FAILED_UNPROTECTED, why + "; restoring its role failed too: " + describe(r)
                    + " — run Add-ClusterVirtualMachineRole -VMId " + job.vmId() + " on " + job.source());
        } catch (TransportException e) {
            return finish(job, sm, MoveState.FAILED_UNPROTECTED, why + "; restoring its role failed: " + e.getMessage()
                    + " — run Add-ClusterVirtualMachineRole -VMId " + job.vmId() + " on " + job.source());
        }
    }

    private Outcome unreachable(MoveJob job, MoveStateMachine sm, MoveJob.Role role, TransportException e) {
        return switch (sm.state()) {
            case PENDING -> finish(job, sm, MoveState.FAILED, e.getMessage() + "; nothing was changed");
            // removing the role may have happened: make sure it is there
            case HA_RECORDED -> e.kind().mayHaveRun() ? compensate(job, sm, role, "removing the cluster role: " + e.getMessage())
                    : finish(job, sm, MoveState.FAILED, e.getMessage() + "; nothing was changed");
            case HA_REMOVED -> compensate(job, sm, role, e.getMessage());
            case MIGRATED -> job.scenario().addsHa()
                    ? finish(job, sm, job.scenario().removesHa() ? MoveState.FAILED_UNPROTECTED : MoveState.FAILED_AFTER_MOVE,
                            "the VM runs on " + job.destination() + " but could not be made highly available: " + e.getMessage()
                                    + "; run the playbook again, or Add-ClusterVirtualMachineRole -VMId " + job.vmId() + " on " + job.destination())
                    : finish(job, sm, MoveState.FAILED_AFTER_MOVE, "the VM runs on " + job.destination() + ", but " + e.getMessage());
            case HA_ADDED -> finish(job, sm, MoveState.MOVED_UNVERIFIED, "moved, not verified: " + e.getMessage() + "; check it on " + job.destination());
            default -> throw new IllegalStateException("no failure from " + sm.state());
        };
    }

    /** What does not match the expected result of the move, or null when everything does. */
    static String verificationProblem(MoveJob job, JsonNode d) {
        List<String> wrong = new ArrayList<>();
        String host = d.path("host").asText("");
        if (!(Names.same(host, job.destination()) || Names.same(host, job.destinationNetbios()) || Names.same(host, job.destinationFqdn()))) {
            wrong.add("it runs on '" + host + "', not on " + job.destination());
        }
        if (job.stateBefore() != null && !job.stateBefore().equalsIgnoreCase(d.path("state").asText())) {
            wrong.add("its state is " + d.path("state").asText() + ", it was " + job.stateBefore());
        }
        boolean clusteredAfter = job.scenario().inCluster() || job.scenario().addsHa();
        if (d.path("clustered").asBoolean() != clusteredAfter) {
            wrong.add(clusteredAfter ? "it is not a clustered role" : "it is still a clustered role");
        }
        if (clusteredAfter && d.has("owner") && !Names.same(d.path("owner").asText(), job.destinationNetbios())
                && !Names.same(d.path("owner").asText(), job.destination())) {
            wrong.add("its role is owned by " + d.path("owner").asText());
        }
        if (clusteredAfter && job.priorityOnDestination() != null && d.has("priority")
                && d.path("priority").asInt() != job.priorityOnDestination()) {
            wrong.add("its role's priority is " + d.path("priority").asInt() + ", not " + job.priorityOnDestination());
        }
        if (job.movesStorage()) {
            if (!WindowsPath.isUnder(d.path("path").asText(""), job.storagePath())) {
                wrong.add("its configuration is at " + d.path("path").asText() + ", not under " + job.storagePath());
            }
            for (JsonNode disk : d.path("disks")) {
                if (!WindowsPath.isUnder(disk.asText(), job.storagePath())) {
                    wrong.add("disk " + disk.asText() + " is not under " + job.storagePath());
                }
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static MoveJob.Role recorded(JsonNode d, MoveJob job) {
        List<String> owners = new ArrayList<>();
        d.path("preferredOwners").forEach(o -> owners.add(o.asText()));
        List<String> classes = new ArrayList<>();
        d.path("antiAffinityClassNames").forEach(o -> classes.add(o.asText()));
        return new MoveJob.Role(d.path("group").asText(job.role().group()), d.path("owner").asText(job.role().ownerNode()),
                d.path("priority").asInt(job.role().priority()), owners, classes,
                d.path("failoverThreshold").isNumber() ? d.path("failoverThreshold").asLong() : null,
                d.path("failoverPeriod").isNumber() ? d.path("failoverPeriod").asLong() : null,
                d.path("autoFailbackType").isNumber() ? d.path("autoFailbackType").asInt() : null);
    }

    // ---- steps with the journal around them --------------------------------------------------------------------------

    private StepResult step(MoveJob job, Step step) throws TransportException {
        return call(job, step.id(), step.host(), step.script(), step.idempotent(), limits.step(), breakerFor(step));
    }

    private StepResult stepWithLimit(MoveJob job, Step step, Duration limit) throws TransportException {
        return call(job, step.id(), step.host(), step.script(), step.idempotent(), limit, breakerFor(step));
    }

    /**
     * Making a VM highly available (on its destination, or back on its source) is what keeps it protected: an open
     * circuit breaker on its host must not stop it. Reading steps wait the breaker out; only the steps that change
     * something (removing the role, migrating) are refused by it — nothing has changed then.
     */
    private static HostConnections.Breaker breakerFor(Step step) {
        return switch (step.kind()) {
            case RESTORE_HA, ADD_HA -> HostConnections.Breaker.BYPASS;
            case RECORD_HA, VERIFY -> HostConnections.Breaker.WAIT;
            case REMOVE_HA, MIGRATE, CLUSTER_MIGRATE -> HostConnections.Breaker.OBEY;
        };
    }

    private StepResult call(MoveJob job, String stepId, String host, io.hvmigrate.powershell.StepScript script, boolean idempotent,
                            Duration limit, HostConnections.Breaker breaker) throws TransportException {
        ObjectNode before = journal.record("step-start");
        before.put("move", job.id());
        before.put("step", stepId);
        before.put("host", host);
        journal.append(before);
        events.stepStarted(job, stepId, host);
        // every attempt that failed, as the retry records give them: the step's end must not hide that an earlier one may have run
        List<TransportException> failed = new ArrayList<>();
        try {
            StepResult r = hosts.run(host, script, limit, idempotent, breaker, (attempt, failure, wait) -> {
                failed.add(failure);
                ObjectNode retry = journal.record("retry");
                retry.put("move", job.id());
                retry.put("step", stepId);
                retry.put("host", host);
                retry.put("attempt", attempt);
                retry.put("kind", failure.kind().name());
                retry.put("error", failure.getMessage());
                retry.put("waitMs", wait.toMillis());
                journal.append(retry);
                events.notice(job.vmName() + ": " + stepId + " on " + host + " failed (" + failure.getMessage() + "); attempt "
                        + (attempt + 1) + " in " + wait.toMillis() + " ms");
            });
            ObjectNode after = stepEnd(job, stepId, host, failed);
            switch (r) {
                case StepResult.Ok ok -> {
                    after.put("outcome", "ok");
                    after.set("data", ok.data());
                }
                case StepResult.Failed f -> {
                    after.put("outcome", "failed");
                    after.put("error", f.message());
                    after.put("hresult", f.hresultHex());
                    after.put("category", f.category());
                }
                case StepResult.Unreadable u -> {
                    after.put("outcome", "unreadable");
                    after.put("error", u.why());
                }
            }
            journal.append(after);
            events.stepFinished(job, stepId, host, r instanceof StepResult.Ok, r instanceof StepResult.Ok ? "" : describe(r));
            return r;
        } catch (TransportException e) {
            failed.add(e);
            ObjectNode after = stepEnd(job, stepId, host, failed);
            // one attempt that may have run makes the step's outcome unknown, whatever the later ones met
            TransportException ran = failed.stream().filter(f -> f.kind().mayHaveRun()).findFirst().orElse(null);
            after.put("outcome", ran != null ? "unknown" : "not-run");
            after.put("error", e.getMessage());
            journal.append(after);
            events.stepFinished(job, stepId, host, false, e.getMessage());
            if (ran != null && !e.kind().mayHaveRun()) {
                // the last attempt was refused unsent (an open breaker, say), but an earlier one may have run: the caller
                // must not conclude from the last one that nothing changed
                throw new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, e.host(), e.detail()
                        + "; an earlier attempt may have run (" + ran.detail() + ")", e);
            }
            throw e;
        }
    }

    /** A step's end record, with how many attempts it took and how each failed one failed. */
    private ObjectNode stepEnd(MoveJob job, String stepId, String host, List<TransportException> failed) {
        ObjectNode after = journal.record("step-end");
        after.put("move", job.id());
        after.put("step", stepId);
        after.put("host", host);
        if (!failed.isEmpty()) {
            var attempts = after.putArray("failedAttempts");
            for (TransportException f : failed) {
                attempts.addObject().put("kind", f.kind().name()).put("mayHaveRun", f.kind().mayHaveRun()).put("error", f.getMessage());
            }
        }
        return after;
    }

    static String describe(StepResult r) {
        return switch (r) {
            case StepResult.Ok ok -> "ok";
            // Windows often ends its message with the code already: it is given once
            case StepResult.Failed f -> f.message() + (f.hresult() != 0 && !f.message().toLowerCase(java.util.Locale.ROOT)
                    .contains(f.hresultHex().toLowerCase(java.util.Locale.ROOT)) ? " (" + f.hresultHex() + ")" : "");
            case StepResult.Unreadable u -> u.why();
        };
    }

    private void transition(MoveJob job, MoveStateMachine sm, MoveState next) {
        MoveState prev = sm.moveTo(next);
        ObjectNode rec = journal.record("state");
        rec.put("move", job.id());
        rec.put("from", prev.name());
        rec.put("to", next.name());
        journal.append(rec);
    }

    private Outcome finish(MoveJob job, MoveStateMachine sm, MoveState end, String detail) {
        MoveState prev = sm.moveTo(end);
        ObjectNode rec = journal.record("state");
        rec.put("move", job.id());
        rec.put("from", prev.name());
        rec.put("to", end.name());
        rec.put("detail", detail);
        journal.append(rec);
        events.moveFinished(job, end, detail);
        return new Outcome(end, detail);
    }

    private void notice(MoveJob job, String message) {
        ObjectNode rec = journal.record("notice");
        rec.put("move", job.id());
        rec.put("message", message);
        journal.append(rec);
        events.notice(job.vmName() + ": " + message);
    }

    /** Cancels the migration on its source when the scheduler asks for it (checked every poll interval, no remote call until then). */
    private final class CancelWatch implements Runnable {
        private final MoveJob job;
        private final Scheduler.Running running;
        private final CountDownLatch stopped = new CountDownLatch(1);
        volatile boolean cancelled;

        CancelWatch(MoveJob job, Scheduler.Running running) {
            this.job = job;
            this.running = running;
        }

        void stop() {
            stopped.countDown();
        }

        @Override
        public void run() {
            try {
                while (!stopped.await(limits.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    if (running.cancelRequested()) {
                        cancelled = true;
                        var script = job.scenario().inCluster() ? StepScripts.cancelClusterMigration(job.role().group()) : StepScripts.cancelMigration(job.vmId());
                        StepResult r = call(job, "cancel", job.source(), script, true, limits.step(), HostConnections.Breaker.BYPASS);
                        if (!(r instanceof StepResult.Ok ok)) {
                            notice(job, "could not cancel the migration: " + describe(r) + "; it goes on");
                        } else if (!ok.data().path("refused").isEmpty()) {
                            // VMMS answered the request with an error code: the migration was not stopped
                            notice(job, "could not cancel the migration: VMMS refused it (RequestStateChange returned "
                                    + ok.data().path("refused") + "); it goes on");
                        }
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the move is over
            } catch (TransportException | RuntimeException e) {
                notice(job, "could not cancel the migration: " + e.getMessage());
            }
        }
    }
}
