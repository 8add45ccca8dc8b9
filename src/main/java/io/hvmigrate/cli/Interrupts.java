package io.hvmigrate.cli;

import io.hvmigrate.engine.Scheduler;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C during a run: the first stops new moves from starting and lets running ones finish; the second cancels the
 * running ones (each ends with its VM on its source, its role restored). hvmigrate then exits with 130.
 */
final class Interrupts {
    private Interrupts() {}

    @SuppressWarnings("restriction")
    static void install(Scheduler.Control control, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                int n = count.incrementAndGet();
                if (n == 1) {
                    err.println("\nhvmigrate: interrupted: no new move starts; running moves finish. Press Ctrl-C again to cancel them.");
                    control.stopStarting();
                } else {
                    err.println("\nhvmigrate: cancelling running moves; each ends with its VM back on its source.");
                    control.cancelRunning();
                }
                err.flush();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform: the default handling (exit) stays
        }
    }
}
