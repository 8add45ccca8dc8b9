package io.hvmigrate.check;

import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which Kerberos constrained delegation a host-to-host live migration needs on the SOURCE computer account
 * (hyperv-reference §2): {@code Microsoft Virtual System Migration Service/<destination>} always; {@code cifs/<destination>}
 * when storage moves with the VM; {@code cifs/<file server>} when the VM's files (or their destination) are on an SMB
 * share — for a Scale-Out File Server, its client access point, never its nodes. Each in FQDN and NetBIOS form: the form a
 * move names is the one the KDC is asked for; hvmigrate names destinations by FQDN, Failover Cluster Manager and
 * scripts often by NetBIOS name. Moves inside one cluster (S1, S2) need none: the cluster service moves the role.
 */
public final class DelegationRules {
    public static final String MIGRATION_SERVICE = "Microsoft Virtual System Migration Service";
    /** The SPN of 2012-era folklore, which no service registers: delegating it does nothing. */
    public static final String FOLKLORE_SERVICE = "Microsoft Virtual Machine Migration Service";

    private DelegationRules() {}

    /** One SPN the source must be allowed to delegate to, and whether the move names it in this form. */
    public record Required(String spn, String why, boolean formTheEngineUses) {}

    public static List<Required> required(PlannedMove m, Facts facts) {
        if (!(m.outcome() instanceof Classification.Planned p) || p.scenario().inCluster()) {
            return List.of();
        }
        List<Required> out = new ArrayList<>();
        Facts.HostFacts dst = m.destination();
        both(out, MIGRATION_SERVICE, dst.fqdn(), dst.netbios(), "live migration to " + dst.name());
        boolean storageMoves = p.storagePath() != null && !p.storagePath().isBlank();
        if (storageMoves && !isSmb(p.storagePath())) {
            both(out, "cifs", dst.fqdn(), dst.netbios(), "the VM's storage moves to " + dst.name());
        }
        Set<String> servers = new LinkedHashSet<>();
        if (m.vm() != null && p.scenario() == Scenario.S3) {
            smbServer(m.vm().path()).ifPresent(servers::add);
            m.vm().disks().forEach(d -> smbServer(d.path()).ifPresent(servers::add));
        }
        if (storageMoves) {
            smbServer(p.storagePath()).ifPresent(servers::add);
        }
        for (String server : servers) {
            Optional<Facts.FileServerFacts> fs = facts.fileServers().stream()
                    .filter(f -> Names.same(f.name(), server) || Names.same(f.fqdn(), server) || Names.same(f.netbios(), server))
                    .findFirst();
            String fqdn = fs.map(Facts.FileServerFacts::fqdn).orElse(server.contains(".") ? server : null);
            String netbios = fs.map(Facts.FileServerFacts::netbios).orElse(server.contains(".") ? server.substring(0, server.indexOf('.')).toUpperCase(Locale.ROOT) : server.toUpperCase(Locale.ROOT));
            boolean pathUsesFqdn = server.contains(".");
            String why = "the VM's files are on \\\\" + server + (fs.map(f -> f.kind() == io.hvmigrate.model.Inventory.FileServerKind.SOFS).orElse(false)
                    ? " (a Scale-Out File Server: its access point, not its nodes)" : "");
            if (fqdn != null) {
                out.add(new Required("cifs/" + fqdn, why, pathUsesFqdn));
            }
            out.add(new Required("cifs/" + netbios, why, !pathUsesFqdn));
        }
        return out;
    }

    private static void both(List<Required> out, String service, String fqdn, String netbios, String why) {
        if (fqdn != null) {
            out.add(new Required(service + "/" + fqdn, why, true));
        }
        if (netbios != null) {
            out.add(new Required(service + "/" + netbios, why, fqdn == null));
        }
    }

    static boolean isSmb(String path) {
        return path != null && path.startsWith("\\\\");
    }

    /** The server of a UNC path: {@code \\SOFS1\vms\x} → {@code SOFS1}. */
    static Optional<String> smbServer(String path) {
        if (!isSmb(path)) {
            return Optional.empty();
        }
        String rest = path.substring(2);
        int slash = rest.indexOf('\\');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** Whether an msDS-AllowedToDelegateTo list holds an SPN (SPNs compare without regard to case). */
    public static boolean holds(List<String> allowed, String spn) {
        return allowed.stream().anyMatch(a -> a.equalsIgnoreCase(spn));
    }
}
