package io.hvmigrate.cli;

import io.hvmigrate.delegation.ChangeSet;
import io.hvmigrate.delegation.DelegationDiff;
import io.hvmigrate.delegation.DelegationMatrix;
import io.hvmigrate.delegation.DelegationMode;
import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.load.DidYouMean;
import io.hvmigrate.load.Units;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What delegation plan and apply share: which hosts, which mode, and the way from the fleet to a change set. */
abstract class DelegationBase extends BaseCommand {

    static final class Selection {
        @Option(names = "--hosts", split = ",", paramLabel = "HOST",
                description = "the hosts (inventory names, FQDNs or NetBIOS names; a cluster name means all its nodes): every "
                        + "ordered pair of them, plus the file servers their VMs use")
        List<String> hosts;

        @Option(names = "--playbook", paramLabel = "PLAYBOOK", description = "exactly what the playbook's moves need")
        Path playbook;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Mixin
    InventoryOption inventory;

    /** The modes, for shell completion. */
    static final class Modes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("constrained", "resource-based").iterator();
        }
    }

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "constrained", completionCandidates = Modes.class,
            description = "constrained (default: msDS-AllowedToDelegateTo on each SOURCE, with protocol transition) or "
                    + "resource-based (msDS-AllowedToActOnBehalfOfOtherIdentity on each DESTINATION, merged, never overwritten)")
    String mode;

    @Option(names = "--prune", description = "also remove entries that do nothing (the folklore \"Microsoft Virtual Machine "
            + "Migration Service\" SPN, Scale-Out File Server nodes)")
    boolean prune;

    @Option(names = "--fix-auth", description = "also set live-migration authentication to Kerberos on the hosts that use "
            + "CredSSP (Set-VMHost on each host); without it they are only reported")
    boolean fixAuth;

    @Option(names = "--clear-unconstrained", description = "also clear unconstrained delegation (TRUSTED_FOR_DELEGATION) "
            + "on the sources that have it; never by default, since other services of a host may rely on it")
    boolean clearUnconstrained;

    @Option(names = "--via", paramLabel = "HOST", description = "the management host that runs the ActiveDirectory cmdlets; "
            + "default: the first inventory host that answers (the one discovery reads the directory through)")
    String via;

    @Mixin
    OutputOption output;

    @Option(names = {"-y", "--yes"}, description = "make the changes without asking (apply): needed when no terminal can answer, as from a scheduler")
    boolean yes;

    boolean json() {
        return jsonOutput();
    }

    DelegationMode mode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "constrained", "kcd" -> DelegationMode.CONSTRAINED;
            case "resource-based", "rbcd" -> DelegationMode.RESOURCE_BASED;
            default -> throw new CommandFailure(ExitCode.INVALID_INPUT, "--mode must be constrained or resource-based, not '" + mode + "'");
        };
    }

    Duration stepLimit() {
        return Units.duration(settings().get("step.timeout"));
    }

    /** The inputs of the command: the inventory, and the playbook when one selects the moves. */
    Inputs inputs(Path factsFile) {
        Path invFile = inventory.orSetting(this);
        Inputs in = Inputs.load(selection.playbook, invFile, factsFile, false);
        if (selection.hosts != null) {
            // names that are no inventory host or cluster are bad input: refused before anything is contacted
            List<String> known = new ArrayList<>(in.inventory().hosts().stream().map(Inventory.HostEndpoint::name).toList());
            in.inventory().clusters().forEach(c -> known.add(c.name()));
            List<String> unknown = selection.hosts.stream().map(String::trim).filter(n -> !n.isEmpty())
                    .filter(n -> in.inventory().host(n).isEmpty()
                            && in.inventory().clusters().stream().noneMatch(c -> Names.same(c.name(), n)))
                    .toList();
            if (!unknown.isEmpty()) {
                String hint = DidYouMean.closest(unknown.getFirst(), known).map(x -> " (did you mean " + x + "?)").orElse("");
                throw new CommandFailure(ExitCode.INVALID_INPUT, "--hosts: " + String.join(", ", unknown)
                        + (unknown.size() == 1 ? " is" : " are") + " not a host or cluster of the inventory" + hint
                        + "; nothing was contacted");
            }
        }
        return in;
    }

    EngineSetup engine(Inventory inv) {
        return new EngineSetup(inv, settings(), root().environment, RunEvents.NONE, err(), false);
    }

    /** Reads the fleet; hosts that cannot be read are said on stderr. */
    Facts discover(EngineSetup engine) {
        Discovery.Result found = engine.service.discover();
        found.unreachable().forEach(u -> err().println("hvmigrate: could not read " + u.describe()));
        err().flush();
        return found.facts();
    }

    /** The selection, the matrix it needs and the change that makes the directory hold it. */
    record Prepared(DelegationMatrix matrix, ChangeSet changes, Plan plan, String what) {}

    Prepared prepare(Inputs in, Facts facts) {
        DelegationMatrix matrix;
        Plan plan = null;
        String what;
        if (selection.playbook != null) {
            plan = new Planner(in.inventory(), facts).plan(in.playbook());
            matrix = DelegationMatrix.forPlan(plan, facts);
            long moves = plan.moves().stream().filter(m -> m.planned()).count();
            what = "playbook " + in.playbook().name() + " (" + moves + " planned move" + (moves == 1 ? "" : "s") + ")";
        } else {
            List<Facts.HostFacts> hosts = hosts(in.inventory(), facts);
            matrix = DelegationMatrix.between(hosts, facts);
            what = hosts.size() + " host" + (hosts.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", hosts.stream().limit(6).map(Facts.HostFacts::name).toList())
                    + (hosts.size() > 6 ? ", …" : "") + ")";
        }
        ChangeSet cs = new DelegationDiff(facts, new DelegationDiff.Options(mode(), prune, fixAuth, clearUnconstrained)).diff(matrix);
        return new Prepared(matrix, cs, plan, what);
    }

    private List<Facts.HostFacts> hosts(Inventory inv, Facts facts) {
        Map<String, Facts.HostFacts> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : selection.hosts) {
            String n = raw.trim();
            if (n.isEmpty()) {
                continue;
            }
            var cluster = facts.cluster(n);
            if (cluster.isPresent()) {
                cluster.get().nodes().forEach(node -> facts.host(node).ifPresent(h -> out.putIfAbsent(Names.key(h.name()), h)));
                continue;
            }
            var h = facts.host(n);
            if (h.isPresent()) {
                out.putIfAbsent(Names.key(h.get().name()), h.get());
            } else {
                unknown.add(n);
            }
        }
        List<String> unread = unknown.stream()
                .filter(n -> inv.host(n).isPresent() || inv.clusters().stream().anyMatch(c -> Names.same(c.name(), n)))
                .toList();
        if (!unread.isEmpty()) {
            throw new CommandFailure(ExitCode.FAILED, "--hosts: " + String.join(", ", unread)
                    + (unread.size() == 1 ? " is" : " are") + " in the inventory but could not be read (see the notes"
                    + " above); nothing was changed");
        }
        if (!unknown.isEmpty()) {
            List<String> known = new ArrayList<>(inv.hosts().stream().map(Inventory.HostEndpoint::name).toList());
            inv.clusters().forEach(c -> known.add(c.name()));
            String first = unknown.getFirst();
            String hint = DidYouMean.closest(first, known).map(s -> " (did you mean " + s + "?)").orElse("");
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--hosts: " + String.join(", ", unknown)
                    + (unknown.size() == 1 ? " is" : " are") + " not a host or cluster of the inventory" + hint);
        }
        if (out.size() < 2) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "--hosts: give at least two hosts (or a cluster): delegation is between hosts");
        }
        return List.copyOf(out.values());
    }

    /** The management host: --via, or the inventory's {@code directory: {via: HOST}}. */
    String via(Inventory inv) {
        if (via != null) {
            return inv.host(via).map(Inventory.HostEndpoint::name)
                    .orElseThrow(() -> new CommandFailure(ExitCode.INVALID_INPUT, "--via " + via + ": not an inventory host"));
        }
        return inv.directoryVia();
    }

    /**
     * The directory over LDAP (the inventory's, or the hosts' domain's), or the ActiveDirectory cmdlets of the management
     * host --via or {@code directory: {via: HOST}} names.
     */
    io.hvmigrate.directory.Directory directory(EngineSetup engine, Inventory inv, Facts facts) {
        if (!engine.directory.needsManagementHost()) {
            if (via != null && inv.directory() == null) {
                // the default directory (LDAP to the hosts' domain) gives way to the management host named for this command
                String host = via(inv);
                return io.hvmigrate.directory.PowerShellDirectory.backend(engine.hosts, engine.stepTimeout, host).through(host);
            }
            if (via != null) {
                throw new CommandFailure(ExitCode.INVALID_INPUT, "--via names a management host for the ActiveDirectory cmdlets, "
                        + "but the inventory's directory is LDAP (" + (inv.directory().url() != null ? inv.directory().url()
                        : "a DC of " + inv.directory().domain()) + "): remove --via");
            }
            return engine.directory.through(null);
        }
        return engine.directory.through(via(inv));
    }

    String title(String verb, Prepared p) {
        return "hvmigrate delegation " + verb + ": " + (p.changes().mode() == DelegationMode.CONSTRAINED
                ? "constrained delegation" : "resource-based delegation") + " for " + p.what();
    }
}
