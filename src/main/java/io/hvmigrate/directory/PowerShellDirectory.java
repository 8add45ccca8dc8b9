package io.hvmigrate.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.model.Names;
import io.hvmigrate.powershell.DelegationScripts;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory through the ActiveDirectory cmdlets (Get-ADComputer, Set-ADComputer, Set-ADAccountControl) of one
 * management host over WinRM. Every script reads before it writes.
 *
 * <p>The cmdlets talk to AD Web Services on a domain controller. Unless the management host is itself a DC, that is a
 * second hop: Microsoft, "Making the second hop in PowerShell Remoting" (PowerShell-Docs,
 * reference/docs-conceptual/security/remoting/PS-remoting-second-hop.md): "Access to the resource on ServerC is
 * denied, because the credentials you used to create the PowerShell Remoting session aren't passed from ServerB to
 * ServerC." hvmigrate's WinRM logons (Kerberos, NTLM) carry nothing to pass on, and the module then reports the DC
 * as unreachable ({@link #SECOND_HOP}). A read that finds nothing but that error is a {@link
 * DirectoryException#isSecondHop() second hop}, not an empty directory.
 */
public final class PowerShellDirectory implements Directory {

    /**
     * What the ActiveDirectory module says when it cannot use AD Web Services on a DC: ADServerDownException "Unable
     * to contact the server. This may be because this server does not exist, it is currently down, or it does not
     * have the Active Directory Web Services running." (or, finding no DC, "Unable to find a default server with Active
     * Directory Web Services running."). These are the texts administrators report; Microsoft's documentation does not
     * print them.
     */
    static final java.util.regex.Pattern SECOND_HOP = java.util.regex.Pattern.compile(
            "Unable to contact the server|Unable to find a default server with Active Directory Web Services");

    private final HostConnections hosts;
    private final String via;
    private final Duration limit;

    public PowerShellDirectory(HostConnections hosts, String via, Duration limit) {
        this.hosts = hosts;
        this.via = via;
        this.limit = limit;
    }

    /** The backend: each use goes through the management host it is given. */
    public static DirectoryBackend backend(HostConnections hosts, Duration limit) {
        return backend(hosts, limit, null);
    }

    /** The backend: every use goes through {@code via} when set (the inventory's management host), else the one given. */
    public static DirectoryBackend backend(HostConnections hosts, Duration limit, String via) {
        return new DirectoryBackend() {
            @Override
            public Directory through(String managementHost) {
                return new PowerShellDirectory(hosts, via != null ? via : managementHost, limit);
            }

            @Override
            public boolean needsManagementHost() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public String where() {
        return via;
    }

    @Override
    public List<DirectoryAccount> computers(List<String> names) throws DirectoryException {
        return read(names.stream().map(n -> new AccountRef(n, null)).toList(), List.of(), List.of()).computers();
    }

    @Override
    public List<DomainInfo> domains() throws DirectoryException {
        return read(List.of(), List.of(), List.of()).domains();
    }

    @Override
    public List<TrustInfo> trusts() throws DirectoryException {
        return read(List.of(), List.of(), List.of()).trusts();
    }

    @Override
    public List<UserInfo> users(List<AccountRef> users) throws DirectoryException {
        return read(List.of(), users, List.of()).users();
    }

    /**
     * One round trip while everything fits one script (&lt; 2,000 characters), more for large fleets: computer
     * accounts grouped by domain and looked up with {@code -Server <domain>} (Get-ADComputer searches one domain), the
     * users likewise, and Get-ADDomain and Get-ADTrust -Filter * for each domain (the management host's own when none
     * is named).
     */
    @Override
    public Snapshot read(List<AccountRef> computers, List<AccountRef> users, List<String> domains) throws DirectoryException {
        List<String> ds = domains.isEmpty() ? List.of("") : domains;
        List<DirectoryAccount> accounts = new ArrayList<>();
        List<UserInfo> userInfos = new ArrayList<>();
        List<DomainInfo> domainInfos = new ArrayList<>();
        List<TrustInfo> trustInfos = new ArrayList<>();
        int i = 0;
        boolean first = true;
        boolean readAny = false;
        String unreachable = null;
        while (first || i < computers.size()) {
            List<Map<String, Object>> u = first ? grouped(users, false) : List.of();
            List<String> d = first ? ds.stream().filter(x -> !x.isEmpty()).toList() : List.of();
            boolean ownDomain = first && domains.isEmpty();
            int end = i;
            StepScript script = script(List.of(), u, d, ownDomain);
            while (end < computers.size()) {
                try {
                    StepScript longer = script(grouped(computers.subList(i, end + 1), true), u, d, ownDomain);
                    script = longer;
                    end++;
                } catch (StepScript.TooLong e) {
                    if (end == i) {
                        throw e;
                    }
                    break;
                }
            }
            JsonNode data = run(script);
            for (String part : List.of("computers", "users", "domains")) {
                for (JsonNode a : data.path(part)) {
                    String missing = a.path("missing").asText(null);
                    if (missing == null) {
                        readAny = true;
                    } else if (unreachable == null && SECOND_HOP.matcher(missing).find()) {
                        unreachable = missing;
                    }
                }
            }
            for (JsonNode a : data.path("computers")) {
                if (!a.has("missing")) {
                    accounts.add(new DirectoryAccount(a.path("name").asText(), a.path("sam").asText(), null, null,
                            StepResult.strings(a.path("spn")), StepResult.strings(a.path("a2d")), a.path("uac").asLong(), StepResult.strings(a.path("rbcd")),
                            instant(a.path("changed").asText(null))));
                }
            }
            for (JsonNode a : data.path("users")) {
                if (!a.has("missing")) {
                    String asked = a.path("name").asText();
                    String domain = users.stream().filter(x -> x.name().equalsIgnoreCase(asked)).map(AccountRef::domain)
                            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    userInfos.add(new UserInfo(asked, a.path("sam").asText(), domain, a.path("nd").asBoolean(), StepResult.strings(a.path("mo"))));
                }
            }
            for (JsonNode dn : data.path("domains")) {
                if (dn.has("missing")) {
                    continue;
                }
                String name = dn.path("name").asText();
                domainInfos.add(new DomainInfo(name, dn.path("forest").asText(name)));
                for (JsonNode t : dn.path("trusts")) {
                    trustInfos.add(new TrustInfo(name, t.path("target").asText(), t.path("dir").asInt(),
                            t.path("type").asInt(), t.path("attr").asLong()));
                }
            }
            first = false;
            i = end;
        }
        if (!readAny && unreachable != null) {
            throw secondHop(unreachable.trim());
        }
        return new Snapshot(accounts, userInfos, domainInfos, trustInfos);
    }

    private static StepScript script(List<Map<String, Object>> computers, List<Map<String, Object>> users, List<String> domains,
                                     boolean ownDomain) {
        return StepScripts.readDirectory(computers, users, ownDomain ? List.of() : domains, ownDomain);
    }

    /** {@code @{s='lab.test';n=@('HV-S1','HV-S2')}} per domain (computers), or {@code @{s;n}} per user. */
    private static List<Map<String, Object>> grouped(List<AccountRef> refs, boolean byDomain) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!byDomain) {
            for (AccountRef r : refs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("s", r.domain() == null ? "" : r.domain());
                m.put("n", r.name());
                out.add(m);
            }
            return out;
        }
        Map<String, List<String>> by = new LinkedHashMap<>();
        refs.forEach(r -> by.computeIfAbsent(r.domain() == null ? "" : r.domain().toLowerCase(java.util.Locale.ROOT),
                k -> new ArrayList<>()).add(r.name()));
        by.forEach((domain, names) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("s", domain);
            m.put("n", List.copyOf(names));
            out.add(m);
        });
        return out;
    }

    private static java.time.Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public List<String> addDelegateTo(String account, String domain, List<String> spns) throws DirectoryException {
        List<String> out = new ArrayList<>();
        for (StepScript s : DelegationScripts.addSpnScripts(account, domain, spns)) {
            out.addAll(StepResult.strings(run(s).path("added")));
        }
        return out;
    }

    @Override
    public List<String> removeDelegateTo(String account, String domain, List<String> spns) throws DirectoryException {
        List<String> out = new ArrayList<>();
        for (StepScript s : DelegationScripts.removeSpnScripts(account, domain, spns)) {
            out.addAll(StepResult.strings(run(s).path("removed")));
        }
        return out;
    }

    @Override
    public boolean allowProtocolTransition(String account, String domain) throws DirectoryException {
        return !run(DelegationScripts.protocolTransitionScript(account, domain)).path("before").asBoolean(false);
    }

    @Override
    public boolean stopUnconstrained(String account, String domain) throws DirectoryException {
        return run(DelegationScripts.stopUnconstrainedScript(account, domain)).path("before").asBoolean(false);
    }

    @Override
    public boolean stopProtocolTransition(String account, String domain) throws DirectoryException {
        throw new DirectoryException("clearing TRUSTED_TO_AUTH_FOR_DELEGATION through " + via + " is left to a person: "
                + "Set-ADAccountControl -Identity '" + account + "' -TrustedToAuthForDelegation $false");
    }

    @Override
    public List<String> addPrincipals(String account, String domain, List<PrincipalRef> principals) throws DirectoryException {
        List<DelegationScripts.Principal> ps = principals.stream().map(p -> new DelegationScripts.Principal(p.account(), p.domain())).toList();
        List<String> out = new ArrayList<>();
        for (StepScript s : DelegationScripts.addPrincipalsScripts(account, domain, ps)) {
            JsonNode d = run(s);
            List<String> before = StepResult.strings(d.path("before"));
            StepResult.strings(d.path("after")).stream().filter(x -> before.stream().noneMatch(x::equalsIgnoreCase)).forEach(out::add);
        }
        return out;
    }

    @Override
    public Map<String, AccountEntry> accounts(String domain, List<String> accounts) throws DirectoryException {
        Map<String, AccountEntry> out = new LinkedHashMap<>();
        for (StepScript s : DelegationScripts.readAccountsScripts(domain, accounts)) {
            JsonNode list = run(s).path("accounts");
            for (JsonNode a : list.isArray() ? list : List.of(list)) {
                out.put(Names.key(a.path("account").asText()), new AccountEntry(a.path("account").asText(),
                        a.path("dn").asText(null), a.path("uac").asLong()));
            }
        }
        return out;
    }

    private DirectoryException secondHop(String error) {
        return DirectoryException.secondHop("the ActiveDirectory module on " + via + " could not reach a domain "
                + "controller (\"" + error + "\"): from a WinRM session that is a second hop, and the session's "
                + "credentials are not passed on from " + via + " to the DC; read the directory over LDAP from "
                + "hvmigrate's own host (inventory: directory: {kind: ldap, url: ldaps://DC:636, bind: …}), or through a "
                + "management host that is a domain controller (directory: {via: HOST}, or --via HOST)");
    }

    private JsonNode run(StepScript s) throws DirectoryException {
        StepResult r;
        try {
            r = hosts.run(via, s, limit, true);
        } catch (TransportException e) {
            throw new DirectoryException(via + ": " + e.getMessage(), e);
        }
        return switch (r) {
            case StepResult.Ok ok -> ok.data();
            case StepResult.Failed f -> throw SECOND_HOP.matcher(f.message()).find() ? secondHop(f.message())
                    : new DirectoryException(via + ": " + f.message());
            case StepResult.Unreadable u -> throw new DirectoryException(via + ": " + u.why());
        };
    }

}
