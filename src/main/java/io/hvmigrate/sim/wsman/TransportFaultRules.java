package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.world.fleet.Chance;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport faults as data: an ordered list of rules, each matching a host (or any) and an action (or any), applying
 * to the next {@code times} matching requests (or all of them). The first rule that matches and has uses left decides.
 * Thread-safe; rules may be added and cleared while endpoints serve.
 *
 * <pre>{@code
 * TransportFaultRules faults = new TransportFaultRules()
 *     .once("hv1.lab.test", WsmanAction.COMMAND, TransportFault.dropResponse())
 *     .always("hv2.lab.test", null, TransportFault.delay(Duration.ofMillis(300)));
 * }</pre>
 */
public final class TransportFaultRules implements TransportFaults {

    /**
     * @param host   the host it applies to ({@link HostIdentity#fqdn()}, any case), or null for every host
     * @param action the action it applies to, or null for every action
     * @param times  how many matching requests it applies to; negative for all of them
     * @param fault  what happens to them
     * @param chance which of them it applies to, drawn per request and seeded; null for every one
     */
    public record Rule(String host, WsmanAction action, int times, TransportFault fault, Chance chance) {
        public Rule {
            Objects.requireNonNull(fault, "fault");
        }

        public Rule(String host, WsmanAction action, int times, TransportFault fault) {
            this(host, action, times, fault, null);
        }

        /** Every matching request meets the fault with this probability, drawn from {@code seed} ({@link Chance}). */
        public static Rule withProbability(String host, WsmanAction action, TransportFault fault, double probability, long seed) {
            return new Rule(host, action, -1, fault, new Chance(probability, seed));
        }

        boolean matches(String requestHost, WsmanAction requestAction) {
            return (host == null || host.equalsIgnoreCase(requestHost)) && (action == null || action == requestAction);
        }
    }

    private record Armed(Rule rule, AtomicInteger left) {
        boolean take() {
            if (rule.times() < 0) {
                return true;
            }
            return left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    private final List<Armed> rules = new CopyOnWriteArrayList<>();

    public TransportFaultRules add(Rule rule) {
        rules.add(new Armed(rule, new AtomicInteger(rule.times())));
        return this;
    }

    /** The next matching request gets the fault. */
    public TransportFaultRules once(String host, WsmanAction action, TransportFault fault) {
        return add(new Rule(host, action, 1, fault));
    }

    /** Every matching request gets the fault until {@link #clear()}. */
    public TransportFaultRules always(String host, WsmanAction action, TransportFault fault) {
        return add(new Rule(host, action, -1, fault));
    }

    public void clear() {
        rules.clear();
    }

    @Override
    public TransportFault decide(String host, WsmanAction action) {
        for (Armed armed : rules) {
            if (armed.rule().matches(host, action) && (armed.rule().chance() == null || armed.rule().chance().hit(host + " " + action))
                    && armed.take()) {
                return armed.rule().fault();
            }
        }
        return TransportFault.none();
    }
}
