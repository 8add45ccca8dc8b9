package io.hvmigrate.engine;

import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.MoveJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Starts moves so the whole wave finishes soonest: the longest move that may start goes first (not playbook order),
 * within the caps — the run's global cap, per source and per destination host, and each host's own limit of
 * migrations it takes part in (its MaximumVirtualMachineMigrations, or its cluster's MaximumParallelMigrations). No
 * move starts before the window opens, nor if its estimate would pass the window's cutoff; at the window's end, running moves finish or are
 * cancelled as the policy says; once more moves failed than the failure budget allows, no new move starts. A move
 * holds its slots on its hosts while it removes a cluster role and migrates; once its migration has ended the next
 * move may start there, while this one adds its role on the destination and verifies. A move whose source or
 * destination is not accepting new work (its circuit breaker is open: it failed too often just now) is held until it
 * is, within the window.
 */
public final class Scheduler {

    /** Caps: {@code hostLimit} is how many migrations a host may take part in at once, as source or destination. */
    public record Caps(int global, int perSource, int perDestination, Map<String, Integer> hostLimit) {
        int limitOf(String host) {
            return hostLimit.getOrDefault(host, Integer.MAX_VALUE);
        }
    }

    /** One move to schedule, with how long it is expected to take and where it starts from. */
    public record Item(MoveJob job, Duration estimate, MoveExecutor.Start start) {}

    /** Carries out one move; the scheduler calls it on its own thread. */
    @FunctionalInterface
    public interface Mover {
        MoveExecutor.Outcome move(MoveJob job, MoveExecutor.Start start, Running running);
    }

    /** What a move in progress may ask of its scheduler, and tell it. */
    public interface Running {
        /** True once the move's migration should be cancelled (the window's deadline, a second stop, the stop's grace period over). */
        boolean cancelRequested();

        /**
         * The migration itself has ended (the hosts said so): the move no longer holds a migration slot on its
         * source and destination, so the next move may start there while this one adds its role and verifies.
         * Calling it more than once, or not at all, is harmless: the slots are freed when the move ends anyway.
         */
        void migrationEnded();
    }

    /**
     * Stop requests from outside (Ctrl-C, SIGTERM, …): the first stops moves from starting and lets running ones
     * finish within the grace period; once it has passed, or on a second request, the running ones are cancelled.
     */
    public static final class Control {
        private final Clock clock;
        private final Duration grace;
        private volatile Instant stoppedAt;
        private volatile boolean cancelRunning;
        private volatile Runnable wake = () -> {};

        /** Without a grace period: after a stop, running moves finish however long they take, unless cancelled. */
        public Control() {
            this(Clock.systemUTC(), null);
        }

        /** @param grace how long running moves may go on after the first stop request; null: as long as they take */
        public Control(Clock clock, Duration grace) {
            this.clock = clock;
            this.grace = grace;
        }

        /** No new move starts; the grace period runs from the first request (a repeated one does not restart it). */
        public void stopStarting() {
            synchronized (this) {
                if (stoppedAt == null) {
                    stoppedAt = clock.instant();
                }
            }
            wake.run();
        }

        public void cancelRunning() {
            stopStarting();
            cancelRunning = true;
            wake.run();
        }

        public boolean stopping() {
            return stoppedAt != null;
        }

        /** True once running moves are to be cancelled: asked for, or the grace period after the stop has passed. */
        public boolean cancelling() {
            return cancelRunning || graceOver();
        }

        /** True once the grace period after the first stop request has passed. */
        public boolean graceOver() {
            Instant stopped = stoppedAt;
            return stopped != null && grace != null && !clock.instant().isBefore(stopped.plus(grace));
        }

        /** How long running moves may go on after a stop; null: as long as they take. */
        public Duration grace() {
            return grace;
        }
    }

    private final Clock clock;
    private final RunEvents events;
    private final Predicate<String> accepting;

    public Scheduler(Clock clock, RunEvents events) {
        this(clock, events, host -> true);
    }

    /** @param accepting whether a host may take part in a new move now (false while its circuit breaker is open) */
    public Scheduler(Clock clock, RunEvents events, Predicate<String> accepting) {
        this.clock = clock;
        this.events = events;
        this.accepting = accepting;
    }

    public RunSummary run(String runId, List<Item> items, Caps caps, Playbook.Window.Resolved window, int failureBudget,
                          Mover mover, Control control, java.util.function.LongSupplier roundTrips,
                          java.util.function.Consumer<MoveJob> onNotStarted) {
        Instant started = clock.instant();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        control.wake = () -> {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        };
        List<Item> pending = new ArrayList<>(items);
        pending.sort(Comparator.comparing(Item::estimate).reversed().thenComparing(i -> i.job().id()));
        Map<String, Integer> bySource = new HashMap<>();
        Map<String, Integer> byDestination = new HashMap<>();
        Map<String, Integer> byHost = new HashMap<>();
        List<RunSummary.MoveResult> results = new ArrayList<>();
        int[] running = {0};    // moves not yet ended
        int[] migrating = {0};  // moves holding migration slots (until their migration ended)
        int[] failures = {0};
        boolean[] cancelAll = {false};
        String stopReason = null;

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            lock.lock();
            try {
                while (!pending.isEmpty() || running[0] > 0) {
                    Instant now = clock.instant();
                    if (stopReason == null && control.stopping()) {
                        stopReason = "interrupted";
                    }
                    if (stopReason == null && failures[0] > failureBudget) {
                        stopReason = "failure budget";
                        events.notice("more moves failed (" + failures[0] + ") than the failure budget allows (" + failureBudget + "): no new move starts");
                    }
                    if (window != null && !now.isBefore(window.end())) {
                        if (stopReason == null) {
                            stopReason = "window";
                            events.notice("the maintenance window ended at " + window.end() + ": no new move starts"
                                    + (window.atDeadline() == Playbook.DeadlineAction.CANCEL ? "; running moves are cancelled" : "; running moves finish"));
                        }
                        if (window.atDeadline() == Playbook.DeadlineAction.CANCEL) {
                            cancelAll[0] = true;
                        }
                    }
                    if (control.cancelling()) {
                        if (!cancelAll[0] && control.graceOver() && running[0] > 0) {
                            // checked at least once a second: the grace period ends to within that
                            events.notice("the grace period after the stop has passed: cancelling the running moves;"
                                    + " a move still migrating ends with its VM back on its source, its role restored");
                        }
                        cancelAll[0] = true;
                    }
                    boolean open = window == null || !now.isBefore(window.start());   // no move starts before the window opens
                    boolean held = false;   // a move waits for a host that does not accept new work now
                    if (stopReason == null && open) {
                        for (var it = pending.iterator(); it.hasNext() && migrating[0] < caps.global(); ) {
                            Item item = it.next();
                            MoveJob j = item.job();
                            if (window != null && now.plus(item.estimate()).isAfter(window.cutoff())) {
                                continue;   // a shorter move may still fit before the cutoff
                            }
                            if (bySource.getOrDefault(j.source(), 0) >= Math.min(caps.perSource(), caps.limitOf(j.source()))
                                    || byDestination.getOrDefault(j.destination(), 0) >= Math.min(caps.perDestination(), caps.limitOf(j.destination()))
                                    || byHost.getOrDefault(j.source(), 0) >= caps.limitOf(j.source())
                                    || byHost.getOrDefault(j.destination(), 0) >= caps.limitOf(j.destination())) {
                                continue;
                            }
                            if (!accepting.test(j.source()) || !accepting.test(j.destination())) {
                                held = true;
                                continue;
                            }
                            it.remove();
                            running[0]++;
                            migrating[0]++;
                            bySource.merge(j.source(), 1, Integer::sum);
                            byDestination.merge(j.destination(), 1, Integer::sum);
                            byHost.merge(j.source(), 1, Integer::sum);
                            byHost.merge(j.destination(), 1, Integer::sum);
                            boolean[] holdsSlots = {true};
                            Runnable freeSlots = () -> {
                                lock.lock();
                                try {
                                    if (holdsSlots[0]) {
                                        holdsSlots[0] = false;
                                        migrating[0]--;
                                        bySource.merge(j.source(), -1, Integer::sum);
                                        byDestination.merge(j.destination(), -1, Integer::sum);
                                        byHost.merge(j.source(), -1, Integer::sum);
                                        byHost.merge(j.destination(), -1, Integer::sum);
                                        changed.signalAll();
                                    }
                                } finally {
                                    lock.unlock();
                                }
                            };
                            Running handle = new Running() {
                                @Override
                                public boolean cancelRequested() {
                                    lock.lock();
                                    try {
                                        return cancelAll[0];
                                    } finally {
                                        lock.unlock();
                                    }
                                }

                                @Override
                                public void migrationEnded() {
                                    freeSlots.run();
                                }
                            };
                            pool.submit(() -> {
                                Instant t0 = clock.instant();
                                MoveExecutor.Outcome o;
                                try {
                                    o = mover.move(j, item.start(), handle);
                                } catch (RuntimeException e) {
                                    o = new MoveExecutor.Outcome(MoveState.FAILED, "internal error: " + e);
                                }
                                lock.lock();
                                try {
                                    running[0]--;
                                    if (o.state() == MoveState.FAILED || o.state() == MoveState.FAILED_AFTER_MOVE || o.state() == MoveState.FAILED_UNPROTECTED) {
                                        failures[0]++;
                                    }
                                    // the failure is counted before the slots are freed, so no move starts on them
                                    // before the failure budget has seen it
                                    freeSlots.run();
                                    results.add(result(j, o, Duration.between(t0, clock.instant())));
                                    changed.signalAll();
                                } finally {
                                    lock.unlock();
                                }
                            });
                        }
                    }
                    if (stopReason != null && running[0] == 0) {
                        break;
                    }
                    if (running[0] == 0 && stopReason == null && !pending.isEmpty() && open && !held) {
                        // nothing runs and nothing may start: every remaining move would pass the cutoff
                        stopReason = "window";
                        events.notice("no remaining move can finish before the cutoff " + window.cutoff() + ": " + pending.size() + " left");
                        break;
                    }
                    awaitChange(changed, window, now);
                }
            } finally {
                lock.unlock();
            }
        }
        for (Item left : pending) {
            onNotStarted.accept(left.job());
            results.add(new RunSummary.MoveResult(left.job().id(), left.job().vmName(), left.job().source(), left.job().destination(),
                    left.job().scenario().name(), MoveState.NOT_STARTED, "not started: " + (stopReason == null ? "stopped" : stopReason), Duration.ZERO));
        }
        results.sort(Comparator.comparing(RunSummary.MoveResult::id));
        return new RunSummary(runId, results, Duration.between(started, clock.instant()), roundTrips.getAsLong(), stopReason,
                control.stopping() && "interrupted".equals(stopReason));
    }

    private void awaitChange(Condition changed, Playbook.Window.Resolved window, Instant now) {
        long waitMs = 1000;
        if (window != null) {
            for (Instant t : new Instant[] {window.start(), window.cutoff(), window.end()}) {
                long until = Duration.between(now, t).toMillis();
                if (until > 0) {
                    waitMs = Math.min(waitMs, until);
                }
            }
        }
        try {
            changed.await(Math.max(1, waitMs), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RunSummary.MoveResult result(MoveJob j, MoveExecutor.Outcome o, Duration d) {
        return new RunSummary.MoveResult(j.id(), j.vmName(), j.source(), j.destination(), j.scenario().name(), o.state(), o.detail(), d);
    }
}
