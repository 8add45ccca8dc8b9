package io.hvmigrate.sim.wsman;

import java.time.Duration;
import java.util.Objects;

/** What the endpoint does to one request instead of (or besides) answering it normally. */
public sealed interface TransportFault {

    /** Answer normally. */
    record None() implements TransportFault {
    }

    /** Answer HTTP 500 with this fault; the request has no effect. */
    record Fail(WsmanFault fault) implements TransportFault {
        public Fail {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /** Answer normally after this delay. */
    record Delay(Duration delay) implements TransportFault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay");
            }
        }
    }

    /** Never answer: the connection stays open until the client gives up or the endpoint stops. */
    record Hang() implements TransportFault {
    }

    /**
     * The request takes effect (a Command really starts on the host), then the connection closes without a response:
     * the client cannot know whether it ran.
     */
    record DropResponse() implements TransportFault {
    }

    /** Refuse the credentials: HTTP 401, as for a wrong password. */
    record RejectAuthentication() implements TransportFault {
    }

    static TransportFault none() {
        return new None();
    }

    static TransportFault fail(WsmanFault fault) {
        return new Fail(fault);
    }

    static TransportFault delay(Duration delay) {
        return new Delay(delay);
    }

    static TransportFault hang() {
        return new Hang();
    }

    static TransportFault dropResponse() {
        return new DropResponse();
    }

    static TransportFault rejectAuthentication() {
        return new RejectAuthentication();
    }
}
