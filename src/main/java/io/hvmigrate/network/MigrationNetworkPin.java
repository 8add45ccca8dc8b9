package io.hvmigrate.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Cidr;
import io.hvmigrate.powershell.NetworkPinScripts;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pins a host's incoming live migrations to one network (hyperv-reference §2.1, §2.3): the subnet becomes one of its
 * migration networks and UseAnyNetworkForMigration becomes false, so live migrations arrive only over the dedicated
 * network (their traffic is not encrypted). Idempotent: a host already pinned is only read. Other migration networks
 * the host lists are left as they are, and said so.
 */
public final class MigrationNetworkPin {

    /** A host's live-migration network settings. */
    public record State(boolean useAnyNetwork, List<String> networks, List<String> addresses) {
        public State {
            networks = List.copyOf(networks);
            addresses = List.copyOf(addresses);
        }

        public boolean lists(Cidr subnet) {
            return networks.stream().anyMatch(n -> same(n, subnet));
        }

        public boolean pinnedTo(Cidr subnet) {
            return !useAnyNetwork && lists(subnet);
        }
    }

    /**
     * What pinning did on one host.
     *
     * @param before   null when the host could not be read
     * @param after    null when the host could not be read or changed
     * @param error    why it failed, or null
     */
    public record HostPin(String host, State before, State after, boolean changed, List<String> warnings, String error) {
        public HostPin {
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private final HostConnections hosts;
    private final Duration limit;

    public MigrationNetworkPin(HostConnections hosts, Duration limit) {
        this.hosts = hosts;
        this.limit = limit;
    }

    /** Pins every host at once; a host that fails does not stop the others. */
    public List<HostPin> pin(List<String> names, Cidr subnet) {
        List<HostPin> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<HostPin>> calls = new LinkedHashMap<>();
            names.forEach(h -> calls.put(h, pool.submit(() -> pinOne(h, subnet))));
            for (var e : calls.entrySet()) {
                try {
                    out.add(e.getValue().get());
                } catch (ExecutionException ex) {
                    out.add(new HostPin(e.getKey(), null, null, false, List.of(), String.valueOf(ex.getCause())));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    out.add(new HostPin(e.getKey(), null, null, false, List.of(), "interrupted"));
                }
            }
        }
        return out;
    }

    private HostPin pinOne(String host, Cidr subnet) {
        State before;
        try {
            before = state(run(host, NetworkPinScripts.readState()));
        } catch (Failure f) {
            return new HostPin(host, null, null, false, List.of(), f.getMessage());
        }
        State after = before;
        boolean changed = false;
        if (!before.pinnedTo(subnet)) {
            try {
                after = state(run(host, NetworkPinScripts.pin(before.lists(subnet) ? null : subnet.text(), before.useAnyNetwork())));
                changed = true;
            } catch (Failure f) {
                return new HostPin(host, before, null, false, List.of(), f.getMessage());
            }
            if (!after.pinnedTo(subnet)) {
                return new HostPin(host, before, after, true, List.of(), "the host still "
                        + (after.useAnyNetwork() ? "accepts live migrations on any network" : "does not list " + subnet.text()));
            }
        }
        return new HostPin(host, before, after, changed, warnings(host, after, subnet), null);
    }

    private static List<String> warnings(String host, State s, Cidr subnet) {
        List<String> w = new ArrayList<>();
        if (s.addresses().stream().noneMatch(subnet::contains)) {
            w.add(host + " has no address in " + subnet.text() + ": live migrations to and from it cannot use that network "
                    + "until it has one");
        }
        List<String> others = s.networks().stream().filter(n -> !same(n, subnet)).toList();
        if (!others.isEmpty()) {
            w.add(host + " also accepts live migrations on " + String.join(", ", others) + " (left as is; Remove-VMMigrationNetwork "
                    + "takes one off)");
        }
        return w;
    }

    private JsonNode run(String host, io.hvmigrate.powershell.StepScript script) throws Failure {
        try {
            return switch (hosts.run(host, script, limit, true)) {
                case StepResult.Ok ok -> ok.data();
                case StepResult.Failed f -> throw new Failure(f.message());
                case StepResult.Unreadable u -> throw new Failure(u.why());
            };
        } catch (TransportException e) {
            throw new Failure(e.getMessage());
        }
    }

    private static State state(JsonNode d) {
        return new State(d.path("any").asBoolean(true), StepResult.strings(d.path("nets")), StepResult.strings(d.path("ips")));
    }


    /** Whether a subnet as Get-VMMigrationNetwork shows it is the same network (Windows may print it differently). */
    static boolean same(String listed, Cidr subnet) {
        try {
            return Cidr.parse(listed).sameAs(subnet);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}
