package io.hvmigrate.delegation;

import io.hvmigrate.check.DelegationRules;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.PlannedMove;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delegation a set of moves needs: for each source host, the services it must be allowed to delegate to.
 *
 * <p>For a set of hosts ({@link #between}) that is every ordered pair — each host a source, every other one a
 * destination — with {@code Microsoft Virtual System Migration Service} (to move VMs) and {@code cifs} (to move their
 * storage), each in FQDN and NetBIOS form (a move names the destination one way or the other, and the KDC is asked for
 * the form it names); and {@code cifs} to every file server the hosts' VMs keep files on, for a Scale-Out File Server
 * its access point, never its nodes (SMB clients ask for the name in the path). n hosts and f file servers make
 * n(n−1)·4 + n·f·2 grants.
 *
 * <p>For a playbook ({@link #forPlan}) it is exactly what each planned move needs, as {@code check} computes it: the
 * destination's migration service, its {@code cifs} when storage moves, and the SMB servers involved; nothing for moves
 * inside one cluster, which the cluster service carries out.
 */
public record DelegationMatrix(List<Computer> sources, List<Grant> grants, List<String> notes) {

    public DelegationMatrix {
        sources = List.copyOf(sources);
        grants = List.copyOf(grants);
        notes = List.copyOf(notes);
    }

    public int size() {
        return grants.size();
    }

    /** The grants of one source, in order. */
    public List<Grant> from(Computer source) {
        return grants.stream().filter(g -> g.source().equals(source)).toList();
    }

    /** Every ordered pair of the hosts, both services, both name forms, plus the file servers their VMs use. */
    public static DelegationMatrix between(List<Facts.HostFacts> hosts, Facts facts) {
        List<Computer> computers = hosts.stream().map(Computer::of).distinct().toList();
        List<String> notes = new ArrayList<>();
        List<Computer> servers = fileServersUsed(hosts, facts, notes);
        List<Grant> grants = new ArrayList<>();
        for (Computer src : computers) {
            for (Computer dst : computers) {
                if (dst.equals(src)) {
                    continue;
                }
                both(grants, src, dst, DelegationRules.MIGRATION_SERVICE, "live migration to " + dst.name());
                both(grants, src, dst, "cifs", "moving storage to " + dst.name());
            }
            for (Computer fs : servers) {
                both(grants, src, fs, "cifs", "VM files on \\\\" + fs.name());
            }
        }
        return new DelegationMatrix(computers, grants, notes);
    }

    private static void both(List<Grant> out, Computer src, Computer dst, String service, String why) {
        if (dst.fqdn() != null) {
            out.add(new Grant(src, dst, service + "/" + dst.fqdn(), why));
        }
        if (dst.netbios() != null) {
            out.add(new Grant(src, dst, service + "/" + dst.netbios(), why));
        }
    }

    /** The SMB servers the hosts' VMs keep files on, as file servers of the facts (a SOFS node becomes its access point). */
    private static List<Computer> fileServersUsed(List<Facts.HostFacts> hosts, Facts facts, List<String> notes) {
        Map<String, Computer> out = new LinkedHashMap<>();
        for (Facts.HostFacts h : hosts) {
            for (Facts.VmFacts vm : facts.vmsOn(h.name())) {
                List<String> paths = new ArrayList<>();
                paths.add(vm.path());
                vm.disks().forEach(d -> paths.add(d.path()));
                for (String p : paths) {
                    smbServer(p).ifPresent(server -> {
                        Computer fs = resolveFileServer(server, facts, vm.name(), notes);
                        out.putIfAbsent(Names.key(fs.name()), fs);
                    });
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static Computer resolveFileServer(String server, Facts facts, String vm, List<String> notes) {
        Optional<Facts.FileServerFacts> direct = facts.fileServer(server);
        if (direct.isPresent()) {
            return Computer.of(direct.get());
        }
        for (Facts.FileServerFacts f : facts.fileServers()) {
            if (f.kind() == Inventory.FileServerKind.SOFS && f.nodes().stream().anyMatch(n -> sameHost(n, server))) {
                String note = vm + " keeps files on \\\\" + server + ", a node of Scale-Out File Server " + f.name()
                        + ": delegation names the access point " + f.name() + "; point the VM's paths at \\\\" + f.name();
                if (!notes.contains(note)) {
                    notes.add(note);
                }
                return Computer.of(f);
            }
        }
        return Computer.unknownFileServer(server);
    }

    /** What each planned move needs, as check computes it (DelegationRules), attributed to source and target. */
    public static DelegationMatrix forPlan(Plan plan, Facts facts) {
        Map<String, Computer> sources = new LinkedHashMap<>();
        List<Grant> grants = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PlannedMove m : plan.moves()) {
            if (!(m.outcome() instanceof Classification.Planned p) || p.scenario().inCluster()) {
                continue;
            }
            Computer src = sources.computeIfAbsent(Names.key(m.source().name()), k -> Computer.of(m.source()));
            for (DelegationRules.Required r : DelegationRules.required(m, facts)) {
                if (seen.add(Names.key(src.name()) + "\u0000" + r.spn().toLowerCase(Locale.ROOT))) {
                    grants.add(new Grant(src, target(r.spn(), m, facts), r.spn(), m.id() + ": " + r.why()));
                }
            }
        }
        return new DelegationMatrix(List.copyOf(sources.values()), grants, List.of());
    }

    /** The computer an SPN of a move names: the destination, or a file server. */
    private static Computer target(String spn, PlannedMove m, Facts facts) {
        String host = hostPart(spn);
        if (m.destination().answersTo(host)) {
            return Computer.of(m.destination());
        }
        return facts.fileServer(host).map(Computer::of)
                .or(() -> facts.host(host).map(Computer::of))
                .orElseGet(() -> Computer.unknownFileServer(host));
    }

    /** {@code cifs/hv-s1.lab.test} → {@code hv-s1.lab.test} (a port or service name after it dropped). */
    static String hostPart(String spn) {
        String rest = spn.substring(spn.indexOf('/') + 1);
        int end = rest.length();
        for (char c : new char[] {':', '/'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    static boolean sameHost(String a, String b) {
        return Names.same(a, b) || Names.same(Names.netbiosOf(a), Names.netbiosOf(b));
    }

    /** The server of a UNC path: {@code \\SOFS1\vms\x} → {@code SOFS1}. */
    static Optional<String> smbServer(String path) {
        if (path == null || !path.startsWith("\\\\")) {
            return Optional.empty();
        }
        String rest = path.substring(2);
        int slash = rest.indexOf('\\');
        String server = slash < 0 ? rest : rest.substring(0, slash);
        return server.isEmpty() ? Optional.empty() : Optional.of(server);
    }
}
