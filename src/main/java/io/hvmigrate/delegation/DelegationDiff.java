package io.hvmigrate.delegation;

import io.hvmigrate.check.DelegationRules;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import io.hvmigrate.powershell.DelegationScripts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a delegation matrix with the directory as discovery read it and works out the minimal change: only values
 * the directory lacks are added, nothing the matrix does not know about is removed, and entries that cannot do
 * anything (the folklore SPN, Scale-Out File Server nodes) are removed only when asked. Pure: it reads facts only.
 */
public final class DelegationDiff {

    /**
     * What to compute.
     *
     * @param prune   remove the entries that do nothing
     * @param fixAuth set live-migration authentication to Kerberos on the hosts that use CredSSP
     * @param clearUnconstrained clear unconstrained delegation (TRUSTED_FOR_DELEGATION) on the sources that have it
     */
    public record Options(DelegationMode mode, boolean prune, boolean fixAuth, boolean clearUnconstrained) {
        public Options(DelegationMode mode, boolean prune, boolean fixAuth) {
            this(mode, prune, fixAuth, false);
        }
    }

    private final Facts facts;
    private final Options options;

    public DelegationDiff(Facts facts, Options options) {
        this.facts = facts;
        this.options = options;
    }

    public ChangeSet diff(DelegationMatrix matrix) {
        Work w = new Work();
        matrix.notes().forEach(n -> w.notes.add(new Note("delegation.sofs-node-path", "", n, null)));
        switch (options.mode()) {
            case CONSTRAINED -> constrained(matrix, w);
            case RESOURCE_BASED -> resourceBased(matrix, w);
        }
        for (Computer src : matrix.sources()) {
            facts.directory().computer(src.name()).ifPresent(a -> {
                useless(src, a, matrix, w);
                unconstrained(src, a, w);
            });
        }
        authentication(matrix, w);
        List<DirectoryChange> changes = new ArrayList<>(w.changes);
        if (options.prune()) {
            changes.addAll(w.removable);
        }
        return new ChangeSet(options.mode(), changes, w.removable, w.useKerberos, List.copyOf(w.purge.values()), w.notes,
                w.needed, w.present);
    }

    private static final class Work {
        final List<DirectoryChange> changes = new ArrayList<>();
        final List<DirectoryChange.RemoveDelegateTo> removable = new ArrayList<>();
        final List<Computer> useKerberos = new ArrayList<>();
        final Map<String, Computer> purge = new LinkedHashMap<>();
        final List<Note> notes = new ArrayList<>();
        int needed;
        int present;

        void note(Note n) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
    }

    // ---- classic constrained delegation -----------------------------------------------------------------------------

    private void constrained(DelegationMatrix matrix, Work w) {
        for (Computer src : matrix.sources()) {
            Optional<Facts.ComputerAccount> acct = facts.directory().computer(src.name());
            if (acct.isEmpty()) {
                w.note(missingAccount(src));
                continue;
            }
            Facts.ComputerAccount a = acct.get();
            Map<String, String> wanted = new LinkedHashMap<>();
            for (Grant g : matrix.from(src)) {
                if (crossesDomains(src, g.target())) {
                    w.note(new Note("delegation.cross-domain", src.name(), src.name() + " (" + src.domain() + ") → "
                            + g.target().name() + " (" + g.target().domain() + "): classic constrained delegation cannot "
                            + "cross domains; resource-based delegation on " + g.target().name() + " can",
                            "hvmigrate delegation apply --mode resource-based"));
                    continue;
                }
                wanted.putIfAbsent(g.spn().toLowerCase(Locale.ROOT), g.spn());
            }
            List<String> missing = wanted.values().stream().filter(s -> !DelegationRules.holds(a.allowedToDelegateTo(), s)).toList();
            w.needed += wanted.size();
            w.present += wanted.size() - missing.size();
            if (!missing.isEmpty()) {
                w.changes.add(new DirectoryChange.AddDelegateTo(src, a.samAccountName(), src.domain(), missing));
                w.purge.putIfAbsent(Names.key(src.name()), src);
            }
            if (!wanted.isEmpty() && !a.trustedToAuthForDelegation()) {
                w.changes.add(new DirectoryChange.AllowProtocolTransition(src, a.samAccountName(), src.domain()));
                w.purge.putIfAbsent(Names.key(src.name()), src);
            }
        }
    }

    private static boolean crossesDomains(Computer a, Computer b) {
        return a.domain() != null && b.domain() != null && !Names.same(a.domain(), b.domain());
    }

    private static Note missingAccount(Computer c) {
        return new Note("delegation.account", c.name(), "the directory has no computer account for " + c.name()
                + ": nothing can be delegated " + (c.kind() == Computer.Kind.HOST ? "from" : "to") + " it", null);
    }

    // ---- resource-based constrained delegation ----------------------------------------------------------------------

    private void resourceBased(DelegationMatrix matrix, Work w) {
        Map<String, Computer> targets = new LinkedHashMap<>();
        Map<String, Set<Computer>> sourcesOf = new LinkedHashMap<>();
        for (Grant g : matrix.grants()) {
            targets.putIfAbsent(Names.key(g.target().name()), g.target());
            sourcesOf.computeIfAbsent(Names.key(g.target().name()), k -> new LinkedHashSet<>()).add(g.source());
        }
        for (Map.Entry<String, Computer> e : targets.entrySet()) {
            Computer target = e.getValue();
            Optional<Facts.ComputerAccount> acct = facts.directory().computer(target.name());
            if (acct.isEmpty()) {
                w.note(missingAccount(target));
                continue;
            }
            List<DirectoryChange.Principal> missing = new ArrayList<>();
            Set<Computer> sources = sourcesOf.get(e.getKey());
            for (Computer src : sources) {
                if (acct.get().allowedToActOnBehalfOf().stream().noneMatch(p -> names(p, src))) {
                    String sam = facts.directory().computer(src.name()).map(Facts.ComputerAccount::samAccountName)
                            .orElse(src.netbios() == null ? null : src.netbios() + "$");
                    if (sam == null) {
                        w.note(missingAccount(src));
                        continue;
                    }
                    missing.add(new DirectoryChange.Principal(src, sam));
                }
            }
            w.needed += sources.size();
            w.present += sources.size() - missing.size();
            if (!missing.isEmpty()) {
                w.changes.add(new DirectoryChange.AddPrincipals(target, acct.get().samAccountName(), target.domain(), missing));
                missing.forEach(p -> w.purge.putIfAbsent(Names.key(p.computer().name()), p.computer()));
            }
        }
    }

    /**
     * Whether a principal as the directory reports it names the computer: {@code CN=HV-S1,OU=…} (what Windows
     * returns), {@code LAB\HV-S1$}, {@code HV-S1$} or {@code HV-S1}. Names are compared without their domain.
     */
    static boolean names(String principal, Computer c) {
        String p = principal.trim();
        if (p.regionMatches(true, 0, "CN=", 0, 3)) {
            int end = p.length();
            for (int i = 3; i < p.length(); i++) {
                if (p.charAt(i) == '\\') {
                    i++;
                } else if (p.charAt(i) == ',') {
                    end = i;
                    break;
                }
            }
            p = p.substring(3, end).replace("\\", "");
        }
        int slash = p.indexOf('\\');
        if (slash >= 0) {
            p = p.substring(slash + 1);
        }
        if (p.endsWith("$")) {
            p = p.substring(0, p.length() - 1);
        }
        return Names.same(p, c.netbios()) || Names.same(p, c.name()) || Names.same(p, c.fqdn())
                || (c.fqdn() != null && Names.same(p, Names.netbiosOf(c.fqdn())));
    }

    // ---- entries that do nothing, and risks -------------------------------------------------------------------------

    private void useless(Computer src, Facts.ComputerAccount a, DelegationMatrix matrix, Work w) {
        // never call useless what the matrix itself asks for (a VM whose paths name a SOFS node needs that node's cifs)
        Set<String> granted = new LinkedHashSet<>();
        matrix.from(src).forEach(g -> granted.add(g.spn().toLowerCase(Locale.ROOT)));
        List<String> folklore = new ArrayList<>();
        List<String> sofsNodes = new ArrayList<>();
        Set<String> nodes = new LinkedHashSet<>();
        Map<String, String> accessPointOf = new LinkedHashMap<>();
        for (Facts.FileServerFacts f : facts.fileServers()) {
            if (f.kind() == Inventory.FileServerKind.SOFS) {
                f.nodes().forEach(n -> {
                    nodes.add(n);
                    accessPointOf.put(Names.key(Names.netbiosOf(n)), f.name());
                });
            }
        }
        for (String spn : a.allowedToDelegateTo()) {
            int slash = spn.indexOf('/');
            if (slash <= 0 || granted.contains(spn.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String service = spn.substring(0, slash);
            String host = DelegationMatrix.hostPart(spn);
            if (service.equalsIgnoreCase(DelegationRules.FOLKLORE_SERVICE)) {
                folklore.add(spn);
            } else if (service.equalsIgnoreCase("cifs") && nodes.stream().anyMatch(n -> DelegationMatrix.sameHost(n, host))) {
                sofsNodes.add(spn);
            }
        }
        if (!folklore.isEmpty()) {
            w.removable.add(new DirectoryChange.RemoveDelegateTo(src, a.samAccountName(), src.domain(), folklore,
                    "no service registers \"" + DelegationRules.FOLKLORE_SERVICE + "\"; Hyper-V's is \""
                    + DelegationRules.MIGRATION_SERVICE + "\""));
        }
        if (!sofsNodes.isEmpty()) {
            Set<String> aps = new LinkedHashSet<>();
            sofsNodes.forEach(s -> aps.add(accessPointOf.getOrDefault(Names.key(Names.netbiosOf(DelegationMatrix.hostPart(s))), "?")));
            w.removable.add(new DirectoryChange.RemoveDelegateTo(src, a.samAccountName(), src.domain(), sofsNodes,
                    "Scale-Out File Server nodes: SMB clients ask for the access point (" + String.join(", ", aps) + "), not a node"));
        }
    }

    private void unconstrained(Computer src, Facts.ComputerAccount a, Work w) {
        if (a.trustedForDelegation() && options.clearUnconstrained()) {
            w.changes.add(new DirectoryChange.StopUnconstrained(src, a.samAccountName(), src.domain()));
        } else if (a.trustedForDelegation()) {
            w.note(new Note("delegation.unconstrained", a.samAccountName(), src.name() + " is trusted for unconstrained "
                    + "delegation (TRUSTED_FOR_DELEGATION): any service it runs can act as any user anywhere; live migration "
                    + "needs constrained delegation only. hvmigrate leaves it as is unless asked: other services may rely on it",
                    DelegationScripts.stopUnconstrainedDelegation(a.samAccountName(), src.domain())
                    + "  (or: hvmigrate delegation apply --clear-unconstrained)"));
        }
    }

    // ---- live-migration authentication -----------------------------------------------------------------------------

    private void authentication(DelegationMatrix matrix, Work w) {
        Map<String, Computer> hosts = new LinkedHashMap<>();
        matrix.sources().forEach(s -> hosts.putIfAbsent(Names.key(s.name()), s));
        matrix.grants().stream().map(Grant::target).filter(t -> t.kind() == Computer.Kind.HOST)
                .forEach(t -> hosts.putIfAbsent(Names.key(t.name()), t));
        for (Computer c : hosts.values()) {
            Optional<Facts.HostFacts> h = facts.host(c.name());
            if (h.isEmpty() || h.get().migration().authenticationType() != Facts.AuthType.CREDSSP) {
                continue;
            }
            if (options.fixAuth()) {
                w.useKerberos.add(c);
            } else {
                w.note(new Note("auth.credssp", c.name(), c.name() + " authenticates live migrations with CredSSP, which "
                        + "cannot carry an engine-driven move; delegation helps only once it uses Kerberos",
                        DelegationScripts.useKerberos(c.address()) + "  (or: hvmigrate delegation apply --fix-auth)"));
            }
        }
    }
}
