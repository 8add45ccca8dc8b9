package io.hvmigrate.check;

import io.hvmigrate.check.Finding.Severity;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Names;
import io.hvmigrate.plan.PlannedMove;
import java.util.List;
import java.util.Optional;

/**
 * Moves between hosts of different domains (hyperv-reference §3.2–§3.4): classic constrained delegation is "limited to
 * one domain", so msDS-AllowedToDelegateTo on the source cannot carry them; resource-based delegation on the destination
 * (msDS-AllowedToActOnBehalfOfOtherIdentity naming the source) can, across domains and forests with a forest trust. A
 * cross-domain move is accepted when the destination's account names the source, and blocked otherwise with the
 * resource-based fix. (Forests without a forest trust are refused earlier, by the planner.)
 */
final class CrossDomainDelegation {
    private CrossDomainDelegation() {}

    /** True when the move crosses domains (and this check, not the classic one, judged it). */
    static boolean check(PlannedMove m, Facts facts, List<Finding> out) {
        HostFacts src = m.source();
        HostFacts dst = m.destination();
        if (src.domain() == null || dst.domain() == null || Names.same(src.domain(), dst.domain())) {
            return false;
        }
        Optional<Facts.ComputerAccount> target = facts.directory().computer(dst.name());
        String evidence = target.map(t -> facts.directory().label() + ": " + t.samAccountName() + " (" + dst.domain()
                        + ") msDS-AllowedToActOnBehalfOfOtherIdentity = "
                        + (t.allowedToActOnBehalfOf().isEmpty() ? "(empty)" : String.join("; ", t.allowedToActOnBehalfOf())))
                .orElse(facts.directory().label() + ": the account of " + dst.name() + " in " + dst.domain() + " was not read");
        if (target.isPresent() && target.get().allowedToActOnBehalfOf().stream().anyMatch(p -> names(p, src))) {
            return true;
        }
        out.add(new Finding("delegation.cross-domain", Severity.BLOCKING, m.id(), src.name(),
                src.name() + " (" + src.domain() + ") → " + dst.name() + " (" + dst.domain() + "): classic constrained "
                + "delegation cannot cross domains; " + dst.name() + " must allow " + src.name()
                + " by resource-based delegation (msDS-AllowedToActOnBehalfOfOtherIdentity)",
                List.of(evidence), "hvmigrate delegation apply --mode resource-based --hosts " + src.name() + "," + dst.name()));
        return true;
    }

    /** A principal as the directory reports it ({@code CN=HV-S1,…}, {@code LAB\HV-S1$}, {@code HV-S1$}) names the host. */
    static boolean names(String principal, HostFacts h) {
        String p = principal.trim();
        if (p.regionMatches(true, 0, "CN=", 0, 3)) {
            int comma = p.indexOf(',');
            p = p.substring(3, comma < 0 ? p.length() : comma);
        }
        int slash = p.indexOf('\\');
        if (slash >= 0) {
            p = p.substring(slash + 1);
        }
        if (p.endsWith("$")) {
            p = p.substring(0, p.length() - 1);
        }
        return h.answersTo(p);
    }
}
