package io.hvmigrate.sim.wsman;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an endpoint's clients have cost it since it started: TCP connections accepted (each a TLS handshake over
 * HTTPS), HTTP requests read (authentication challenges included), and WS-Management operations by action. Counts
 * only; thread-safe.
 */
public final class EndpointTraffic {
    private final LongAdder connections = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<WsmanAction, LongAdder> operations = new EnumMap<>(WsmanAction.class);

    EndpointTraffic() {
        for (WsmanAction a : WsmanAction.values()) {
            operations.put(a, new LongAdder());
        }
    }

    void connected() {
        connections.increment();
    }

    void requested() {
        requests.increment();
    }

    void operation(WsmanAction action) {
        operations.get(action).increment();
    }

    public long connections() {
        return connections.sum();
    }

    public long requests() {
        return requests.sum();
    }

    /** Requests that asked for this operation (and passed authentication). */
    public long operations(WsmanAction action) {
        return operations.get(action).sum();
    }
}
