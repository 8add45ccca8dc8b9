package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.journal.Journal;
import io.hvmigrate.journal.RunLock;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Playbook;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * One run from start to end — of a playbook, of an approved plan, or a resume — and what it owns: its policy, applied
 * to the connections once (the retries; breaker changes told, and journaled while the journal is open); its window,
 * resolved once, which it waits for before contacting anything; the stop control that signals act on; the approved
 * plan it carries out, if any; and, once the moves are known, its lock on their hosts and its journal, closed
 * together with it. {@link RunService} decides what to move; the run is where waiting, stopping and approving live.
 */
final class Run implements AutoCloseable {
    private static final Duration WAIT_NOTICE_EVERY = Duration.ofMinutes(10);

    final Playbook.Policy policy;
    /** The window as it applies to this run (absolute), or null without one. */
    final Playbook.Window.Resolved window;
    final Scheduler.Control control;
    /** The approved plan carried out, or null for a playbook or a resume. */
    final ApprovedPlan approved;

    private final ZoneId zone;
    private final RunEvents events;
    private final Clock clock;
    private volatile Journal journal;
    private RunLock lock;

    Run(Playbook.Policy policy, ZoneId zone, Scheduler.Control control, ApprovedPlan approved, HostConnections hosts,
        RunEvents events, Clock clock) {
        this.policy = policy;
        this.window = policy.window() == null ? null : policy.window().resolve(clock.instant());
        this.zone = zone;
        this.control = control;
        this.approved = approved;
        this.events = events;
        this.clock = clock;
        hosts.retryPolicy(policy.retries().attempts(), policy.retries().backoff());
        hosts.onBreakerChange(this::breakerChanged);
    }

    /** A circuit breaker changed state: the user is told, and the journal records it while it is open. */
    private void breakerChanged(String host, Enum<?> from, Enum<?> to, String why) {
        Journal j = journal;
        if (j != null) {
            ObjectNode rec = j.record("breaker");
            rec.put("host", host);
            rec.put("from", from.name());
            rec.put("to", to.name());
            rec.put("why", why);
            j.append(rec);
        }
        events.notice(host + ": circuit breaker " + RunService.lower(from) + " -> " + RunService.lower(to) + ": " + why);
    }

    /** The run holds its hosts and writes its journal from here on; both are released when it closes. */
    Journal hold(RunLock lock, Journal journal) {
        this.lock = lock;
        this.journal = journal;
        return journal;
    }

    Journal journal() {
        return journal;
    }

    @Override
    public void close() throws IOException {
        Journal j = journal;
        journal = null;   // later breaker changes are only told
        try {
            if (j != null) {
                j.close();
            }
        } finally {
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }

    /**
     * Before the window opens, no host is contacted until its opening less the lead (the time discovery and preflight
     * need): the run waits, telling when it will begin (and again every ten minutes), and a stop request ends the wait;
     * or, told not to wait, it returns at once. A window already over is refused here, before any contact. An approved
     * plan that expired meanwhile is not carried out.
     *
     * @return null to go on now; otherwise how the run ends without contacting a host
     */
    RunService.Outcome awaitWindow(boolean waitForWindow, Duration lead) {
        RunService.Outcome early = awaitOpening(waitForWindow, lead);
        if (early == null && approved != null && approved.expiredAt(clock.instant())) {
            return new RunService.Outcome.ApprovalExpired(approved);
        }
        return early;
    }

    private RunService.Outcome awaitOpening(boolean waitForWindow, Duration lead) {
        Playbook.Window.Resolved w = window;
        if (w == null) {
            return null;
        }
        Instant now = clock.instant();
        if (w.over(now)) {
            return new RunService.Outcome.WindowOver(w);
        }
        Instant contactFrom = w.start().minus(lead);
        if (!now.isBefore(contactFrom)) {
            return null;
        }
        if (!waitForWindow) {
            return new RunService.Outcome.WindowNotOpen(w);
        }
        events.phase("waiting", true, "the maintenance window opens at " + RunService.local(w.start(), zone) + " (in " + human(Duration.between(now, w.start()))
                + "); no host is contacted before " + RunService.local(contactFrom, zone) + ". Ctrl-C or a stop signal ends the wait.");
        Instant nextNotice = now.plus(WAIT_NOTICE_EVERY);
        while (true) {
            now = clock.instant();
            if (!now.isBefore(contactFrom)) {
                break;
            }
            if (control.stopping()) {
                return new RunService.Outcome.StoppedBeforeStart(w);
            }
            if (!now.isBefore(nextNotice)) {
                events.notice("waiting for the maintenance window: it opens in " + human(Duration.between(now, w.start())));
                nextNotice = now.plus(WAIT_NOTICE_EVERY);
            }
            long ms = Math.min(500, Math.max(1, Duration.between(now, contactFrom).toMillis()));
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RunService.Outcome.StoppedBeforeStart(w);
            }
        }
        events.phase("waiting", false, "the maintenance window opens at " + RunService.local(w.start(), zone) + ": discovering the fleet");
        return null;
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60)
                : s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
    }
}
