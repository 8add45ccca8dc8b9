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
 */
public final class PowerShellDirectory implements Directory {

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
        return new DirectoryBackend() {
            @Override
            public Directory through(String managementHost) {
                return new PowerShellDirectory(hosts, managementHost, limit);
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
        List<DirectoryAccount> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i += StepScripts.DIRECTORY_BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + StepScripts.DIRECTORY_BATCH));
            for (JsonNode a : run(StepScripts.discoverDirectory(batch))) {
                if (a.has("missing")) {
                    continue;
                }
                out.add(new DirectoryAccount(a.path("name").asText(), a.path("sam").asText(), null, null, StepResult.strings(a.path("spn")),
                        StepResult.strings(a.path("a2d")), a.path("uac").asLong(), StepResult.strings(a.path("rbcd"))));
            }
        }
        return out;
    }

    @Override
    public List<DomainInfo> domains() {
        return List.of();
    }

    @Override
    public List<TrustInfo> trusts() {
        return List.of();
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

    private JsonNode run(StepScript s) throws DirectoryException {
        StepResult r;
        try {
            r = hosts.run(via, s, limit, true);
        } catch (TransportException e) {
            throw new DirectoryException(via + ": " + e.getMessage(), e);
        }
        return switch (r) {
            case StepResult.Ok ok -> ok.data();
            case StepResult.Failed f -> throw new DirectoryException(via + ": " + f.message());
            case StepResult.Unreadable u -> throw new DirectoryException(via + ": " + u.why());
        };
    }

}
