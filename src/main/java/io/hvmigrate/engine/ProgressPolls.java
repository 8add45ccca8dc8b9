package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.transport.TransportException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Migration progress, read from the source hosts: one Msvm_MigrationJob query per source host and interval, shared by
 * every migration running from that host (the query lists them all), rather than one query per migration. A host's
 * poller runs while at least one of its migrations is watched and stops by itself after the last one.
 */
final class ProgressPolls {

    private final HostConnections hosts;
    private final RunEvents events;
    private final Duration interval;
    private final Duration limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Poller> pollers = new HashMap<>();
    private final Condition pollerStopped = lock.newCondition();

    ProgressPolls(HostConnections hosts, RunEvents events, Duration interval, Duration limit) {
        this.hosts = hosts;
        this.events = events;
        this.interval = interval;
        this.limit = limit;
    }

    /** A migration being watched; once closed, no more progress of it is reported. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Reports the migration's progress until the returned watch is closed. */
    Watch watch(MoveJob job) {
        String host = job.source().toLowerCase(Locale.ROOT);
        lock.lock();
        try {
            Poller p = pollers.get(host);
            if (p == null) {
                p = new Poller(job.source());
                pollers.put(host, p);
                Thread.ofVirtual().name("progress-" + host).start(p);
            }
            p.watched.put(job.vmId().toLowerCase(Locale.ROOT), job);
            Poller poller = p;
            return () -> {
                lock.lock();
                try {
                    poller.watched.remove(job.vmId().toLowerCase(Locale.ROOT), job);
                    if (poller.watched.isEmpty()) {
                        poller.idle.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no host's poller runs any more (every watch closed and every poller gone); false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!pollers.isEmpty()) {
                if (left <= 0) {
                    return false;
                }
                left = pollerStopped.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private final class Poller implements Runnable {
        final String host;
        final Map<String, MoveJob> watched = new HashMap<>();   // VM Id (lower case) -> move; guarded by lock
        final Condition idle = lock.newCondition();

        Poller(String host) {
            this.host = host;
        }

        @Override
        public void run() {
            while (true) {
                lock.lock();
                try {
                    long left = interval.toNanos();
                    while (left > 0 && !watched.isEmpty()) {
                        left = idle.awaitNanos(left);
                    }
                    if (watched.isEmpty()) {
                        stopped();
                        return;
                    }
                } catch (InterruptedException e) {
                    stopped();
                    return;
                } finally {
                    lock.unlock();
                }
                poll();
            }
        }

        /** Called with the lock held. */
        private void stopped() {
            pollers.remove(host.toLowerCase(Locale.ROOT), this);
            pollerStopped.signalAll();
        }

        private void poll() {
            StepResult r;
            try {
                r = hosts.run(host, StepScripts.migrationJobs(), limit, true);
            } catch (TransportException | RuntimeException e) {
                return;   // progress is for show: a failed poll changes nothing
            }
            if (!(r instanceof StepResult.Ok ok)) {
                return;
            }
            for (JsonNode j : ok.data().path("jobs")) {
                if (j.path("jobState").asInt() > 7) {
                    continue;
                }
                lock.lock();
                try {
                    // reported under the lock: a watch closed before this point hears nothing more
                    MoveJob job = watched.get(j.path("vmId").asText().toLowerCase(Locale.ROOT));
                    if (job != null) {
                        events.progress(job, j.path("percent").asInt());
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
