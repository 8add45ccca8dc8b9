package io.hvmigrate.delegation;

import static io.hvmigrate.powershell.DelegationScripts.comment;

import io.hvmigrate.powershell.DelegationScripts;
import java.util.ArrayList;
import java.util.List;

/**
 * A change set as a PowerShell script a person can read and run: one statement per change, every value a quoted
 * literal, with comments that say why. Entries that do nothing appear commented out unless {@code --prune} asked for
 * their removal; what hvmigrate leaves to a person is listed at the end.
 */
public final class PowerShellChange {
    private PowerShellChange() {}

    public static String render(ChangeSet cs, String title) {
        List<String> out = new ArrayList<>();
        out.add(comment(title));
        out.add(comment("Run on a host with the ActiveDirectory module (RSAT-AD-PowerShell), as an account that may change "
                + "these computer accounts."));
        out.add(comment(summary(cs)));
        for (DirectoryChange c : cs.changes()) {
            out.add("");
            switch (c) {
                case DirectoryChange.AddDelegateTo a -> {
                    out.add(comment(a.account() + " (" + a.computer().name() + "): may delegate to " + a.spns().size() + " more service"
                            + (a.spns().size() == 1 ? "" : "s")));
                    out.add(DelegationScripts.addAllowedToDelegateTo(a.account(), a.domain(), a.spns()));
                }
                case DirectoryChange.AllowProtocolTransition p -> {
                    out.add(comment(p.account() + " (" + p.computer().name() + "): \"use any authentication protocol\" "
                            + "(TRUSTED_TO_AUTH_FOR_DELEGATION), which moves started over WinRM need"));
                    out.add(DelegationScripts.allowProtocolTransition(p.account(), p.domain()));
                }
                case DirectoryChange.StopUnconstrained u -> {
                    out.add(comment(u.account() + " (" + u.computer().name() + "): no unconstrained delegation "
                            + "(TRUSTED_FOR_DELEGATION); live migration needs constrained delegation only"));
                    out.add(DelegationScripts.stopUnconstrainedDelegation(u.account(), u.domain()));
                }
                case DirectoryChange.RemoveDelegateTo r -> {
                    out.add(comment(r.account() + " (" + r.computer().name() + "): remove entries that do nothing: " + r.why()));
                    out.add(DelegationScripts.removeAllowedToDelegateTo(r.account(), r.domain(), r.spns()));
                }
                case DirectoryChange.AddPrincipals p -> {
                    out.add(comment(p.account() + " (" + p.computer().name() + "): resource-based delegation from "
                            + String.join(", ", p.principals().stream().map(DirectoryChange.Principal::account).toList())
                            + ", merged with the principals it has (the parameter replaces the whole list)"));
                    out.add(DelegationScripts.addPrincipals(p.account(), p.domain(), principals(p)));
                }
            }
        }
        if (!cs.changes().containsAll(cs.removable())) {
            out.add("");
            out.add(comment("Entries that do nothing (hvmigrate delegation apply --prune removes them):"));
            for (DirectoryChange.RemoveDelegateTo r : cs.removable()) {
                out.add(comment(r.account() + ": " + r.why()));
                out.add(comment(DelegationScripts.removeAllowedToDelegateTo(r.account(), r.domain(), r.spns())));
            }
        }
        if (!cs.useKerberos().isEmpty()) {
            out.add("");
            out.add(comment("Live migration authenticated with Kerberos, so that delegation is used (was CredSSP):"));
            cs.useKerberos().forEach(h -> out.add(DelegationScripts.useKerberos(h.address())));
        }
        if (!cs.purge().isEmpty()) {
            out.add("");
            out.add(comment("Then on each source, so it acts on the change now rather than when its tickets expire:"));
            cs.purge().forEach(h -> out.add(DelegationScripts.purgeTickets(h.address())));
        }
        if (!cs.notes().isEmpty()) {
            out.add("");
            out.add(comment("Not changed by hvmigrate:"));
            for (Note n : cs.notes()) {
                out.add(comment(n.id() + (n.subject().isEmpty() ? "" : " [" + n.subject() + "]") + ": " + n.message()));
                if (n.fix() != null) {
                    out.add(comment("  fix: " + n.fix()));
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    static List<DelegationScripts.Principal> principals(DirectoryChange.AddPrincipals p) {
        return p.principals().stream().map(x -> new DelegationScripts.Principal(x.account(), x.computer().domain())).toList();
    }

    /** "38 entries needed; 21 in the directory; 4 changes", in words. */
    static String summary(ChangeSet cs) {
        String unit = cs.mode() == DelegationMode.CONSTRAINED ? "entries" : "source-destination pairs";
        String head = cs.needed() + " " + unit + " needed, " + cs.present() + " already in the directory";
        if (cs.nothingToDo()) {
            return head + ": nothing to change.";
        }
        return head + "; " + cs.changes().size() + " change" + (cs.changes().size() == 1 ? "" : "s") + " on "
                + cs.changes().stream().map(DirectoryChange::account).distinct().count() + " account"
                + (cs.changes().stream().map(DirectoryChange::account).distinct().count() == 1 ? "" : "s")
                + (cs.useKerberos().isEmpty() ? "" : ", Kerberos on " + cs.useKerberos().size() + " host"
                + (cs.useKerberos().size() == 1 ? "" : "s")) + ".";
    }
}
