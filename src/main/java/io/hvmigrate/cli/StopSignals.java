package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.load.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a run stops when it is told to from outside. Ctrl-C, SIGTERM (Jenkins' Abort, systemd, Rundeck, Control-M) and
 * SIGHUP — on Windows Ctrl-C and, where the JVM lets it be handled, Ctrl-Break — stop new moves from starting and let
 * running ones finish within the grace period; once it has passed, or on a second signal, running moves are cancelled
 * (a move still migrating ends with its VM on its source, its role restored). The run then ends as every run does:
 * the summary, {@code report.json}, the {@code run-finished} event, exit code 130.
 *
 * <p>Handling a signal replaces the JVM's own handling of it (exit at once, with 128 + the signal's number). That is
 * only right while a run is under way: {@link #close()} puts the earlier handlers back, so every other command — and
 * the moments before and after a run — still end at once on SIGTERM.
 */
final class StopSignals implements AutoCloseable {
    /** How long the shutdown hook waits for the run to end: Windows gives a closed console about 5 s. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(4);

    /** Where handlers are installed: the JVM's signals and shutdown hooks, or a test's. */
    interface Jvm {
        /**
         * Runs {@code onSignal} when the named signal arrives, instead of what it did before.
         *
         * @return what puts the earlier handling back
         * @throws IllegalArgumentException the signal does not exist here, or the JVM keeps it for itself
         */
        Runnable handle(String signal, Runnable onSignal);

        void addShutdownHook(Thread hook);

        void removeShutdownHook(Thread hook);

        boolean windows();
    }

    private final Scheduler.Control control;
    private final RunEvents events;
    private final Duration exitWait;
    private final Jvm jvm;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Runnable> restore = new ArrayList<>();
    private final CountDownLatch over = new CountDownLatch(1);
    private final Thread hook;

    private StopSignals(Scheduler.Control control, RunEvents events, Duration exitWait, Jvm jvm) {
        this.control = control;
        this.events = events;
        this.exitWait = exitWait;
        this.jvm = jvm;
        this.hook = new Thread(this::exiting, "hvmigrate-exit");
    }

    /** Handles the stop signals until {@link #close()}; tells the acknowledgements through the run's events. */
    static StopSignals install(Scheduler.Control control, RunEvents events) {
        return install(control, events, EXIT_WAIT, JVM);
    }

    static StopSignals install(Scheduler.Control control, RunEvents events, Duration exitWait, Jvm jvm) {
        StopSignals s = new StopSignals(control, events, exitWait, jvm);
        // On Windows the JVM raises SIGTERM for a closed console, a logoff or a shutdown, after which Windows ends the
        // process within seconds whatever it does: that one is left to the JVM, which runs the shutdown hook below.
        // Ctrl-Break is the JVM's thread dump on HotSpot, which refuses to hand it over; other JVMs may not.
        List<String> signals = jvm.windows() ? List.of("INT", "BREAK") : List.of("INT", "TERM", "HUP");
        for (String name : signals) {
            try {
                s.restore.add(jvm.handle(name, () -> s.received(name)));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not a signal here, or the JVM keeps it (-Xrs; Ctrl-Break on HotSpot): its usual handling stays
            }
        }
        jvm.addShutdownHook(s.hook);
        return s;
    }

    /** A stop signal: the first stops starting moves, the second cancels the running ones. */
    void received(String signal) {
        String how = words(signal);
        int n = received.incrementAndGet();
        if (n == 1) {
            events.notice(firstAcknowledgement(how));
            control.stopStarting();
        } else if (n == 2) {
            events.notice("cancelling the running moves on a second stop (" + how + "): a move still migrating ends with its VM back on its source,"
                    + " its role restored");
            control.cancelRunning();
        } else {
            events.notice("still cancelling the running moves: hvmigrate ends once they have ended");
            control.cancelRunning();
        }
    }

    private String firstAcknowledgement(String how) {
        Duration grace = control.grace();
        String again = jvm.windows() ? "Ctrl-C again cancels them now" : "Ctrl-C or SIGTERM again cancels them now";
        if (grace != null && grace.isZero()) {
            return "interrupted by " + how + ": no new move starts; running moves are cancelled — a move still migrating ends with"
                    + " its VM back on its source, its role restored";
        }
        return "interrupted by " + how + ": no new move starts; running moves finish"
                + (grace == null ? "" : ", and those still running in " + Units.text(grace) + " are cancelled") + "; " + again;
    }

    private static String words(String signal) {
        return switch (signal) {
            case "INT" -> "Ctrl-C (SIGINT)";
            case "BREAK" -> "Ctrl-Break";
            default -> "SIG" + signal.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * The JVM is ending while the run is under way. On Windows that is how a closed console (CTRL_CLOSE_EVENT), a logoff
     * or a shutdown arrives, and Windows ends the process a few seconds later (about 5 s for a closed console) whatever
     * it is doing: nothing can hold that off. The best that can be done is what this does — cancel the running moves
     * and wait briefly for the run to end, so that a migration cancelled in time ends with its VM on its source and its
     * role restored, and the journal says so. Whatever could not end in time is in the journal (written before every
     * remote action) for {@code hvmigrate resume}.
     */
    void exiting() {
        if (over.getCount() == 0) {
            return;
        }
        events.notice("hvmigrate is being ended (a closed console, a logoff or a shutdown): cancelling the running moves");
        control.cancelRunning();
        try {
            over.await(exitWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is over: the signals do again what they did before it, and the JVM ends without waiting for it. */
    @Override
    public void close() {
        over.countDown();
        restore.forEach(Runnable::run);
        restore.clear();
        jvm.removeShutdownHook(hook);
    }

    @SuppressWarnings("restriction")
    private static final Jvm JVM = new Jvm() {
        @Override
        public Runnable handle(String name, Runnable onSignal) {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.SignalHandler before = sun.misc.Signal.handle(signal, sig -> onSignal.run());
            return () -> sun.misc.Signal.handle(signal, before);
        }

        @Override
        public void addShutdownHook(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void removeShutdownHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is ending: the hook runs, and returns at once now that the run is over
            }
        }

        @Override
        public boolean windows() {
            return System.getProperty("os.name", "").startsWith("Windows");
        }
    };
}
