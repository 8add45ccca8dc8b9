package io.hvmigrate.powershell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PowerShell of Kerberos delegation changes (hyperv-reference §3.2–§3.3), in two forms: statements a person reads
 * and runs on a host with the ActiveDirectory module, and step scripts hvmigrate runs through a management host.
 *
 * <p>Every name and SPN is a single-quoted literal; where a script builds SPNs it joins two plain variables inside a
 * subexpression ({@code "$($s)/$($n)"}), never a member access in an expandable string ({@code "$h.DNSHostName"}
 * expands {@code $h} and appends the text ".DNSHostName"). The step scripts are idempotent: they read the attribute first
 * and add only what is absent, remove only what is present — the directory refuses to add a value it already holds.
 */
public final class DelegationScripts {
    private DelegationScripts() {}

    /** The attribute classic constrained delegation lives in (multi-valued, SPNs as stored). */
    static final String ALLOWED_TO_DELEGATE_TO = "msDS-AllowedToDelegateTo";

    // ---- statements for people -------------------------------------------------------------------------------------

    /** {@code Set-ADComputer -Identity 'HV-M1$' -Server 'lab.test' -Add @{'msDS-AllowedToDelegateTo'=@(...)}}. */
    public static String addAllowedToDelegateTo(String account, String server, List<String> spns) {
        return "Set-ADComputer -Identity " + PsLiteral.quote(account) + server(server) + " -Add "
                + PsLiteral.render(Map.of(ALLOWED_TO_DELEGATE_TO, List.copyOf(spns)));
    }

    /** {@code Set-ADComputer -Identity 'HV-M6$' -Remove @{'msDS-AllowedToDelegateTo'=@(...)}}. */
    public static String removeAllowedToDelegateTo(String account, String server, List<String> spns) {
        return "Set-ADComputer -Identity " + PsLiteral.quote(account) + server(server) + " -Remove "
                + PsLiteral.render(Map.of(ALLOWED_TO_DELEGATE_TO, List.copyOf(spns)));
    }

    /**
     * "Use any authentication protocol": Set-ADAccountControl sets TRUSTED_TO_AUTH_FOR_DELEGATION (Set-ADComputer has no
     * parameter for it).
     */
    public static String allowProtocolTransition(String account, String server) {
        return "Set-ADAccountControl -Identity " + PsLiteral.quote(account) + server(server) + " -TrustedToAuthForDelegation $true";
    }

    /** Clears TRUSTED_FOR_DELEGATION (unconstrained delegation): printed for a person, never run by hvmigrate. */
    public static String stopUnconstrainedDelegation(String account, String server) {
        return "Set-ADAccountControl -Identity " + PsLiteral.quote(account) + server(server) + " -TrustedForDelegation $false";
    }

    /** A comment line: control characters in the text become '?', so nothing a name holds can start a new line of code. */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder("# ");
        text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return b.toString();
    }

    /** One account that becomes a principal of resource-based delegation, and the domain it is read from. */
    public record Principal(String account, String domain) {}

    /**
     * Resource-based delegation on the destination, merged: -PrincipalsAllowedToDelegateToAccount replaces the whole
     * list, so the statements read the principals the account has and pass them back with the new ones.
     */
    public static String addPrincipals(String account, String server, List<Principal> principals) {
        StringBuilder b = new StringBuilder();
        b.append("$d=Get-ADComputer -Identity ").append(PsLiteral.quote(account)).append(server(server))
                .append(" -Properties PrincipalsAllowedToDelegateToAccount\n");
        b.append("$n=@()\n");
        byDomain(principals).forEach((domain, names) -> b.append("$n+=@(").append(PsLiteral.render(names))
                .append("|ForEach-Object { Get-ADComputer -Identity $_").append(server(domain)).append(" })\n"));
        b.append("Set-ADComputer -Identity $d").append(server(server))
                .append(" -PrincipalsAllowedToDelegateToAccount (@($d.PrincipalsAllowedToDelegateToAccount)+$n)");
        return b.toString();
    }

    /** Kerberos for live migration on a host, from a management workstation. */
    public static String useKerberos(String hostFqdn) {
        return "Set-VMHost -ComputerName " + PsLiteral.quote(hostFqdn) + " -VirtualMachineMigrationAuthenticationType Kerberos";
    }

    /** Drops the computer account's tickets on a host, so it asks the KDC again and sees the change now. */
    public static String purgeTickets(String hostFqdn) {
        return "Invoke-Command -ComputerName " + PsLiteral.quote(hostFqdn) + " -ScriptBlock { klist purge -li 0x3e7 }";
    }

    private static String server(String server) {
        return server == null || server.isBlank() ? "" : " -Server " + PsLiteral.quote(server);
    }

    private static Map<String, List<String>> byDomain(List<Principal> principals) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Principal p : principals) {
            out.computeIfAbsent(p.domain() == null ? "" : p.domain(), k -> new ArrayList<>()).add(p.account());
        }
        return out;
    }

    // ---- step scripts ----------------------------------------------------------------------------------------------

    private static final ScriptTemplate ADD_SPNS = ScriptTemplate.of("""
            $c=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties msDS-AllowedToDelegateTo
            $h=@($c.'msDS-AllowedToDelegateTo')
            $a=@(foreach($s in <<services>>){foreach($n in <<names>>){$v="$($s)/$($n)";if($h -notcontains $v){$h+=$v;$v}}})
            if($a.Count -gt 0){$null=Set-ADComputer -Identity $c -Server <<server>> -Add @{'msDS-AllowedToDelegateTo'=$a}}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{account=$c.SamAccountName;added=$a}})
            """);

    /**
     * Adds SPNs to an account's msDS-AllowedToDelegateTo, as few scripts as fit the WinRM command line: SPNs are grouped
     * by host part, host parts with the same services share one script that builds {@code service/host} for each pair
     * (a 64-node matrix is 126 host names per account, two services each: three scripts rather than a dozen).
     */
    public static List<StepScript> addSpnScripts(String account, String server, List<String> spns) {
        List<StepScript> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> group : byServices(spns).entrySet()) {
            List<String> services = group.getKey();
            for (List<String> names : fit(group.getValue(), n -> StepScripts.wrap(ADD_SPNS,
                    StepScripts.values("account", account, "server", server, "services", services, "names", n)))) {
                out.add(StepScripts.wrap(ADD_SPNS, StepScripts.values("account", account, "server", server,
                        "services", services, "names", names)));
            }
        }
        return out;
    }

    private static final ScriptTemplate REMOVE_SPNS = ScriptTemplate.of("""
            $c=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties msDS-AllowedToDelegateTo
            $r=<<spns>>
            $d=@(@($c.'msDS-AllowedToDelegateTo')|Where-Object { $r -contains $_ })
            if($d.Count -gt 0){$null=Set-ADComputer -Identity $c -Server <<server>> -Remove @{'msDS-AllowedToDelegateTo'=$d}}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{account=$c.SamAccountName;removed=$d}})
            """);

    /** Removes SPNs from msDS-AllowedToDelegateTo, only those the account holds (removing an absent value fails). */
    public static List<StepScript> removeSpnScripts(String account, String server, List<String> spns) {
        List<StepScript> out = new ArrayList<>();
        for (List<String> part : fit(spns, p -> StepScripts.wrap(REMOVE_SPNS,
                StepScripts.values("account", account, "server", server, "spns", p)))) {
            out.add(StepScripts.wrap(REMOVE_SPNS, StepScripts.values("account", account, "server", server, "spns", part)));
        }
        return out;
    }

    private static final ScriptTemplate PROTOCOL_TRANSITION = ScriptTemplate.of("""
            $c=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties TrustedToAuthForDelegation
            $b=[bool]$c.TrustedToAuthForDelegation
            if(-not $b){$null=Set-ADAccountControl -Identity $c -Server <<server>> -TrustedToAuthForDelegation $true}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{account=$c.SamAccountName;before=$b}})
            """);

    private static final ScriptTemplate STOP_UNCONSTRAINED = ScriptTemplate.of("""
            $c=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties TrustedForDelegation
            $b=[bool]$c.TrustedForDelegation
            if($b){$null=Set-ADAccountControl -Identity $c -Server <<server>> -TrustedForDelegation $false}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{account=$c.SamAccountName;before=$b}})
            """);

    /** Clears TRUSTED_FOR_DELEGATION when it is set; reports whether it was. */
    public static StepScript stopUnconstrainedScript(String account, String server) {
        return StepScripts.wrap(STOP_UNCONSTRAINED, StepScripts.values("account", account, "server", server));
    }

    /** Sets TRUSTED_TO_AUTH_FOR_DELEGATION unless it is set; reports whether it was. */
    public static StepScript protocolTransitionScript(String account, String server) {
        return StepScripts.wrap(PROTOCOL_TRANSITION, StepScripts.values("account", account, "server", server));
    }

    private static final ScriptTemplate RBCD_READ = ScriptTemplate.of("""
            $d=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties PrincipalsAllowedToDelegateToAccount
            $p=@($d.PrincipalsAllowedToDelegateToAccount)
            $n=@()
            """);
    private static final ScriptTemplate RBCD_PRINCIPALS = ScriptTemplate.of("""
            $n+=@(<<names>>|ForEach-Object { Get-ADComputer -Identity $_ -Server <<server>> })
            """);
    private static final ScriptTemplate RBCD_SET = ScriptTemplate.of("""
            $n=@($n|Where-Object { $x=$_.DistinguishedName; -not ($p|Where-Object { [string]$_ -eq $x }) })
            if($n.Count -gt 0){$null=Set-ADComputer -Identity $d -Server <<server>> -PrincipalsAllowedToDelegateToAccount ($p+$n)}
            $e=Get-ADComputer -Identity <<account>> -Server <<server>> -Properties PrincipalsAllowedToDelegateToAccount
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{account=$d.SamAccountName;before=@($p|ForEach-Object { [string]$_ });after=@($e.PrincipalsAllowedToDelegateToAccount|ForEach-Object { [string]$_ })}})
            """);

    /**
     * Adds principals to the account's resource-based delegation, merged with those it has at that moment (the
     * parameter replaces the list), leaving out any it already names (Windows reports principals by distinguished name).
     * Several scripts when the principals do not fit one; each merges again.
     */
    public static List<StepScript> addPrincipalsScripts(String account, String server, List<Principal> principals) {
        Function<List<Principal>, StepScript> render = part -> {
            StringBuilder b = new StringBuilder(RBCD_READ.render(StepScripts.values("account", account, "server", server))).append('\n');
            byDomain(part).forEach((domain, names) -> b.append(RBCD_PRINCIPALS.render(
                    StepScripts.values("names", names, "server", domain))).append('\n'));
            b.append(RBCD_SET.render(StepScripts.values("account", account, "server", server)));
            return StepScripts.wrap(b.toString());
        };
        List<StepScript> out = new ArrayList<>();
        for (List<Principal> part : fit(principals, render)) {
            out.add(render.apply(part));
        }
        return out;
    }

    private static final ScriptTemplate READ_ACCOUNTS = ScriptTemplate.of("""
            $r=@(<<accounts>>|ForEach-Object { $c=Get-ADComputer -Identity $_ -Server <<server>> -Properties userAccountControl;[pscustomobject]@{account=$c.SamAccountName;dn=$c.DistinguishedName;uac=[long]$c.userAccountControl} })
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{accounts=$r}})
            """);

    /** Reads accounts' distinguished names and userAccountControl (what LDIF needs), as many per script as fit. */
    public static List<StepScript> readAccountsScripts(String server, List<String> accounts) {
        List<StepScript> out = new ArrayList<>();
        for (List<String> part : fit(accounts, p -> StepScripts.wrap(READ_ACCOUNTS,
                StepScripts.values("accounts", p, "server", server)))) {
            out.add(StepScripts.wrap(READ_ACCOUNTS, StepScripts.values("accounts", part, "server", server)));
        }
        return out;
    }

    private static final ScriptTemplate USE_KERBEROS = ScriptTemplate.of("""
            $b=[int](Get-VMHost).VirtualMachineMigrationAuthenticationType
            if($b -ne 1){$null=Set-VMHost -VirtualMachineMigrationAuthenticationType Kerberos}
            $a=[int](Get-VMHost).VirtualMachineMigrationAuthenticationType
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{before=$b;after=$a}})
            """);

    /**
     * Kerberos for live migration on the host the script runs on (MigrationAuthenticationType CredSSP=0, Kerberos=1).
     * Run on the host itself: Set-VMHost -ComputerName from another host would be a second hop.
     */
    public static StepScript useKerberosScript() {
        return StepScripts.wrap(USE_KERBEROS, StepScripts.values());
    }

    private static final ScriptTemplate PURGE = ScriptTemplate.of("""
            $o=@(klist purge -li 0x3e7)
            if($LASTEXITCODE -ne 0){throw "klist purge -li 0x3e7 failed with exit code $($LASTEXITCODE): $($o -join ' ')"}
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{purged=$true}})
            """);

    /**
     * {@code klist purge -li 0x3e7} on the host the script runs on: the computer account's (SYSTEM's, logon id 0x3e7)
     * tickets go, so VMMS asks the KDC again and acts on the delegation as it is now instead of in up to the ticket
     * lifetime (hyperv-reference §3.2, "Propagation").
     */
    public static StepScript purgeTicketsScript() {
        return StepScripts.wrap(PURGE, StepScripts.values());
    }

    // ---- batching --------------------------------------------------------------------------------------------------

    /**
     * SPNs grouped by host part, then host parts grouped by the exact list of services they need, so that the cross
     * product of each group is exactly the SPNs given (spellings kept as given).
     */
    static Map<List<String>, List<String>> byServices(List<String> spns) {
        Map<String, List<String>> servicesByName = new LinkedHashMap<>();
        for (String spn : spns) {
            int slash = spn.indexOf('/');
            if (slash <= 0 || slash == spn.length() - 1) {
                throw new IllegalArgumentException("not an SPN (service/host): " + spn);
            }
            List<String> services = servicesByName.computeIfAbsent(spn.substring(slash + 1), k -> new ArrayList<>());
            String service = spn.substring(0, slash);
            if (!services.contains(service)) {
                services.add(service);
            }
        }
        Map<List<String>, List<String>> out = new LinkedHashMap<>();
        servicesByName.forEach((name, services) -> out.computeIfAbsent(List.copyOf(services), k -> new ArrayList<>()).add(name));
        return out;
    }

    /**
     * Splits items into the longest runs whose script fits: each run is as long as possible without the rendered script
     * exceeding {@link StepScript#MAX_LENGTH}; a single item that cannot fit is an error the caller sees.
     */
    static <T> List<List<T>> fit(List<T> items, Function<List<T>, StepScript> render) {
        List<List<T>> out = new ArrayList<>();
        int start = 0;
        while (start < items.size()) {
            int end = start + 1;
            render.apply(items.subList(start, end));   // throws TooLong when even one item does not fit
            while (end < items.size() && fits(render, items.subList(start, end + 1))) {
                end++;
            }
            out.add(List.copyOf(items.subList(start, end)));
            start = end;
        }
        return out;
    }

    private static <T> boolean fits(Function<List<T>, StepScript> render, List<T> part) {
        try {
            render.apply(part);
            return true;
        } catch (StepScript.TooLong e) {
            return false;
        }
    }
}
