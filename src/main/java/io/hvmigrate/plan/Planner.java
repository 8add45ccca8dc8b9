package io.hvmigrate.plan;

import io.hvmigrate.load.DidYouMean;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.Problems;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.ClusterFacts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.model.Playbook.MoveSpec;
import io.hvmigrate.plan.Classification.Planned;
import io.hvmigrate.plan.Classification.Refused;
import io.hvmigrate.powershell.PsLiteral;
import io.hvmigrate.powershell.StepScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a playbook into a plan: expands drains and selections into single moves, spreads them over destinations by
 * load, classifies each (S1–S7 or a refusal) and lays out its steps, the host each runs on, and its PowerShell.
 * Nothing is contacted.
 */
public final class Planner {
    private final Inventory inventory;
    private final Topology topology;
    private final ScenarioClassifier classifier;
    private final List<UnreadHost> unread;

    public Planner(Inventory inventory, Facts facts) {
        this(inventory, facts, List.of());
    }

    /** @param unread the inventory hosts discovery could not read: moves that depend on them are refused for that cause */
    public Planner(Inventory inventory, Facts facts, List<UnreadHost> unread) {
        this.inventory = inventory;
        this.topology = new Topology(facts);
        this.classifier = new ScenarioClassifier(topology);
        this.unread = List.copyOf(unread);
    }

    private Optional<UnreadHost> unread(String host) {
        return host == null ? Optional.empty() : unread.stream().filter(u -> Names.same(u.host(), host)
                || inventory.host(host).map(h -> Names.same(h.name(), u.host())).orElse(false)).findFirst();
    }

    /** Refused because a host could not be read: the cause's code, the hosts named, the cause's fix. */
    private static Refused notRead(String what, List<UnreadHost> hosts) {
        UnreadHost first = hosts.get(0);
        String who = String.join("; ", hosts.stream().map(u -> u.host() + ": " + u.reason()).toList());
        return new Refused(first.code(), what + " (" + who + ")", first.fix());
    }

    /** @throws io.hvmigrate.load.InvalidInputException when the playbook asks for something the facts make impossible to expand */
    public Plan plan(Playbook playbook) {
        Problems problems = new Problems();
        List<String> warnings = new ArrayList<>();
        List<PlannedMove> moves = new ArrayList<>();
        Map<String, Location> taken = new HashMap<>();   // VM id → entry that moves it
        Map<String, Long> load = new HashMap<>();         // host → memory committed after the moves planned so far
        for (HostFacts h : topology.facts().hosts()) {
            load.put(Names.key(h.name()), topology.committedMemory(h));
        }
        Playbook.Policy policy = playbook.policy();

        for (MoveSpec spec : playbook.moves()) {
            boolean allowUnprotected = spec.allowUnprotected() != null ? spec.allowUnprotected() : policy.ha().allowUnprotected();
            switch (spec) {
                case Playbook.VmMove v -> {
                    List<VmFacts> found = topology.facts().vmsNamed(v.vm()).stream()
                            .filter(x -> (v.from() == null || hostOf(x).map(h -> h.answersTo(v.from())).orElse(false)))
                            .toList();
                    if (found.size() != 1) {
                        moves.add(unresolved(moves.size(), v, found));
                        continue;
                    }
                    VmFacts vm = found.get(0);
                    if (!claim(vm, v.location(), taken, problems)) {
                        continue;
                    }
                    Optional<HostFacts> dst = pickDestination(List.of(v.to()), vm, load, v.location(), problems);
                    moves.add(move(id(moves.size()), v.location(), vm, dst, List.of(v.to()), v.storagePath(), null, allowUnprotected, policy, load));
                }
                case Playbook.Drain d -> {
                    Optional<HostFacts> host = topology.host(d.host());
                    if (host.isEmpty() && unread(d.host()).isPresent()) {
                        moves.add(new PlannedMove(id(moves.size()), d.location(), "(the VMs of " + d.host() + ")", null, null, null,
                                notRead("host '" + d.host() + "' could not be read, so its VMs are not known", List.of(unread(d.host()).get())),
                                List.of(), List.of(), null));
                        continue;
                    }
                    if (host.isEmpty()) {
                        problems.add(d.location(), "host '" + d.host() + "' is in the inventory but not in the facts", "discover it again, or check that it is reachable");
                        continue;
                    }
                    List<String> targets = d.to();
                    if (targets.isEmpty()) {
                        if (host.get().cluster() == null) {
                            problems.add(d.location(), "host '" + d.host() + "' is not a cluster node, so there are no cluster peers to drain it to", "say where its VMs go with to: [host, ...]");
                            continue;
                        }
                        // the cluster's Up nodes; the drained host itself is never picked for its own VMs
                        targets = List.of(host.get().cluster());
                    }
                    List<VmFacts> vms = new ArrayList<>(topology.facts().vmsOn(host.get().name()));
                    if (vms.isEmpty()) {
                        warnings.add(d.location() + ": host " + d.host() + " has no VMs to drain");
                    }
                    expand(vms, targets, d.location(), d.storageRoot(), allowUnprotected, policy, taken, load, moves, problems);
                }
                case Playbook.Select s -> {
                    List<UnreadHost> selectUnread = s.host() != null ? unread(s.host()).stream().toList()
                            : topology.cluster(s.cluster()).map(c -> c.nodes().stream().map(this::unread).flatMap(Optional::stream).toList())
                            .orElse(unread);   // a cluster none of whose nodes answered is unknown: any unread host may be one
                    if (!selectUnread.isEmpty()) {
                        // some VMs that match may be on a host that could not be read: moving the others would move part of a selection
                        moves.add(new PlannedMove(id(moves.size()), s.location(), "(" + String.join(", ", s.names()) + " on "
                                + (s.host() != null ? s.host() : "cluster " + s.cluster()) + ")", null, null, null,
                                notRead("the selection cannot be made: a host it covers could not be read", selectUnread), List.of(), List.of(), null));
                        continue;
                    }
                    List<VmFacts> vms = selected(s);
                    if (vms.isEmpty()) {
                        warnings.add(s.location() + ": no VM on " + (s.host() != null ? s.host() : "cluster " + s.cluster())
                                + " matches " + String.join(", ", s.names()) + " (nothing to do if they have moved already)");
                    }
                    expand(new ArrayList<>(vms), s.to(), s.location(), s.storageRoot(), allowUnprotected, policy, taken, load, moves, problems);
                }
            }
        }
        problems.throwIfAny();
        return new Plan(playbook, moves, warnings);
    }

    /**
     * The moves of an approved plan, each compared with the facts now. A move whose VM, hosts, scenario, storage,
     * cluster role and steps are still as approved is planned as approved (same id, same route); a VM already on its
     * approved destination is in place; any other move is refused, saying what was approved and what is so now.
     * Nothing is added: VMs the playbook's drains and selections would now take stay where they are, each named in a
     * warning.
     *
     * @param playbook the playbook the plan was made from, byte for byte: its entries give each move's storage and HA
     *                 options, its policy the rest
     */
    public Plan planApproved(Playbook playbook, ApprovedPlan approved) {
        Map<String, Long> load = new HashMap<>();
        for (HostFacts h : topology.facts().hosts()) {
            load.put(Names.key(h.name()), topology.committedMemory(h));
        }
        List<PlannedMove> moves = new ArrayList<>();
        for (ApprovedPlan.Move a : approved.moves()) {
            moves.add(approvedMove(playbook, a, load));
        }
        return new Plan(playbook, moves, notApproved(playbook, approved));
    }

    private PlannedMove approvedMove(Playbook playbook, ApprovedPlan.Move a, Map<String, Long> load) {
        Optional<MoveSpec> spec = playbook.moves().stream()
                .filter(s -> s.location().line() == a.origin().line() && s.location().column() == a.origin().column()).findFirst();
        Location origin = spec.map(MoveSpec::location).orElse(a.origin());
        HostFacts dst = host(a.destination());
        if (a.outcome() == ApprovedPlan.Outcome.REFUSED) {
            RefusalCode code = java.util.Arrays.stream(RefusalCode.values()).filter(c -> c.name().equals(a.refusalCode()))
                    .findFirst().orElse(RefusalCode.NOT_AS_APPROVED);
            return new PlannedMove(a.id(), origin, a.vmName(), null, host(a.source()), dst,
                    new Refused(code, "refused when the plan was made: " + a.refusal(), "make a new plan once the move can be made, and have it approved"),
                    List.of(), List.of(), null);
        }
        if (spec.isEmpty()) {
            return notAsApproved(a, origin, null, "the playbook has no entry at line " + a.origin().line()
                    + ", column " + a.origin().column());
        }
        VmFacts vm = a.vmId() == null ? null : topology.facts().vmsWithId(a.vmId()).stream().findFirst().orElse(null);
        if (vm == null) {
            Optional<UnreadHost> u = unread(a.source());
            if (u.isPresent()) {
                return refusedAsApproved(a, origin, null,
                        notRead(a.vmName() + " was on " + a.source() + ", which could not be read", List.of(u.get())));
            }
            StringBuilder what = new StringBuilder(a.vmName() + " (" + a.vmId() + ") is on none of the hosts that answered");
            topology.facts().vmsNamed(a.vmName())
                    .forEach(v -> what.append("; a VM of that name with another id (").append(v.id()).append(") is on ").append(v.host()));
            return notAsApproved(a, origin, null, what.toString());
        }
        HostFacts on = hostOf(vm).orElse(null);
        if (!Names.same(vm.name(), a.vmName())) {
            return notAsApproved(a, origin, vm, "the VM " + a.vmId() + " is named " + vm.name());
        }
        if (on != null && a.destination() != null && on.answersTo(a.destination())) {
            return new PlannedMove(a.id(), origin, vm.name(), vm, on, on,
                    new Classification.AlreadyInPlace("VM '" + vm.name() + "' is already on " + on.name() + ", its approved destination"),
                    List.of(), List.of(), null);
        }
        if (on == null || !on.answersTo(a.source())) {
            return notAsApproved(a, origin, vm, vm.name() + " is on " + vm.host());
        }
        if (dst == null) {
            Optional<UnreadHost> u = unread(a.destination());
            if (u.isPresent()) {
                return refusedAsApproved(a, origin, vm,
                        notRead("the destination " + a.destination() + " could not be read", List.of(u.get())));
            }
            return notAsApproved(a, origin, vm, "the destination " + a.destination() + " was not discovered");
        }
        MoveSpec entry = spec.get();
        boolean allowUnprotected = entry.allowUnprotected() != null ? entry.allowUnprotected() : playbook.policy().ha().allowUnprotected();
        String storagePath = entry instanceof Playbook.VmMove v ? v.storagePath() : null;
        String storageRoot = switch (entry) {
            case Playbook.Drain d -> d.storageRoot();
            case Playbook.Select s -> s.storageRoot();
            case Playbook.VmMove v -> null;
        };
        PlannedMove now = move(a.id(), origin, vm, Optional.of(dst), List.of(a.destination()), storagePath, storageRoot,
                allowUnprotected, playbook.policy(), load);
        return switch (now.outcome()) {
            case Refused r -> refusedAsApproved(a, origin, vm, r);
            case Classification.AlreadyInPlace x -> now;
            case Planned p -> {
                List<String> changes = ApprovalDiff.between(a, now);
                yield changes.isEmpty() ? now : notAsApproved(a, origin, vm, String.join("; ", changes));
            }
        };
    }

    private HostFacts host(String name) {
        return name == null ? null : topology.host(name).orElse(null);
    }

    /** Refused for what changed: {@code approved: app-a1 on hv-a1 → hv-a2 (S1); now: app-a1 is on hv-a3}. */
    private PlannedMove notAsApproved(ApprovedPlan.Move a, Location origin, VmFacts vm, String now) {
        return refusedAsApproved(a, origin, vm, new Refused(RefusalCode.NOT_AS_APPROVED, now,
                "the fleet has changed since the plan was approved: make a new plan and have it approved, or leave this move out with --skip-refused"));
    }

    /** Refused, with the approved route (the report names it) and what was approved before what is so now. */
    private PlannedMove refusedAsApproved(ApprovedPlan.Move a, Location origin, VmFacts vm, Refused now) {
        return new PlannedMove(a.id(), origin, a.vmName(), vm, host(a.source()), host(a.destination()),
                new Refused(now.code(), "approved: " + a.describe() + "; now: " + now.reason(), now.fix()), List.of(), List.of(), null);
    }

    /** The VMs the playbook's drains and selections take now that the approved plan does not move. */
    private List<String> notApproved(Playbook playbook, ApprovedPlan approved) {
        Set<String> ids = new java.util.HashSet<>();
        approved.moves().forEach(m -> ids.add(Names.key(m.vmId())));
        List<String> out = new ArrayList<>();
        for (MoveSpec spec : playbook.moves()) {
            List<VmFacts> now = switch (spec) {
                case Playbook.Drain d -> topology.host(d.host()).map(h -> topology.facts().vmsOn(h.name())).orElse(List.of());
                case Playbook.Select s -> selected(s);
                case Playbook.VmMove v -> List.of();
            };
            for (VmFacts vm : now) {
                if (!ids.contains(Names.key(vm.id()))) {
                    out.add(spec.location() + ": " + vm.name() + " (on " + vm.host() + ") is not in the approved plan, so it stays"
                            + " where it is; a new plan would move it");
                }
            }
        }
        return out;
    }

    /** The VMs a selection matches now. */
    private List<VmFacts> selected(Playbook.Select s) {
        List<Pattern> globs = s.names().stream().map(Planner::glob).toList();
        List<HostFacts> where = s.host() != null ? topology.host(s.host()).stream().toList()
                : topology.cluster(s.cluster()).map(c -> c.nodes().stream().map(topology::host).flatMap(Optional::stream).toList()).orElse(List.of());
        return topology.facts().vms().stream()
                .filter(x -> where.stream().anyMatch(h -> h.answersTo(x.host())))
                .filter(x -> globs.stream().anyMatch(g -> g.matcher(x.name()).matches()))
                .toList();
    }

    private void expand(List<VmFacts> vms, List<String> targets, Location origin, String storageRoot, boolean allowUnprotected,
                        Playbook.Policy policy, Map<String, Location> taken, Map<String, Long> load, List<PlannedMove> moves, Problems problems) {
        // largest first, so that the spread by memory is even
        vms.sort(Comparator.comparingLong(VmFacts::memoryBytes).reversed().thenComparing(VmFacts::name));
        for (VmFacts vm : vms) {
            if (!claim(vm, origin, taken, problems)) {
                continue;
            }
            Optional<HostFacts> dst = pickDestination(targets, vm, load, origin, problems);
            moves.add(move(id(moves.size()), origin, vm, dst, targets, null, storageRoot, allowUnprotected, policy, load));
        }
    }

    private boolean claim(VmFacts vm, Location at, Map<String, Location> taken, Problems problems) {
        Location prev = taken.putIfAbsent(vm.id(), at);
        if (prev != null) {
            problems.add(at, "VM '" + vm.name() + "' (on " + vm.host() + ") is also moved by the entry at " + prev, "a VM can be moved once per run; narrow one of the entries");
            return false;
        }
        return true;
    }

    /**
     * The least-loaded candidate among the targets (hosts, or the Up nodes of named clusters), other than the VM's own
     * host — unless the VM's own host is the only target, which makes the move "already in place".
     */
    private Optional<HostFacts> pickDestination(List<String> targets, VmFacts vm, Map<String, Long> load, Location at, Problems problems) {
        Set<HostFacts> candidates = new LinkedHashSet<>();
        for (String t : targets) {
            Optional<HostFacts> h = topology.host(t);
            if (h.isPresent()) {
                candidates.add(h.get());
                continue;
            }
            Optional<ClusterFacts> c = topology.cluster(t);
            if (c.isPresent()) {
                candidates.addAll(topology.upNodes(c.get()));
            } else if (inventory.host(t).isPresent()) {
                return Optional.empty();   // reported by the caller as not discovered
            }
        }
        List<HostFacts> others = candidates.stream().filter(h -> !h.answersTo(vm.host())).toList();
        if (others.isEmpty()) {
            return candidates.stream().findFirst();
        }
        HostFacts best = others.stream().min(Comparator.comparingDouble((HostFacts h) -> loadRatio(h, load, vm)).thenComparing(HostFacts::name)).orElseThrow();
        return Optional.of(best);
    }

    private static double loadRatio(HostFacts h, Map<String, Long> load, VmFacts vm) {
        long committed = load.getOrDefault(Names.key(h.name()), 0L) + vm.memoryBytes();
        return h.memory().totalBytes() > 0 ? (double) committed / h.memory().totalBytes() : committed;
    }

    private PlannedMove unresolved(int index, Playbook.VmMove v, List<VmFacts> found) {
        Refused r;
        List<UnreadHost> mayHoldIt = v.from() != null ? unread(v.from()).stream().toList() : unread;
        if (found.isEmpty() && !mayHoldIt.isEmpty()) {
            r = notRead("VM '" + v.vm() + "' was not found on the hosts that answered, and "
                    + (v.from() != null ? "its host" : mayHoldIt.size() == 1 ? "one host" : mayHoldIt.size() + " hosts") + " could not be read", mayHoldIt);
        } else if (found.isEmpty()) {
            String near = DidYouMean.closest(v.vm(), topology.facts().vms().stream().map(VmFacts::name).toList())
                    .map(s -> "did you mean '" + s + "'? ").orElse("");
            r = new Refused(RefusalCode.VM_NOT_FOUND, "no VM named '" + v.vm() + "'" + (v.from() != null ? " on " + v.from() : "") + " in the facts",
                    near + "check the name (Get-VM on the source host) or discover again");
        } else {
            r = new Refused(RefusalCode.VM_AMBIGUOUS, "there are " + found.size() + " VMs named '" + v.vm() + "', on "
                    + String.join(", ", found.stream().map(VmFacts::host).toList()), "add from: <host> to say which one moves");
        }
        return new PlannedMove(id(index), v.location(), v.vm(), null, null, null, r, List.of(), List.of(), null);
    }

    private PlannedMove move(String id, Location origin, VmFacts vm, Optional<HostFacts> dst, List<String> targets, String storagePath, String storageRoot,
                             boolean allowUnprotected, Playbook.Policy policy, Map<String, Long> load) {
        HostFacts src = hostOf(vm).orElseThrow();
        List<UnreadHost> unreadTargets = targets.stream().map(this::unread).flatMap(Optional::stream).toList();
        if (dst.isEmpty() && !unreadTargets.isEmpty()) {
            return new PlannedMove(id, origin, vm.name(), vm, src, null,
                    notRead("the destination for VM '" + vm.name() + "' could not be read", unreadTargets), List.of(), List.of(), null);
        }
        if (dst.isEmpty()) {
            Refused r = new Refused(RefusalCode.HOST_NOT_DISCOVERED, "the destination for VM '" + vm.name() + "' is not in the facts (not discovered, or its cluster has no Up node)",
                    "discover the fleet again and check the destination host is reachable and Up");
            return new PlannedMove(id, origin, vm.name(), vm, src, null, r, List.of(), List.of(), null);
        }
        MoveRequest req = new MoveRequest(vm, src, dst.get(), storagePath, storageRoot, allowUnprotected, policy.ha().makeHighlyAvailable());
        Classification c = classifier.classify(req);
        List<Step> steps = List.of();
        List<Step> compensation = List.of();
        MoveJob job = null;
        if (c instanceof Planned p) {
            try {
                // cluster node names, as Set-ClusterOwnerNode wants them
                List<String> owners = vm.group() == null ? List.of()
                        : vm.group().preferredOwners().stream().map(o -> topology.host(o).map(HostFacts::netbios).orElse(o)).toList();
                job = MoveJob.of(id, p, vm, src, dst.get(), policy, owners);
                steps = StepBook.steps(job);
                compensation = StepBook.compensation(job);
            } catch (StepScript.TooLong e) {
                c = new Refused(RefusalCode.SCRIPT_TOO_LONG, "a step script for VM '" + vm.name() + "' would be " + e.length()
                        + " characters; WinRM command lines allow " + StepScript.MAX_LENGTH, "shorten the names or paths involved");
                steps = List.of();
                job = null;
            } catch (PsLiteral.UnsafeValueException e) {
                c = new Refused(RefusalCode.UNSAFE_VALUE, "a name or path of VM '" + vm.name() + "': " + e.getMessage(), "rename the VM or choose another path");
                steps = List.of();
                job = null;
            }
            if (c instanceof Planned) {
                load.merge(Names.key(dst.get().name()), vm.memoryBytes(), Long::sum);
                load.merge(Names.key(src.name()), -vm.memoryBytes(), Long::sum);
            }
        }
        return new PlannedMove(id, origin, vm.name(), vm, src, dst.get(), c, steps, compensation, job);
    }

    private Optional<HostFacts> hostOf(VmFacts vm) {
        return topology.host(vm.host());
    }

    private static String id(int index) {
        return String.format("m%03d", index + 1);
    }

    /** A case-insensitive glob: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
