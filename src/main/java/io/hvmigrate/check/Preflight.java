package io.hvmigrate.check;

import io.hvmigrate.check.Finding.Severity;
import io.hvmigrate.model.Cidr;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proves, from the facts, that each planned move can succeed before anything is changed (hyperv-reference §2–§4):
 * live migration enabled and the same authentication type on both hosts, Kerberos (CredSSP explained and refused),
 * constrained delegation on the source account with the exact SPNs and protocol transition, the migration network
 * pin, and the destination's switches, configuration versions, processor and memory. Pure: it reads facts only.
 */
public final class Preflight {
    private final Facts facts;
    private final Playbook.Policy policy;
    private final Topology topology;

    public Preflight(Facts facts, Playbook.Policy policy) {
        this.facts = facts;
        this.policy = policy;
        this.topology = new Topology(facts);
    }

    /** The findings of a plan: per move, then per host (each host-wide finding once). */
    public Report check(Plan plan) {
        List<Finding> out = new ArrayList<>();
        Map<String, Finding> hostWide = new LinkedHashMap<>();
        StorageCapacityCheck capacity = new StorageCapacityCheck(topology);
        for (PlannedMove m : plan.moves()) {
            if (m.outcome() instanceof Classification.Planned p) {
                checkMove(m, p, out, hostWide);
                MediaCheck.check(m, topology, out);
                capacity.check(m, p, out);
            }
        }
        out.addAll(hostWide.values());
        return new Report(out);
    }

    private void checkMove(PlannedMove m, Classification.Planned p, List<Finding> out, Map<String, Finding> hostWide) {
        HostFacts src = m.source();
        HostFacts dst = m.destination();
        if (!p.scenario().inCluster()) {
            migrationSettings(m, src, dst, out);
            delegation(m, src, out, hostWide);
            network(m, src, dst, out, hostWide);
        }
        compatibility(m, dst, out);
    }

    // ---- authentication -------------------------------------------------------------------------------------------

    private void migrationSettings(PlannedMove m, HostFacts src, HostFacts dst, List<Finding> out) {
        for (HostFacts h : List.of(src, dst)) {
            if (!h.migration().enabled()) {
                out.add(new Finding("migration.enabled", Severity.BLOCKING, m.id(), h.name(),
                        "live migration is not enabled on " + h.name(),
                        List.of(h.name() + ": Get-VMHost VirtualMachineMigrationEnabled = False"),
                        "Enable-VMMigration -ComputerName " + h.name()));
            }
        }
        Facts.AuthType a = src.migration().authenticationType();
        Facts.AuthType b = dst.migration().authenticationType();
        List<String> evidence = List.of(src.name() + ": VirtualMachineMigrationAuthenticationType = " + label(a),
                dst.name() + ": VirtualMachineMigrationAuthenticationType = " + label(b));
        if (a != b) {
            out.add(new Finding("auth.mismatch", Severity.BLOCKING, m.id(), src.name() + "," + dst.name(),
                    "the hosts use different live-migration authentication types; both must use the same",
                    evidence, "Set-VMHost -ComputerName " + (a == Facts.AuthType.CREDSSP ? src.name() : dst.name())
                    + " -VirtualMachineMigrationAuthenticationType Kerberos"));
        }
        if (policy.authentication() == Playbook.Authentication.CREDSSP || a == Facts.AuthType.CREDSSP || b == Facts.AuthType.CREDSSP) {
            boolean guard = src.credentialGuard();
            out.add(new Finding("auth.credssp", Severity.BLOCKING, m.id(), src.name(),
                    "CredSSP cannot carry an engine-driven move: it needs an interactive logon on the source (a WinRM session "
                    + "has none, and Move-VM fails with 0x8009030E), it is single-hop"
                    + (guard ? ", and Credential Guard, enabled on " + src.name() + ", blocks it" : "")
                    + "; use Kerberos with constrained delegation",
                    evidence, "Set-VMHost -ComputerName " + src.name() + "," + dst.name()
                    + " -VirtualMachineMigrationAuthenticationType Kerberos; then hvmigrate delegation apply"));
        }
    }

    private static String label(Facts.AuthType t) {
        return t == Facts.AuthType.KERBEROS ? "Kerberos" : "CredSSP";
    }

    // ---- delegation ------------------------------------------------------------------------------------------------

    /**
     * The directory was to be read through a host's ActiveDirectory module and that host could not reach a DC: from a
     * WinRM session that is a second hop (Microsoft, "Making the second hop in PowerShell Remoting", PowerShell-Docs
     * reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md: "the credentials you used to create the
     * PowerShell Remoting session aren't passed from ServerB to ServerC"). The fix reads the directory without one:
     * over LDAP from hvmigrate's own host, or through a management host that is a DC.
     */
    private Finding secondHop(HostFacts src) {
        String via = facts.directory().source();
        String domain = facts.host(via).map(HostFacts::domain).filter(d -> d != null && !d.isBlank())
                .orElse(src.domain() == null || src.domain().isBlank() ? "example.com" : src.domain())
                .toLowerCase(java.util.Locale.ROOT);
        String realm = domain.toUpperCase(java.util.Locale.ROOT);
        return new Finding("directory.second-hop", Severity.BLOCKING, null, via,
                "second hop: the directory was read through the ActiveDirectory module on " + via + ", which could not "
                + "reach a domain controller from hvmigrate's WinRM session (its credentials are not passed on from "
                + via + " to the DC), so the delegation moves between hosts need cannot be checked",
                List.of(facts.directory().secondHop()),
                "read the directory over LDAP from hvmigrate's own host: add to the inventory\n"
                + "  directory:\n"
                + "    kind: ldap\n"
                + "    domain: " + domain + "   # its DCs as DNS names them (_ldap._tcp.dc._msdcs." + domain + ")\n"
                + "    bind:\n"
                + "      kerberos:\n"
                + "        principal: svc-hvmigrate@" + realm + "   # the account hvmigrate runs as\n"
                + "or name a management host that is a domain controller of " + domain + ": `directory: {via: HOST}` "
                + "in the inventory (delegation commands: --via HOST); then check again");
    }

    private void delegation(PlannedMove m, HostFacts src, List<Finding> out, Map<String, Finding> hostWide) {
        if (facts.directory().computers().isEmpty() && facts.directory().secondHop() != null) {
            hostWide.putIfAbsent("directory", secondHop(src));
            return;
        }
        if (facts.directory().computers().isEmpty()) {
            // a move between hosts is carried out by the source on the engine's behalf: without the directory nothing
            // proves it may delegate, and the move would fail in the window rather than here
            hostWide.putIfAbsent("directory", new Finding("delegation.unknown", Severity.BLOCKING, null, src.name(),
                    "the directory was not read, so the delegation moves between hosts need cannot be checked",
                    List.of("no computer accounts in the facts" + (facts.directory().source() != null
                            ? " (read through " + facts.directory().source() + ")" : "")),
                    "let hvmigrate read the directory: without a `directory:` block it reads it over LDAP from its own host"
                            + " (the DCs DNS names for the hosts' domain, _ldap._tcp.dc._msdcs.<domain>, bound by Kerberos as the"
                            + " hosts' account; the 'could not read' line says why that failed; --set directory.dns=HOST names the"
                            + " DNS server), or write one: `directory: {kind: ldap, url: …, bind: …}`, or `directory: {via: HOST}`"
                            + " naming a domain controller; then check again"));
            return;
        }
        Optional<Facts.ComputerAccount> acct = facts.directory().computer(src.name());
        if (acct.isEmpty()) {
            out.add(new Finding("delegation.account", Severity.BLOCKING, m.id(), src.name(),
                    "the directory has no computer account for " + src.name(),
                    List.of("Get-ADComputer " + src.netbios() + ": not found"), null));
            return;
        }
        Facts.ComputerAccount a = acct.get();
        DelegationState.check(m, src, a, facts, out, hostWide, policy == null || policy.purgeStaleTickets());
        if (CrossDomainDelegation.check(m, facts, out)) {
            hostFindings(src, a, hostWide);
            return;
        }
        List<String> allowed = a.allowedToDelegateTo();
        String evidence = facts.directory().label() + ": " + a.samAccountName() + " msDS-AllowedToDelegateTo = "
                + (allowed.isEmpty() ? "(empty)" : String.join("; ", allowed));
        List<DelegationRules.Required> required = DelegationRules.required(m, facts);
        List<String> missingBlocking = new ArrayList<>();
        List<String> missingOther = new ArrayList<>();
        for (DelegationRules.Required r : required) {
            if (!DelegationRules.holds(allowed, r.spn())) {
                (r.formTheEngineUses() ? missingBlocking : missingOther).add(r.spn());
            }
        }
        if (!missingBlocking.isEmpty()) {
            out.add(new Finding("delegation.missing", Severity.BLOCKING, m.id(), src.name(),
                    src.name() + " may not delegate to " + String.join(", ", missingBlocking),
                    List.of(evidence), addSpns(src, missingBlocking, missingOther)));
        } else if (!missingOther.isEmpty()) {
            out.add(new Finding("delegation.name-form", Severity.WARNING, m.id(), src.name(),
                    src.name() + " lacks the other name form of its delegation entries: " + String.join(", ", missingOther)
                    + " (moves that name the host that way, e.g. from Failover Cluster Manager, would fail)",
                    List.of(evidence), addSpns(src, missingOther, List.of())));
        }
        if (!required.isEmpty() && !a.trustedToAuthForDelegation()) {
            out.add(new Finding("delegation.protocol-transition", Severity.BLOCKING, m.id(), src.name(),
                    src.name() + " delegates with \"Kerberos only\": a move started over WinRM needs \"use any authentication "
                    + "protocol\" (protocol transition, TRUSTED_TO_AUTH_FOR_DELEGATION) on Windows Server 2016 and later",
                    List.of(facts.directory().label() + ": " + a.samAccountName() + " userAccountControl lacks TRUSTED_TO_AUTH_FOR_DELEGATION"),
                    "Set-ADAccountControl -Identity '" + a.samAccountName() + "' -TrustedToAuthForDelegation $true; "
                    + "then klist purge -li 0x3e7 on " + src.name()));
        }
        hostFindings(src, a, hostWide);
    }

    private void hostFindings(HostFacts src, Facts.ComputerAccount a, Map<String, Finding> hostWide) {
        List<String> folklore = a.allowedToDelegateTo().stream()
                .filter(s -> s.regionMatches(true, 0, DelegationRules.FOLKLORE_SERVICE + "/", 0, DelegationRules.FOLKLORE_SERVICE.length() + 1))
                .toList();
        if (!folklore.isEmpty()) {
            hostWide.putIfAbsent("folklore:" + src.name(), new Finding("delegation.useless-entry", Severity.WARNING, null, src.name(),
                    "entries for \"" + DelegationRules.FOLKLORE_SERVICE + "\" do nothing: the service is \""
                    + DelegationRules.MIGRATION_SERVICE + "\"",
                    List.of(facts.directory().label() + ": " + a.samAccountName() + " msDS-AllowedToDelegateTo has " + String.join("; ", folklore)),
                    "Set-ADComputer -Identity " + src.netbios() + " -Remove @{'msDS-AllowedToDelegateTo'=@("
                    + String.join(",", folklore.stream().map(Preflight::quote).toList()) + ")}"));
        }
        Set<String> nodeNames = new LinkedHashSet<>();
        facts.fileServers().stream().filter(f -> f.kind() == io.hvmigrate.model.Inventory.FileServerKind.SOFS)
                .forEach(f -> f.nodes().forEach(n -> nodeNames.add(n.toLowerCase(java.util.Locale.ROOT))));
        List<String> toNodes = a.allowedToDelegateTo().stream().filter(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("cifs/"))
                .filter(s -> nodeNames.contains(s.substring(5).split("\\.")[0].toLowerCase(java.util.Locale.ROOT))).toList();
        if (!toNodes.isEmpty()) {
            hostWide.putIfAbsent("sofs-nodes:" + src.name(), new Finding("delegation.sofs-nodes", Severity.WARNING, null, src.name(),
                    "delegation names Scale-Out File Server nodes; SMB clients ask for the access point's name, so these entries do not help",
                    List.of(facts.directory().label() + ": " + a.samAccountName() + " msDS-AllowedToDelegateTo has " + String.join("; ", toNodes)),
                    "hvmigrate delegation apply (adds cifs/<access point>)"));
        }
        if (a.trustedForDelegation()) {
            hostWide.putIfAbsent("unconstrained:" + src.name(), new Finding("delegation.unconstrained", Severity.WARNING, null, src.name(),
                    src.name() + " is trusted for unconstrained delegation: any service it runs can act as any user anywhere; "
                    + "constrained delegation is all live migration needs",
                    List.of(facts.directory().label() + ": " + a.samAccountName() + " userAccountControl has TRUSTED_FOR_DELEGATION"),
                    "Set-ADAccountControl -Identity '" + a.samAccountName() + "' -TrustedForDelegation $false"));
        }
    }

    private static String addSpns(HostFacts src, List<String> spns, List<String> also) {
        List<String> all = new ArrayList<>(spns);
        also.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return "Set-ADComputer -Identity " + src.netbios() + " -Add @{'msDS-AllowedToDelegateTo'=@("
                + String.join(",", all.stream().map(Preflight::quote).toList()) + ")}; then klist purge -li 0x3e7 on " + src.name()
                + " (or hvmigrate delegation apply)";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    // ---- network pin -----------------------------------------------------------------------------------------------

    private void network(PlannedMove m, HostFacts src, HostFacts dst, List<Finding> out, Map<String, Finding> hostWide) {
        Cidr pin = policy.migrationNetwork();
        for (HostFacts h : List.of(src, dst)) {
            if (h.migration().useAnyNetwork()) {
                hostWide.putIfAbsent("any-network:" + h.name(), new Finding("network.any", Severity.WARNING,
                        null, h.name(), h.name() + " accepts live migrations on any network (UseAnyNetworkForMigration = True)",
                        List.of(h.name() + ": Get-VMHost UseAnyNetworkForMigration = True"),
                        pin == null ? "hvmigrate network pin --subnet <CIDR> " + h.name()
                                : "hvmigrate network pin --subnet " + pin.text() + " " + h.name()));
            }
        }
        if (pin == null) {
            return;
        }
        if (src.addresses().stream().noneMatch(pin::contains)) {
            out.add(new Finding("network.source-address", Severity.BLOCKING, m.id(), src.name(),
                    src.name() + " has no address in the pinned migration network " + pin.text(),
                    List.of(src.name() + ": Get-NetIPAddress = " + String.join(", ", src.addresses())),
                    "give " + src.name() + " an address in " + pin.text() + " or change the playbook's migrationNetwork"));
        }
        boolean listed = dst.migrationNetworks().stream().anyMatch(n -> sameSubnet(n.subnet(), pin));
        if (!dst.migration().useAnyNetwork() && !listed) {
            out.add(new Finding("network.destination", Severity.BLOCKING, m.id(), dst.name(),
                    dst.name() + " accepts live migrations only on its migration networks, and " + pin.text() + " is not one of them",
                    List.of(dst.name() + ": Get-VMMigrationNetwork = " + dst.migrationNetworks().stream().map(Facts.MigrationNetwork::subnet).toList()),
                    "hvmigrate network pin --subnet " + pin.text() + " " + dst.name()));
        } else if (dst.migration().useAnyNetwork() && !listed) {
            out.add(new Finding("network.not-pinned", Severity.WARNING, m.id(), dst.name(),
                    dst.name() + " does not list " + pin.text() + " as a migration network; the move may use another network",
                    List.of(dst.name() + ": UseAnyNetworkForMigration = True, Get-VMMigrationNetwork = "
                            + dst.migrationNetworks().stream().map(Facts.MigrationNetwork::subnet).toList()),
                    "hvmigrate network pin --subnet " + pin.text() + " " + dst.name()));
        }
    }

    private static boolean sameSubnet(String subnet, Cidr pin) {
        try {
            return Cidr.parse(subnet).sameAs(pin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- compatibility ---------------------------------------------------------------------------------------------

    private void compatibility(PlannedMove m, HostFacts dst, List<Finding> out) {
        Facts.VmFacts vm = m.vm();
        if (vm == null) {
            return;
        }
        if (!dst.supportedVersions().isEmpty() && vm.version() != null && !vm.version().isBlank()
                && !dst.supportedVersions().contains(vm.version())) {
            out.add(new Finding("vm.version", Severity.BLOCKING, m.id(), dst.name(),
                    "configuration version " + vm.version() + " of " + vm.name() + " is not supported on " + dst.name(),
                    List.of(dst.name() + ": Get-VMHostSupportedVersion = " + dst.supportedVersions()),
                    "Update-VMVersion on a host that supports both, or choose another destination"));
        }
        List<String> missing = vm.switches().stream().filter(s -> dst.switches().stream().noneMatch(d -> d.equalsIgnoreCase(s))).toList();
        if (!missing.isEmpty()) {
            out.add(new Finding("vm.switch", Severity.BLOCKING, m.id(), dst.name(),
                    dst.name() + " has no virtual switch named " + String.join(", ", missing),
                    List.of(dst.name() + ": Get-VMSwitch = " + dst.switches()),
                    "New-VMSwitch -Name '" + missing.getFirst() + "' … on " + dst.name() + ", or rename the switch to match"));
        }
        if (dst.memory() != null && dst.memory().availableBytes() > 0 && vm.memoryBytes() > dst.memory().availableBytes()) {
            out.add(new Finding("vm.memory", Severity.BLOCKING, m.id(), dst.name(),
                    dst.name() + " has " + gib(dst.memory().availableBytes()) + " free, " + vm.name() + " needs " + gib(vm.memoryBytes()),
                    List.of(dst.name() + ": Win32_OperatingSystem FreePhysicalMemory"), "free memory on " + dst.name() + " or choose another destination"));
        }
        Facts.HostFacts src = m.source();
        if (src.processor() != null && dst.processor() != null && !src.processor().vendor().isBlank()
                && !dst.processor().vendor().isBlank() && !src.processor().vendor().equalsIgnoreCase(dst.processor().vendor())) {
            out.add(new Finding("vm.processor", Severity.BLOCKING, m.id(), dst.name(),
                    "processors from different vendors (" + src.processor().vendor() + " → " + dst.processor().vendor()
                    + "): a running VM cannot move between them",
                    List.of(src.name() + ": " + src.processor().vendor(), dst.name() + ": " + dst.processor().vendor()),
                    "shut the VM down and move it, or choose a destination with the same vendor"));
        }
        if (!"Running".equalsIgnoreCase(vm.state())) {
            out.add(new Finding("vm.state", Severity.INFO, m.id(), m.source().name(),
                    vm.name() + " is " + vm.state() + ": it moves without a live migration", List.of(m.source().name() + ": Get-VM State = " + vm.state()), null));
        }
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / 1073741824.0);
    }
}
