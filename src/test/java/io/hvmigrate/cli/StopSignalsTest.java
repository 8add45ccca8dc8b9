package io.hvmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StopSignalsTest {

    /** The JVM as far as stop signals go: which handler each signal has, and the shutdown hooks. */
    static final class FakeJvm implements StopSignals.Jvm {
        final boolean windows;
        final Set<String> refused;
        final Map<String, Runnable> handlers = new LinkedHashMap<>();
        final List<Thread> hooks = new ArrayList<>();

        FakeJvm(boolean windows, String... refused) {
            this.windows = windows;
            this.refused = Set.of(refused);
        }

        @Override
        public Runnable handle(String signal, Runnable onSignal) {
            if (refused.contains(signal)) {
                throw new IllegalArgumentException("Signal already used by VM or OS: SIG" + signal);
            }
            Runnable before = handlers.put(signal, onSignal);
            return () -> handlers.put(signal, before);
        }

        @Override
        public void addShutdownHook(Thread hook) {
            hooks.add(hook);
        }

        @Override
        public void removeShutdownHook(Thread hook) {
            hooks.remove(hook);
        }

        @Override
        public boolean windows() {
            return windows;
        }

        void send(String signal) {
            handlers.get(signal).run();
        }
    }

    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private final RunEvents events = new RunEvents() {
        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };
    private final Scheduler.Control control = new Scheduler.Control(Clock.systemUTC(), Duration.ofMinutes(10));

    @Test
    void sigtermStopsStartingMovesAndSaysSoThroughTheRunsEvents() {
        FakeJvm jvm = new FakeJvm(false);
        StopSignals.install(control, events, Duration.ofSeconds(4), jvm);
        jvm.send("TERM");
        assertThat(control.stopping()).isTrue();
        assertThat(control.cancelling()).isFalse();
        assertThat(notices).containsExactly("interrupted by SIGTERM: no new move starts; running moves finish, and those still running"
                + " in 10m are cancelled; Ctrl-C or SIGTERM again cancels them now");
    }

    @Test
    void aSecondSignalOfAnyKindCancelsTheRunningMoves() {
        FakeJvm jvm = new FakeJvm(false);
        StopSignals.install(control, events, Duration.ofSeconds(4), jvm);
        jvm.send("HUP");
        jvm.send("INT");
        assertThat(control.cancelling()).isTrue();
        assertThat(notices.get(0)).startsWith("interrupted by SIGHUP: ");
        assertThat(notices.get(1)).startsWith("cancelling the running moves on a second stop (Ctrl-C (SIGINT))");
    }

    @Test
    void theEarlierHandlersComeBackWhenTheRunIsOver() {
        FakeJvm jvm = new FakeJvm(false);
        Runnable jvmOwn = () -> { };
        jvm.handlers.put("TERM", jvmOwn);
        StopSignals stop = StopSignals.install(control, events, Duration.ofSeconds(4), jvm);
        assertThat(jvm.handlers).containsOnlyKeys("TERM", "INT", "HUP");
        assertThat(jvm.handlers.get("TERM")).isNotSameAs(jvmOwn);
        assertThat(jvm.hooks).hasSize(1);
        stop.close();
        assertThat(jvm.handlers.get("TERM")).as("SIGTERM ends hvmigrate at once again").isSameAs(jvmOwn);
        assertThat(jvm.handlers.get("INT")).isNull();
        assertThat(jvm.hooks).isEmpty();
    }

    @Test
    void onWindowsCtrlBreakIsAskedForAndAConsoleCloseIsLeftToTheShutdownHook() {
        FakeJvm jvm = new FakeJvm(true, "BREAK");   // HotSpot keeps Ctrl-Break for its thread dump
        StopSignals.install(control, events, Duration.ofSeconds(4), jvm);
        assertThat(jvm.handlers).containsOnlyKeys("INT");
        assertThat(jvm.hooks).hasSize(1);
        FakeJvm other = new FakeJvm(true);
        StopSignals.install(new Scheduler.Control(), events, Duration.ofSeconds(4), other);
        assertThat(other.handlers).containsOnlyKeys("INT", "BREAK");
    }

    @Test
    void theShutdownHookCancelsTheRunningMovesAndWaitsForTheRunToEnd() throws Exception {
        FakeJvm jvm = new FakeJvm(true);
        StopSignals stop = StopSignals.install(control, events, Duration.ofSeconds(20), jvm);
        Thread hook = jvm.hooks.getFirst();
        hook.start();
        while (!control.cancelling()) {
            Thread.onSpinWait();
        }
        assertThat(hook.isAlive()).as("waits for the run to end").isTrue();
        stop.close();   // the run has ended
        hook.join(10_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("cancelling the running moves"));
    }

    @Test
    void theShutdownHookGivesUpWaitingAfterItsTime() throws Exception {
        FakeJvm jvm = new FakeJvm(true);
        StopSignals.install(control, events, Duration.ofMillis(50), jvm);
        Thread hook = jvm.hooks.getFirst();
        hook.start();
        hook.join(10_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(control.cancelling()).isTrue();
    }

    @Test
    void afterTheRunTheShutdownHookReturnsAtOnce() {
        FakeJvm jvm = new FakeJvm(false);
        StopSignals stop = StopSignals.install(control, events, Duration.ofMinutes(5), jvm);
        Thread hook = jvm.hooks.getFirst();
        stop.close();
        hook.run();   // as the JVM would, had it begun ending before close() could remove the hook
        assertThat(control.cancelling()).isFalse();
        assertThat(notices).isEmpty();
    }

    @Test
    void aZeroGracePeriodSaysTheRunningMovesAreCancelled() {
        FakeJvm jvm = new FakeJvm(false);
        Scheduler.Control now = new Scheduler.Control(Clock.systemUTC(), Duration.ZERO);
        StopSignals.install(now, events, Duration.ofSeconds(4), jvm);
        jvm.send("TERM");
        assertThat(now.cancelling()).isTrue();
        assertThat(notices.getFirst()).contains("running moves are cancelled");
    }
}
