package io.hvmigrate.check;

import io.hvmigrate.check.Finding.Severity;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.plan.PlannedMove;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two things delegation needs beyond the directory entries (hyperv-reference §3): the user whose credentials are
 * delegated must be delegable, and the source must act on the delegation the directory holds now.
 * <ul>
 *   <li>{@code delegation.sensitive} (blocking): the account the engine runs as on the source is "sensitive and cannot
 *       be delegated" (userAccountControl NOT_DELEGATED, 0x100000) or a member of Protected Users; the KDC then never
 *       issues a ticket on its behalf, and Move-VM fails with "No credentials are available in the security package"
 *       (0x8009030E) whatever the computer accounts allow.</li>
 *   <li>{@code delegation.stale-tickets}: the source's computer account changed (whenChanged) after the source
 *       obtained its TGT (klist -li 0x3e7 tgt, StartTime): until the tickets are purged or expire, the host still acts
 *       on the delegation it had then, and a move that needs the new delegation fails with 0x8009030D ("The
 *       credentials supplied to the package were not recognized"; Microsoft, Troubleshoot live migration issues,
 *       MicrosoftDocs/SupportArticles-docs support/windows-server/virtualization/troubleshoot-live-migration-issues.md:
 *       "Or run the KLIST PURGE -li 0x3e7 cmdlet."). A warning by default, since run purges the source's tickets before its first
 *       move; blocking for each of its moves when the playbook's policy.purgeStaleTickets is false.</li>
 * </ul>
 */
final class DelegationState {
    private DelegationState() {}

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static void check(PlannedMove m, HostFacts src, Facts.ComputerAccount account, Facts facts, List<Finding> out,
                      Map<String, Finding> hostWide, boolean runPurges) {
        sensitive(m, src, facts, out);
        staleTickets(m, src, facts, out, hostWide, runPurges);
    }

    private static void sensitive(PlannedMove m, HostFacts src, Facts facts, List<Finding> out) {
        Optional<Facts.UserAccount> user = facts.directory().userOf(src.name());
        if (user.isEmpty()) {
            return;
        }
        Facts.UserAccount u = user.get();
        if (!u.accountNotDelegated() && !u.protectedUsers()) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (u.accountNotDelegated()) {
            evidence.add("directory: user " + u.samAccountName() + " AccountNotDelegated = True (userAccountControl NOT_DELEGATED)");
            why.add("is marked \"sensitive and cannot be delegated\"");
        }
        if (u.protectedUsers()) {
            evidence.add("directory: user " + u.samAccountName() + " MemberOf " + u.memberOf().stream()
                    .filter(g -> g.regionMatches(true, 0, "CN=Protected Users,", 0, 19)).findFirst().orElse("Protected Users"));
            why.add("is a member of Protected Users");
        }
        String fix = "connect to " + src.name() + " as a service account that is neither sensitive nor in Protected Users "
                + "(the inventory's user for " + src.name() + ")";
        if (u.accountNotDelegated()) {
            fix += ", or where policy allows: Set-ADAccountControl -Identity '" + u.samAccountName().replace("'", "''")
                    + "' -AccountNotDelegated $false";
        }
        if (u.protectedUsers()) {
            fix += ", or where policy allows: Remove-ADGroupMember -Identity 'Protected Users' -Members '"
                    + u.samAccountName().replace("'", "''") + "'";
        }
        out.add(new Finding("delegation.sensitive", Severity.BLOCKING, m.id(), src.name(),
                u.account() + ", the account the engine runs as on " + src.name() + ", " + String.join(" and ", why)
                + ": Kerberos never delegates its credentials, so " + src.name() + " cannot act for it on "
                + m.destination().name() + " (Move-VM fails with 0x8009030E, no credentials are available)",
                evidence, fix));
    }

    private static void staleTickets(PlannedMove m, HostFacts src, Facts facts, List<Finding> out, Map<String, Finding> hostWide,
                                     boolean runPurges) {
        Optional<StaleTickets> stale = StaleTickets.of(facts, src.name());
        if (stale.isEmpty()) {
            return;
        }
        StaleTickets t = stale.get();
        String message = src.name() + "'s computer account changed after " + src.name() + " obtained its tickets: until they are purged "
                + "or expire" + (t.tgtEnd() != null ? " (" + UTC.format(t.tgtEnd()) + ")" : "")
                + ", the host still acts on the delegation it had before the change";
        List<String> evidence = List.of("directory: " + t.account() + " whenChanged = " + UTC.format(t.whenChanged()),
                src.name() + ": klist -li 0x3e7 tgt StartTime = " + UTC.format(t.tgtStart()));
        String fix = "on " + src.name() + ": klist purge -li 0x3e7 (Invoke-Command -ComputerName " + src.name()
                + " { klist purge -li 0x3e7 }), or hvmigrate delegation apply, which purges";
        if (runPurges) {
            hostWide.putIfAbsent("stale-tickets:" + src.name(), new Finding("delegation.stale-tickets", Severity.WARNING, null, src.name(),
                    message + "; run purges them (klist purge -li 0x3e7) before its first move from " + src.name()
                    + " (policy.purgeStaleTickets)", evidence, fix));
        } else {
            out.add(new Finding("delegation.stale-tickets", Severity.BLOCKING, m.id(), src.name(),
                    message + ", and a move that needs the new delegation fails with 0x8009030D (the credentials supplied "
                    + "to the package were not recognized); the playbook's policy.purgeStaleTickets is false, so run does not "
                    + "purge them", evidence, fix));
        }
    }
}
