package io.hvmigrate.engine;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Inventory.HostEndpoint;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.HostSession;
import io.hvmigrate.transport.RemoteOutput;
import io.hvmigrate.transport.Transport;
import io.hvmigrate.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remote calls to the fleet, made safe: per host a pool of sessions (each one remote shell, reused call after call), a
 * bulkhead that bounds the calls in flight, and a circuit breaker that stops calling a host that keeps failing. Retries
 * happen only for failures proven transient, and a call that may already have run is retried only when its step is
 * idempotent — a non-idempotent step whose outcome is unknown is left to the caller, who asks the hosts for the truth.
 */
public final class HostConnections implements AutoCloseable {

    /**
     * Resilience settings.
     *
     * @param authBlip how long a host that answered before may refuse the credentials (HTTP 401) and still be asked
     *                 again: such a refusal is taken as a passing blip (a domain controller failing over, a ticket
     *                 being renewed), retried every {@code authBlipRetryEvery} until it has lasted this long
     */
    public record Settings(int maxCallsPerHost, Duration bulkheadWait, int breakerWindow, float breakerFailureRate,
                           Duration breakerOpenFor, int attempts, Duration backoff, Duration authBlip, Duration authBlipRetryEvery) {
        public static final Settings DEFAULT = new Settings(16, Duration.ofMinutes(10), 10, 50f, Duration.ofSeconds(30), 3, Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofSeconds(1));

        /** How long a call that waits out an open breaker waits at most: long enough for one half-open probe after it. */
        Duration breakerWait() {
            return breakerOpenFor.multipliedBy(2);
        }
    }

    private final Transport transport;
    private final Inventory inventory;
    private final Settings settings;
    private final Map<String, PerHost> hosts = new ConcurrentHashMap<>();
    private final AtomicLong roundTrips = new AtomicLong();
    private volatile RetryPolicy retryPolicy;
    private volatile BreakerListener breakerListener = (host, from, to, why) -> { };

    private record RetryPolicy(int attempts, Duration backoff) {}

    public HostConnections(Transport transport, Inventory inventory, Settings settings) {
        this.transport = transport;
        this.inventory = inventory;
        this.settings = settings;
        this.retryPolicy = new RetryPolicy(Math.max(1, settings.attempts()), settings.backoff());
    }

    /** Remote commands sent so far (a Command/Receive exchange each; opening a shell is not counted). */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** Told of every retry: the attempt that failed (1 for the first), why, and the wait before the next one. */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (attempt, failure, wait) -> { };

        void retrying(int attempt, TransportException failure, Duration wait);
    }

    /** How a call passes the host's circuit breaker. */
    public enum Breaker {
        /** An open breaker refuses the call, and the call's outcome counts towards the breaker. */
        OBEY,
        /**
         * The call waits while the breaker is open until it lets the call through (as its half-open probe, or once it
         * has closed), and counts towards it; after {@link Settings#breakerWait()} it is made anyway, not counted. For
         * the calls that must not be given up because a host failed for a while — reading where a VM is, verifying a
         * move — and that are harmless to make to a failing host.
         */
        WAIT,
        /**
         * The call is made even while the breaker is open (and then does not count towards it): making a VM highly
         * available (on its destination, or back on its source) must not be given up because other calls to the host
         * failed — it is the one call that protects the VM.
         */
        BYPASS
    }

    /**
     * The retry policy of the run (a playbook's {@code retries:}): attempts in all, and the first backoff, doubled
     * after each attempt.
     */
    public void retryPolicy(int attempts, Duration backoff) {
        this.retryPolicy = new RetryPolicy(Math.max(1, attempts), backoff);
    }

    /** Told when a host's circuit breaker changes state, e.g. opens because the host keeps failing. */
    public void onBreakerChange(BreakerListener listener) {
        this.breakerListener = listener;
    }

    /** Told when a host's circuit breaker changes state. */
    @FunctionalInterface
    public interface BreakerListener {
        void changed(String host, CircuitBreaker.State from, CircuitBreaker.State to, String why);
    }

    /**
     * Runs a script on a host and parses its result.
     *
     * @param idempotent running it again has the same effect: it may then be retried even when it may have run
     */
    public StepResult run(String host, StepScript script, Duration deadline, boolean idempotent) throws TransportException {
        return run(host, script, deadline, idempotent, Breaker.OBEY, RetryListener.NONE);
    }

    /**
     * Runs a script on a host and parses its result, telling {@code retries} of every retry.
     *
     * @param idempotent running it again has the same effect: it may then be retried even when it may have run
     */
    public StepResult run(String host, StepScript script, Duration deadline, boolean idempotent, Breaker breaker,
                          RetryListener retries) throws TransportException {
        PerHost h = hosts.computeIfAbsent(host, this::perHost);
        RetryPolicy policy = retryPolicy;
        Retry retry = Retry.of(host, RetryConfig.custom()
                .maxAttempts(policy.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Math.max(1, policy.backoff().toMillis()), 2.0))
                // a failure proven transient, and only when sending again cannot make the script run twice: either it
                // never ran (refused, not sent) or running it twice is harmless
                .retryOnException(e -> e instanceof TransportException t && t.kind().transientFailure()
                        && (idempotent || !t.kind().mayHaveRun()) && !(t.getCause() instanceof CallNotPermittedException))
                .build());
        retry.getEventPublisher().onRetry(ev -> {
            if (ev.getLastThrowable() instanceof TransportException t) {
                retries.retrying(ev.getNumberOfRetryAttempts(), t, ev.getWaitInterval());
            }
        });
        int[] attempts = {0};
        while (true) {
            try {
                return Retry.decorateCheckedSupplier(retry, () -> {
                    attempts[0]++;
                    return h.call(script, deadline, breaker);
                }).get();
            } catch (TransportException e) {
                if (!h.authBlip(e)) {
                    throw e;
                }
                // never run (the host refused the request), so safe to send again whatever the step
                retries.retrying(attempts[0], e, settings.authBlipRetryEvery());
                sleep(settings.authBlipRetryEvery());
            } catch (Throwable e) {
                if (e instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("unexpected failure calling " + host, e);
            }
        }
    }

    /** Waits; an interrupt ends the wait and the call that waits (the run is being torn down). */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private PerHost perHost(String name) {
        HostEndpoint endpoint = inventory.host(name).orElseThrow(() -> new IllegalArgumentException("not in the inventory: " + name));
        Bulkhead bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxCallsPerHost()).maxWaitDuration(settings.bulkheadWait()).build());
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.min(5, settings.breakerWindow()))
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // OPEN turns HALF_OPEN by itself once its time is over, so that moves held while it is open start again
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // only the host failing counts: a script that reports a PowerShell error reached a healthy host, and
                // refused credentials are no sign of a host in trouble (they are retried as a blip, or end the step)
                .recordException(e -> e instanceof TransportException t && t.kind() != TransportException.Kind.REFUSED_LOCALLY
                        && t.kind() != TransportException.Kind.AUTHENTICATION)
                .build());
        breaker.getEventPublisher().onStateTransition(ev -> {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            String why = switch (ev.getStateTransition().getToState()) {
                case OPEN -> m.getNumberOfFailedCalls() + " of its last " + m.getNumberOfBufferedCalls()
                        + " calls failed; no call is made to it for " + settings.breakerOpenFor().toSeconds() + " s, except to restore a VM's role";
                case HALF_OPEN -> "trying one call to it again";
                case CLOSED -> "it answers again";
                default -> "";
            };
            breakerListener.changed(name, ev.getStateTransition().getFromState(), ev.getStateTransition().getToState(), why);
        });
        return new PerHost(endpoint, bulkhead, breaker);
    }

    public CircuitBreaker.State breakerState(String host) {
        PerHost h = hosts.get(host);
        return h == null ? CircuitBreaker.State.CLOSED : h.breaker.getState();
    }

    /** False while the host's circuit breaker is open: no new move should start on it until then. */
    public boolean accepting(String host) {
        return breakerState(host) != CircuitBreaker.State.OPEN;
    }

    @Override
    public void close() {
        // every idle shell is deleted at once: a host that went down costs one wait, not one per shell and host
        List<HostSession> sessions = new ArrayList<>();
        for (PerHost h : hosts.values()) {
            for (HostSession s; (s = h.idle.poll()) != null; ) {
                sessions.add(s);
            }
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            sessions.forEach(s -> pool.submit(s::close));
        }
        hosts.clear();
    }

    private final class PerHost {
        final HostEndpoint endpoint;
        final Bulkhead bulkhead;
        final CircuitBreaker breaker;
        final Queue<HostSession> idle = new ConcurrentLinkedQueue<>();
        /** Whether the host ever answered a call, and since when it refuses the credentials (null: it does not). */
        volatile boolean answered;
        volatile Long refusingSince;

        PerHost(HostEndpoint endpoint, Bulkhead bulkhead, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.bulkhead = bulkhead;
            this.breaker = breaker;
        }

        /**
         * Whether a failure is the host refusing credentials it accepted before, for less than {@link Settings#authBlip()}
         * since it began to: worth another attempt.
         */
        boolean authBlip(TransportException e) {
            if (e.kind() != TransportException.Kind.AUTHENTICATION || !answered) {
                return false;
            }
            long now = System.nanoTime();
            Long since = refusingSince;
            if (since == null) {
                refusingSince = since = now;
            }
            return now - since < settings.authBlip().toNanos();
        }

        /** Waits while the breaker is open; true when it let the call through (which then counts towards it). */
        private boolean awaitBreaker() {
            long until = System.nanoTime() + settings.breakerWait().toNanos();
            while (!breaker.tryAcquirePermission()) {
                if (System.nanoTime() - until >= 0) {
                    return false;
                }
                sleep(Duration.ofMillis(100));
            }
            return true;
        }

        StepResult call(StepScript script, Duration deadline, Breaker mode) throws TransportException {
            boolean waited = mode == Breaker.WAIT && awaitBreaker();
            try {
                bulkhead.acquirePermission();
            } catch (BulkheadFullException e) {
                if (waited) {
                    breaker.releasePermission();
                }
                throw new TransportException(TransportException.Kind.REFUSED_LOCALLY, endpoint.name(), "too many calls in flight to this host", e);
            }
            // whether the call's outcome counts towards the breaker: always when it obeys the breaker, and for a call
            // that bypasses it (or waited it out in vain) only when the breaker would have let it through anyway
            boolean counted;
            if (mode == Breaker.WAIT && waited) {
                counted = true;
            } else if (mode == Breaker.OBEY) {
                try {
                    breaker.acquirePermission();
                } catch (CallNotPermittedException e) {
                    bulkhead.releasePermission();
                    throw new TransportException(TransportException.Kind.REFUSED_LOCALLY, endpoint.name(),
                            "not called: the host failed too often recently (circuit open for " + settings.breakerOpenFor().toSeconds() + " s)", e);
                }
                counted = true;
            } else {
                counted = breaker.tryAcquirePermission();
            }
            long start = breaker.getCurrentTimestamp();
            HostSession session = null;
            try {
                session = idle.poll();
                if (session == null) {
                    session = transport.open(endpoint);
                }
                roundTrips.incrementAndGet();
                RemoteOutput out = session.run(script, deadline);
                idle.add(session);
                session = null;
                if (counted) {
                    breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                }
                answered = true;
                refusingSince = null;
                return StepResult.parse(out.stdout(), out.stderr(), out.exitCode());
            } catch (TransportException | RuntimeException e) {
                if (counted) {
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                }
                throw e;
            } finally {
                if (session != null) {
                    session.close();   // a session that failed is in an unknown state: never reused
                }
                bulkhead.releasePermission();
            }
        }

    }
}
