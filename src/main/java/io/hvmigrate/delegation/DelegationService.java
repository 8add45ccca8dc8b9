package io.hvmigrate.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.directory.Directory;
import io.hvmigrate.directory.DirectoryException;
import io.hvmigrate.directory.PowerShellDirectory;
import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Names;
import io.hvmigrate.powershell.DelegationScripts;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Carries a change set out: the directory changes through one management host (a host whose PowerShell has the
 * ActiveDirectory module), one account after another; then Kerberos for live migration on the hosts asked for
 * ({@code --fix-auth}), each on its own endpoint; then {@code klist purge -li 0x3e7} on every source whose delegation
 * changed, so it acts on the change now. Every script reads before it writes, so running a change again does nothing.
 */
public final class DelegationService {

    /** How one change went. */
    public enum Outcome {
        /** The directory now holds what was asked, and did not before. */
        CHANGED,
        /** The directory already held it when the script read the account (changed since discovery, or by a retry). */
        ALREADY,
        FAILED
    }

    /** One directory change and what it did: the values added or removed, or the error. */
    public record ChangeResult(DirectoryChange change, Outcome outcome, List<String> values, String error) {
        public ChangeResult {
            values = List.copyOf(values);
        }
    }

    /** Something done on one host (Kerberos for live migration, or the ticket purge). */
    public record HostResult(Computer host, boolean ok, String detail) {}

    /** What an apply did. */
    public record Applied(String via, List<ChangeResult> changes, List<HostResult> kerberos, List<HostResult> purges) {
        public Applied {
            changes = List.copyOf(changes);
            kerberos = List.copyOf(kerberos);
            purges = List.copyOf(purges);
        }

        public boolean anyFailed() {
            return changes.stream().anyMatch(c -> c.outcome() == Outcome.FAILED) || kerberos.stream().anyMatch(h -> !h.ok())
                    || purges.stream().anyMatch(h -> !h.ok());
        }
    }

    private final HostConnections hosts;
    private final Duration limit;

    public DelegationService(HostConnections hosts, Duration limit) {
        this.hosts = hosts;
        this.limit = limit;
    }

    public Applied apply(ChangeSet cs, String via) {
        return apply(cs, new PowerShellDirectory(hosts, via, limit));
    }

    /** Makes the changes in {@code directory}, then Kerberos and ticket purges on the hosts over WinRM. */
    public Applied apply(ChangeSet cs, Directory directory) {
        return apply(cs, directory, List.of());
    }

    /**
     * The same, and {@code klist purge -li 0x3e7} also on {@code stale}: sources whose computer account changed after
     * they obtained their tickets (an earlier change, made by hand or by an apply whose purge failed), which act on
     * the delegation of their tickets until these expire or are purged.
     */
    public Applied apply(ChangeSet cs, Directory directory, List<Computer> stale) {
        List<ChangeResult> results = new ArrayList<>();
        for (DirectoryChange c : cs.changes()) {
            results.add(apply(c, directory));
        }
        Set<String> reached = new LinkedHashSet<>();
        for (ChangeResult r : results) {
            if (r.outcome() != Outcome.FAILED) {
                switch (r.change()) {
                    case DirectoryChange.AddPrincipals p -> p.principals().forEach(x -> reached.add(Names.key(x.computer().name())));
                    default -> reached.add(Names.key(r.change().computer().name()));
                }
            }
        }
        List<HostResult> kerberos = onEach(cs.useKerberos(), DelegationScripts.useKerberosScript(), this::kerberosDetail);
        Map<String, Computer> toPurge = new LinkedHashMap<>();
        cs.purge().stream().filter(h -> reached.contains(Names.key(h.name()))).forEach(h -> toPurge.putIfAbsent(Names.key(h.name()), h));
        stale.forEach(h -> toPurge.putIfAbsent(Names.key(h.name()), h));
        return new Applied(directory.where(), results, kerberos, purge(List.copyOf(toPurge.values())));
    }

    /** {@code klist purge -li 0x3e7} on each host at once (hyperv-reference §3.2, "Propagation"). */
    public List<HostResult> purge(List<Computer> hostsToPurge) {
        return onEach(hostsToPurge, DelegationScripts.purgeTicketsScript(), d -> "tickets purged");
    }

    private static ChangeResult apply(DirectoryChange c, Directory d) {
        try {
            List<String> values = switch (c) {
                case DirectoryChange.AddDelegateTo a -> d.addDelegateTo(a.account(), a.domain(), a.spns());
                case DirectoryChange.RemoveDelegateTo r -> d.removeDelegateTo(r.account(), r.domain(), r.spns());
                case DirectoryChange.AllowProtocolTransition p -> d.allowProtocolTransition(p.account(), p.domain())
                        ? List.of("TRUSTED_TO_AUTH_FOR_DELEGATION") : List.of();
                case DirectoryChange.StopUnconstrained u -> d.stopUnconstrained(u.account(), u.domain())
                        ? List.of("-TRUSTED_FOR_DELEGATION") : List.of();
                case DirectoryChange.AddPrincipals p -> d.addPrincipals(p.account(), p.domain(), p.principals().stream()
                        .map(x -> new Directory.PrincipalRef(x.account(), x.computer().domain())).toList());
            };
            return new ChangeResult(c, values.isEmpty() ? Outcome.ALREADY : Outcome.CHANGED, values, null);
        } catch (DirectoryException e) {
            return new ChangeResult(c, Outcome.FAILED, List.of(), e.getMessage());
        }
    }

    private String kerberosDetail(JsonNode d) {
        int before = d.path("before").asInt(-1);
        int after = d.path("after").asInt(-1);
        if (after != 1) {
            throw new IllegalStateException("authentication is still " + (after == 0 ? "CredSSP" : String.valueOf(after)));
        }
        return before == 1 ? "already Kerberos" : "CredSSP -> Kerberos";
    }

    /** Runs one script on each host at once; a host that fails does not stop the others. */
    private List<HostResult> onEach(List<Computer> targets, StepScript script, java.util.function.Function<JsonNode, String> detail) {
        if (targets.isEmpty()) {
            return List.of();
        }
        List<HostResult> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<Computer, Future<StepResult>> calls = new LinkedHashMap<>();
            targets.forEach(h -> calls.put(h, pool.submit(() -> hosts.run(h.name(), script, limit, true))));
            for (var e : calls.entrySet()) {
                out.add(result(e.getKey(), e.getValue(), detail));
            }
        }
        return out;
    }

    private static HostResult result(Computer h, Future<StepResult> f, java.util.function.Function<JsonNode, String> detail) {
        try {
            return switch (f.get()) {
                case StepResult.Ok ok -> {
                    try {
                        yield new HostResult(h, true, detail.apply(ok.data()));
                    } catch (IllegalStateException e) {
                        yield new HostResult(h, false, e.getMessage());
                    }
                }
                case StepResult.Failed fail -> new HostResult(h, false, fail.message());
                case StepResult.Unreadable u -> new HostResult(h, false, u.why());
            };
        } catch (ExecutionException e) {
            return new HostResult(h, false, e.getCause() instanceof TransportException t ? t.getMessage() : String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostResult(h, false, "interrupted");
        }
    }

    /**
     * Reads the distinguished name and userAccountControl of the accounts the changes touch (what LDIF needs), through
     * the management host, as they are now.
     */
    public Map<String, LdifChange.AccountEntry> readAccounts(List<DirectoryChange> changes, String via) throws UnreadableDirectory {
        return readAccounts(changes, new PowerShellDirectory(hosts, via, limit));
    }

    /** The same, from {@code directory}. */
    public static Map<String, LdifChange.AccountEntry> readAccounts(List<DirectoryChange> changes, Directory directory)
            throws UnreadableDirectory {
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (DirectoryChange c : changes) {
            List<String> l = byDomain.computeIfAbsent(c.domain(), k -> new ArrayList<>());
            if (l.stream().noneMatch(x -> Names.same(x, c.account()))) {
                l.add(c.account());
            }
        }
        Map<String, LdifChange.AccountEntry> out = new LinkedHashMap<>();
        for (var e : byDomain.entrySet()) {
            try {
                directory.accounts(e.getKey(), e.getValue()).forEach((k, a) ->
                        out.put(k, new LdifChange.AccountEntry(a.account(), a.distinguishedName(), a.userAccountControl())));
            } catch (DirectoryException x) {
                throw new UnreadableDirectory(x.getMessage());
            }
        }
        return out;
    }

    /** The directory could not be read through the management host. */
    public static final class UnreadableDirectory extends Exception {
        public UnreadableDirectory(String message) {
            super(message);
        }
    }

}
