package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SchedulerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T22:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private final RunEvents events = new RunEvents() {
        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };

    static MoveJob job(String id, String src, String dst, long gb) {
        return new MoveJob(id, id + "-vmid", "vm-" + id, src, src.toUpperCase(), null, dst, dst + ".lab.test", dst.toUpperCase(), null,
                Scenario.S4, "D:\\VMs\\" + id, null, null, null, "Running", gb << 30, 0);
    }

    static Scheduler.Item item(MoveJob j) {
        return new Scheduler.Item(j, Duration.ofSeconds(j.memoryBytes() >> 30), MoveExecutor.Start.FRESH);
    }

    @Test
    void neverExceedsAnyCapAndStartsTheLongestFirst() {
        List<Scheduler.Item> items = new ArrayList<>();
        String[] src = {"s1", "s2"};
        String[] dst = {"d1", "d2"};
        for (int i = 0; i < 12; i++) {
            items.add(item(job(String.format("m%02d", i), src[i % 2], dst[(i / 2) % 2], 1 + i)));
        }
        Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
        Map<String, Integer> peak = new ConcurrentHashMap<>();
        List<String> startOrder = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger global = new AtomicInteger();
        AtomicInteger globalPeak = new AtomicInteger();
        Scheduler.Mover mover = (j, start, cancel) -> {
            startOrder.add(j.id());
            globalPeak.accumulateAndGet(global.incrementAndGet(), Math::max);
            for (String key : List.of("src:" + j.source(), "dst:" + j.destination(), "host:" + j.source(), "host:" + j.destination())) {
                int v = now.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                peak.merge(key, v, Math::max);
            }
            // hold the slot a little, so that moves overlap as much as the caps let them
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            for (String key : List.of("src:" + j.source(), "dst:" + j.destination(), "host:" + j.source(), "host:" + j.destination())) {
                now.get(key).decrementAndGet();
            }
            global.decrementAndGet();
            return new MoveExecutor.Outcome(MoveState.DONE, "ok");
        };
        Map<String, Integer> hostLimit = new HashMap<>(Map.of("d2", 1));
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(3, 2, 2, hostLimit), null, 0, mover,
                new Scheduler.Control(), () -> 0, j -> {});

        assertThat(s.exitCode()).isZero();
        assertThat(s.moves()).hasSize(12).allSatisfy(r -> assertThat(r.state()).isEqualTo(MoveState.DONE));
        assertThat(globalPeak.get()).isEqualTo(3);
        peak.forEach((k, v) -> assertThat(v).as(k).isLessThanOrEqualTo(k.endsWith("d2") ? 1 : 2));
        assertThat(startOrder.subList(0, 3)).contains("m11");   // 12 GB, the longest, is in the first wave
    }

    @Test
    void startsInOrderOfEstimateWhenOneAtATime() {
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 2)), item(job("b", "s1", "d1", 9)), item(job("c", "s1", "d1", 5)));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of()), null, 0,
                (j, st, c) -> {
                    order.add(j.id());
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(order).containsExactly("b", "c", "a");
    }

    @Test
    void aMoveOnAHostThatDoesNotAcceptNewWorkIsHeldUntilItDoesAndOthersGoOn() {
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 9)), item(job("b", "s2", "d2", 2)));
        java.util.concurrent.atomic.AtomicBoolean d1Open = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        RunSummary s = new Scheduler(clock, events, host -> !"d1".equals(host) || d1Open.get()).run("r", items,
                new Scheduler.Caps(4, 2, 2, Map.of()), null, 0,
                (j, st, c) -> {
                    order.add(j.id());
                    d1Open.set(true);   // d1's circuit breaker closes meanwhile
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(order).as("the longer move waited for d1").containsExactly("b", "a");
        assertThat(s.counts()).containsEntry(MoveState.DONE, 2L);
    }

    @Test
    void stopsStartingOnceTheFailureBudgetIsSpent() {
        List<Scheduler.Item> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(item(job("m" + i, "s1", "d1", 10 - i)));
        }
        List<MoveJob> notStarted = Collections.synchronizedList(new ArrayList<>());
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of()), null, 1,
                (j, st, c) -> new MoveExecutor.Outcome(MoveState.FAILED, "no"), new Scheduler.Control(), () -> 0, notStarted::add);
        assertThat(s.counts()).containsEntry(MoveState.FAILED, 2L).containsEntry(MoveState.NOT_STARTED, 3L);
        assertThat(notStarted).hasSize(3);
        assertThat(s.exitCode()).isEqualTo(1);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("failure budget"));
    }

    @Test
    void noMoveStartsThatWouldPassTheCutoff() {
        // 30 minutes to the cutoff: the 40-minute move never starts, the others do
        Playbook.Window.Resolved w = new Playbook.Window.Resolved(clock.instant(), clock.instant().plus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofMinutes(30)), Playbook.DeadlineAction.FINISH);
        List<Scheduler.Item> items = List.of(
                new Scheduler.Item(job("long", "s1", "d1", 1), Duration.ofMinutes(40), MoveExecutor.Start.FRESH),
                new Scheduler.Item(job("short", "s1", "d1", 1), Duration.ofMinutes(10), MoveExecutor.Start.FRESH));
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(4, 2, 2, Map.of()), w, 0,
                (j, st, c) -> {
                    clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(10)));
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(s.moves()).extracting(RunSummary.MoveResult::id, RunSummary.MoveResult::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("long", MoveState.NOT_STARTED), org.assertj.core.groups.Tuple.tuple("short", MoveState.DONE));
        assertThat(s.exitCode()).isEqualTo(4);
    }

    @Test
    void atTheDeadlineRunningMovesAreCancelledWhenThePolicySaysSo() {
        Playbook.Window.Resolved w = new Playbook.Window.Resolved(clock.instant(), clock.instant().plus(Duration.ofMinutes(5)),
                clock.instant().plus(Duration.ofMinutes(5)), Playbook.DeadlineAction.CANCEL);
        List<Scheduler.Item> items = List.of(new Scheduler.Item(job("m", "s1", "d1", 1), Duration.ofMinutes(1), MoveExecutor.Start.FRESH));
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of()), w, 0,
                (j, st, cancel) -> {
                    clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(6)));   // the move overruns the window
                    for (int i = 0; i < 10_000 && !cancel.cancelRequested(); i++) {
                        Thread.onSpinWait();
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                    return new MoveExecutor.Outcome(cancel.cancelRequested() ? MoveState.FAILED : MoveState.DONE, "cancelled at the deadline");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(s.moves().get(0).state()).isEqualTo(MoveState.FAILED);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("running moves are cancelled"));
    }

    @Test
    void aStopRequestLetsRunningMovesFinishAndStartsNoMore() {
        Scheduler.Control control = new Scheduler.Control();
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 3)), item(job("b", "s1", "d1", 2)));
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of()), null, 0,
                (j, st, c) -> {
                    control.stopStarting();
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, control, () -> 0, j -> {});
        assertThat(s.counts()).containsEntry(MoveState.DONE, 1L).containsEntry(MoveState.NOT_STARTED, 1L);
        assertThat(s.exitCode()).isEqualTo(130);
    }

    @Test
    void theGracePeriodRunsFromTheFirstStopAndThenCancelsTheRunningMoves() {
        Scheduler.Control control = new Scheduler.Control(clock, Duration.ofMinutes(10));
        assertThat(control.stopping()).isFalse();
        control.stopStarting();
        assertThat(control.stopping()).isTrue();
        clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(5)));
        control.stopStarting();   // a second stop request of the same kind does not restart the period
        clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(4).plusSeconds(59)));
        assertThat(control.cancelling()).isFalse();
        clock.now.updateAndGet(t -> t.plusSeconds(1));
        assertThat(control.graceOver()).isTrue();
        assertThat(control.cancelling()).isTrue();
    }

    @Test
    void aCancelRequestDoesNotWaitForTheGracePeriod() {
        Scheduler.Control control = new Scheduler.Control(clock, Duration.ofMinutes(10));
        control.stopStarting();
        control.cancelRunning();
        assertThat(control.cancelling()).isTrue();
        assertThat(control.graceOver()).isFalse();
    }

    @Test
    void withoutAGracePeriodRunningMovesFinishHoweverLongTheyTake() {
        Scheduler.Control control = new Scheduler.Control(clock, null);
        control.stopStarting();
        clock.now.updateAndGet(t -> t.plus(Duration.ofDays(2)));
        assertThat(control.cancelling()).isFalse();
        Scheduler.Control none = new Scheduler.Control(clock, Duration.ZERO);
        assertThat(none.cancelling()).as("no stop yet").isFalse();
        none.stopStarting();
        assertThat(none.cancelling()).as("a zero grace period cancels at once").isTrue();
    }

    @Test
    void aStopWhoseGracePeriodPassesCancelsTheRunningMoveAndStartsNoMore() {
        Scheduler.Control control = new Scheduler.Control(clock, Duration.ofMinutes(10));
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 3)), item(job("b", "s1", "d1", 2)));
        RunSummary s = new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of()), null, 0,
                (j, st, running) -> {
                    control.stopStarting();
                    clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(11)));   // the migration outlasts the grace period
                    for (int i = 0; i < 10_000 && !running.cancelRequested(); i++) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                    return new MoveExecutor.Outcome(running.cancelRequested() ? MoveState.FAILED : MoveState.DONE, "cancelled");
                }, control, () -> 0, j -> {});
        assertThat(s.moves()).extracting(RunSummary.MoveResult::id, RunSummary.MoveResult::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", MoveState.FAILED), org.assertj.core.groups.Tuple.tuple("b", MoveState.NOT_STARTED));
        assertThat(s.exitCode()).isEqualTo(130);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("grace period after the stop has passed"));
    }

    @Test
    void theNextMoveStartsOnAHostOnceTheMigrationBeforeItHasEnded() throws Exception {
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 3)), item(job("b", "s1", "d1", 2)));
        java.util.concurrent.CountDownLatch bStarted = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Boolean> bStartedWhileAVerified = new AtomicReference<>(false);
        new Scheduler(clock, events).run("r", items, new Scheduler.Caps(1, 1, 1, Map.of("s1", 1, "d1", 1)), null, 0,
                (j, st, running) -> {
                    if (j.id().equals("a")) {
                        running.migrationEnded();   // a now only verifies: b may take the slot
                        try {
                            bStartedWhileAVerified.set(bStarted.await(5, java.util.concurrent.TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else {
                        bStarted.countDown();
                    }
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(bStartedWhileAVerified.get()).isTrue();
    }

    @Test
    void endingAMigrationTwiceFreesItsSlotOnce() {
        List<Scheduler.Item> items = List.of(item(job("a", "s1", "d1", 3)), item(job("b", "s1", "d1", 2)), item(job("c", "s1", "d1", 1)));
        AtomicInteger migrating = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        java.util.concurrent.CountDownLatch bothMigrating = new java.util.concurrent.CountDownLatch(2);
        new Scheduler(clock, events).run("r", items, new Scheduler.Caps(4, 2, 2, Map.of("s1", 1, "d1", 1)), null, 0,
                (j, st, running) -> {
                    if (j.id().equals("a")) {
                        running.migrationEnded();
                        running.migrationEnded();
                        return new MoveExecutor.Outcome(MoveState.DONE, "");
                    }
                    peak.accumulateAndGet(migrating.incrementAndGet(), Math::max);
                    bothMigrating.countDown();
                    try {
                        bothMigrating.await(300, java.util.concurrent.TimeUnit.MILLISECONDS);   // only if the cap was broken
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    migrating.decrementAndGet();
                    running.migrationEnded();
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        assertThat(peak.get()).isEqualTo(1);
    }

    @Test
    void noMoveStartsBeforeTheWindowOpens() throws Exception {
        Instant opens = clock.instant().plus(Duration.ofMinutes(5));
        Playbook.Window.Resolved w = new Playbook.Window.Resolved(opens, opens.plus(Duration.ofHours(1)), opens.plus(Duration.ofHours(1)),
                Playbook.DeadlineAction.FINISH);
        List<Instant> startedAt = Collections.synchronizedList(new ArrayList<>());
        // the clock reaches the opening only after the scheduler has had time to (wrongly) start a move
        Thread opener = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            clock.now.set(opens);
        });
        RunSummary s = new Scheduler(clock, events).run("r", List.of(item(job("m", "s1", "d1", 1))), new Scheduler.Caps(4, 2, 2, Map.of()), w, 0,
                (j, st, c) -> {
                    startedAt.add(clock.instant());
                    return new MoveExecutor.Outcome(MoveState.DONE, "");
                }, new Scheduler.Control(), () -> 0, j -> {});
        opener.join();
        assertThat(s.moves()).singleElement().extracting(RunSummary.MoveResult::state).isEqualTo(MoveState.DONE);
        assertThat(startedAt).singleElement().satisfies(t -> assertThat(t).isAfterOrEqualTo(opens));
    }
}
