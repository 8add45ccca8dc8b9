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
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remote calls to the fleet, made safe: per host a pool of sessions (each one remote shell, reused call after call), a
 * bulkhead that bounds the calls in flight, and a circuit breaker that stops calling a host that keeps failing. Retries
 * happen only for failures proven transient, and a call that may already have run is retried only when its step is
 * idempotent — a non-idempotent step whose outcome is unknown is left to the caller, who asks the hosts for the truth.
 */
public final class HostConnections implements AutoCloseable {

    /** Resilience settings. */
    public record Settings(int maxCallsPerHost, Duration bulkheadWait, int breakerWindow, float breakerFailureRate,
                           Duration breakerOpenFor, int attempts, Duration backoff) {
        public static final Settings DEFAULT = new Settings(16, Duration.ofMinutes(10), 10, 50f, Duration.ofSeconds(30), 3, Duration.ofSeconds(2));
    }

    private final Transport transport;
    private final Inventory inventory;
    private final Settings settings;
    private final Map<String, PerHost> hosts = new ConcurrentHashMap<>();
    private final AtomicLong roundTrips = new AtomicLong();

    public HostConnections(Transport transport, Inventory inventory, Settings settings) {
        this.transport = transport;
        this.inventory = inventory;
        this.settings = settings;
    }

    /** Remote commands sent so far (a Command/Receive exchange each; opening a shell is not counted). */
    public long roundTrips() {
        return roundTrips.get();
    }

    /**
     * Runs a script on a host and parses its result.
     *
     * @param idempotent running it again has the same effect: it may then be retried even when it may have run
     */
    public StepResult run(String host, StepScript script, Duration deadline, boolean idempotent) throws TransportException {
        PerHost h = hosts.computeIfAbsent(host, this::perHost);
        Retry retry = Retry.of(host, RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.attempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff().toMillis(), 2.0))
                .retryOnException(e -> e instanceof TransportException t && t.kind().transientFailure()
                        && (idempotent || !t.kind().mayHaveRun()))
                .build());
        try {
            return Retry.decorateCheckedSupplier(retry, () -> h.call(script, deadline)).get();
        } catch (TransportException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("unexpected failure calling " + host, e);
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
                // only the host failing counts: a script that reports a PowerShell error reached a healthy host
                .recordException(e -> e instanceof TransportException t && t.kind() != TransportException.Kind.REFUSED_LOCALLY)
                .build());
        return new PerHost(endpoint, bulkhead, breaker);
    }

    public CircuitBreaker.State breakerState(String host) {
        PerHost h = hosts.get(host);
        return h == null ? CircuitBreaker.State.CLOSED : h.breaker.getState();
    }

    @Override
    public void close() {
        hosts.values().forEach(PerHost::close);
        hosts.clear();
    }

    private final class PerHost {
        final HostEndpoint endpoint;
        final Bulkhead bulkhead;
        final CircuitBreaker breaker;
        final Queue<HostSession> idle = new ConcurrentLinkedQueue<>();

        PerHost(HostEndpoint endpoint, Bulkhead bulkhead, CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.bulkhead = bulkhead;
            this.breaker = breaker;
        }

        StepResult call(StepScript script, Duration deadline) throws TransportException {
            try {
                bulkhead.acquirePermission();
            } catch (BulkheadFullException e) {
                throw new TransportException(TransportException.Kind.REFUSED_LOCALLY, endpoint.name(), "too many calls in flight to this host", e);
            }
            try {
                breaker.acquirePermission();
            } catch (CallNotPermittedException e) {
                bulkhead.releasePermission();
                throw new TransportException(TransportException.Kind.REFUSED_LOCALLY, endpoint.name(),
                        "not called: the host failed too often recently (circuit open for " + settings.breakerOpenFor().toSeconds() + " s)", e);
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
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
                return StepResult.parse(out.stdout(), out.stderr(), out.exitCode());
            } catch (TransportException e) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                throw e;
            } catch (RuntimeException e) {
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                throw e;
            } finally {
                if (session != null) {
                    session.close();   // a session that failed is in an unknown state: never reused
                }
                bulkhead.releasePermission();
            }
        }

        void close() {
            HostSession s;
            while ((s = idle.poll()) != null) {
                s.close();
            }
        }
    }
}
