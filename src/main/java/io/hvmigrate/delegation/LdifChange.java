package io.hvmigrate.delegation;

import io.hvmigrate.model.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A change set as LDIF change records (RFC 2849), for ldifde or ldapmodify.
 *
 * <p>msDS-AllowedToDelegateTo changes are {@code add:} and {@code delete:} of single values, never {@code replace:},
 * so values written meanwhile by someone else survive. userAccountControl is a single integer holding many flags, so
 * "adding a flag" cannot be said in LDIF; it is never replaced blindly either: the record deletes the exact value read
 * and adds that value with only TRUSTED_TO_AUTH_FOR_DELEGATION (0x1000000) set. LDAP applies a modify atomically, so
 * if the account changed since it was read, the delete fails and the whole record with it — a stale value is never
 * written back over a newer one.
 *
 * <p>Resource-based delegation cannot be written here: msDS-AllowedToActOnBehalfOfOtherIdentity is a binary security
 * descriptor of SIDs, and merging it needs the directory's own tools (the PowerShell form does that).
 */
public final class LdifChange {
    private LdifChange() {}

    static final long TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000L;
    static final long TRUSTED_FOR_DELEGATION = 0x80000L;

    /** What LDIF needs of an account beyond the facts: its distinguished name and userAccountControl now. */
    public record AccountEntry(String account, String distinguishedName, long userAccountControl) {}

    /** Thrown for a change that has no faithful LDIF form. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * @param entries accounts by sAMAccountName (any case)
     */
    public static String render(ChangeSet cs, String title, Map<String, AccountEntry> entries) {
        List<String> out = new ArrayList<>();
        out.add(comment(title));
        out.add(comment("LDIF change records (RFC 2849): ldifde -i -f FILE, or ldapmodify -f FILE."));
        out.add(comment(PowerShellChange.summary(cs)));
        for (DirectoryChange c : cs.changes()) {
            AccountEntry e = entry(entries, c.account());
            out.add("");
            switch (c) {
                case DirectoryChange.AddDelegateTo a -> {
                    out.add(comment(a.account() + " (" + a.computer().name() + "): may delegate to " + a.spns().size() + " more"));
                    record(out, e, "add", "msDS-AllowedToDelegateTo", a.spns());
                }
                case DirectoryChange.RemoveDelegateTo r -> {
                    out.add(comment(r.account() + ": remove entries that do nothing: " + r.why()));
                    record(out, e, "delete", "msDS-AllowedToDelegateTo", r.spns());
                }
                case DirectoryChange.AllowProtocolTransition p -> {
                    long after = e.userAccountControl() | TRUSTED_TO_AUTH_FOR_DELEGATION;
                    out.add(comment(p.account() + ": \"use any authentication protocol\": userAccountControl 0x"
                            + Long.toHexString(e.userAccountControl()) + " -> 0x" + Long.toHexString(after)
                            + " (only TRUSTED_TO_AUTH_FOR_DELEGATION added; fails if the account changed since it was read)"));
                    uacRecord(out, e, after);
                }
                case DirectoryChange.StopUnconstrained u -> {
                    long after = e.userAccountControl() & ~TRUSTED_FOR_DELEGATION;
                    out.add(comment(u.account() + ": no unconstrained delegation: userAccountControl 0x"
                            + Long.toHexString(e.userAccountControl()) + " -> 0x" + Long.toHexString(after)
                            + " (only TRUSTED_FOR_DELEGATION removed; fails if the account changed since it was read)"));
                    uacRecord(out, e, after);
                }
                case DirectoryChange.AddPrincipals p -> throw new Unsupported("resource-based delegation has no LDIF form: "
                        + "msDS-AllowedToActOnBehalfOfOtherIdentity is a binary security descriptor that must be merged; "
                        + "use --format powershell");
            }
        }
        if (!cs.changes().containsAll(cs.removable()) && !cs.removable().isEmpty()) {
            out.add("");
            out.add(comment("Entries that do nothing (hvmigrate delegation apply --prune removes them):"));
            cs.removable().forEach(r -> out.add(comment(r.account() + ": " + String.join("; ", r.spns()) + " - " + r.why())));
        }
        if (!cs.useKerberos().isEmpty() || !cs.purge().isEmpty() || !cs.notes().isEmpty()) {
            out.add("");
            out.add(comment("Not directory changes (PowerShell on the hosts):"));
            cs.useKerberos().forEach(h -> out.add(comment(io.hvmigrate.powershell.DelegationScripts.useKerberos(h.address()))));
            cs.purge().forEach(h -> out.add(comment(io.hvmigrate.powershell.DelegationScripts.purgeTickets(h.address()))));
            for (Note n : cs.notes()) {
                out.add(comment(n.id() + (n.subject().isEmpty() ? "" : " [" + n.subject() + "]") + ": " + n.message()));
                if (n.fix() != null) {
                    out.add(comment("  fix: " + n.fix()));
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Swaps the exact userAccountControl value read for a new one, atomically (see the class comment). */
    private static void uacRecord(List<String> out, AccountEntry e, long after) {
        out.add(line("dn", e.distinguishedName()));
        out.add("changetype: modify");
        out.add("delete: userAccountControl");
        out.add(line("userAccountControl", Long.toString(e.userAccountControl())));
        out.add("-");
        out.add("add: userAccountControl");
        out.add(line("userAccountControl", Long.toString(after)));
        out.add("-");
    }

    private static AccountEntry entry(Map<String, AccountEntry> entries, String account) {
        AccountEntry e = entries.get(Names.key(account));
        if (e == null || e.distinguishedName() == null || e.distinguishedName().isBlank()) {
            throw new IllegalArgumentException("the distinguished name of " + account + " was not read");
        }
        return e;
    }

    private static void record(List<String> out, AccountEntry e, String op, String attribute, List<String> values) {
        out.add(line("dn", e.distinguishedName()));
        out.add("changetype: modify");
        out.add(op + ": " + attribute);
        values.forEach(v -> out.add(line(attribute, v)));
        out.add("-");
    }

    /**
     * {@code name: value}, or {@code name:: base64} when the value is not a SAFE-STRING of RFC 2849 (non-ASCII, a
     * line break or NUL, a leading space, colon or less-than, or a trailing space).
     */
    static String line(String name, String value) {
        return safe(value) ? name + ": " + value
                : name + ":: " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static boolean safe(String v) {
        if (v.isEmpty()) {
            return true;
        }
        char first = v.charAt(0);
        if (first == ' ' || first == ':' || first == '<' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0 || c == '\n' || c == '\r' || c > 127) {
                return false;
            }
        }
        return true;
    }

    /** A comment line; a line break in the text would end the comment, so control characters become '?'. */
    static String comment(String text) {
        StringBuilder b = new StringBuilder("# ");
        text.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7F ? '?' : c));
        return b.toString();
    }
}
