package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.check.Finding;
import io.hvmigrate.check.Report;
import io.hvmigrate.delegation.ChangeSet;
import io.hvmigrate.delegation.Computer;
import io.hvmigrate.delegation.DelegationMode;
import io.hvmigrate.delegation.DelegationService;
import io.hvmigrate.delegation.DirectoryChange;
import io.hvmigrate.delegation.Note;
import io.hvmigrate.powershell.DelegationScripts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What delegation plan and apply print: for people (text) and for schedulers (JSON). */
final class DelegationOutput {
    private DelegationOutput() {}

    // ---- text -------------------------------------------------------------------------------------------------------

    static void nothingToDo(DelegationBase.Prepared p, String title, String via, PrintWriter out) {
        nothingToDo(p, title, via, List.of(), List.of(), out);
    }

    /**
     * Nothing to change in the directory; {@code stale} are the sources whose tickets predate the last change of their
     * account, {@code purged} what purging them did (empty when the user declined).
     */
    static void nothingToDo(DelegationBase.Prepared p, String title, String via, List<Computer> stale,
                            List<DelegationService.HostResult> purged, PrintWriter out) {
        ChangeSet cs = p.changes();
        out.println(title + " (through " + via + ")");
        out.println("Nothing to change: the directory already holds all " + cs.needed() + " "
                + (cs.mode() == DelegationMode.CONSTRAINED ? "entries" : "source-destination pairs")
                + " the selection needs." + (stale.isEmpty() ? " No tickets to purge: every source obtained its tickets after "
                + "its delegation last changed." : ""));
        List<String> ok = purged.stream().filter(DelegationService.HostResult::ok).map(h -> h.host().name()).toList();
        if (!ok.isEmpty()) {
            out.println("  purged   tickets (klist purge -li 0x3e7) on " + String.join(", ", ok)
                    + ": their delegation changed after they obtained them");
        }
        for (DelegationService.HostResult h : purged) {
            if (!h.ok()) {
                out.println("  FAILED   ticket purge on " + h.host().name() + ": " + h.detail() + "; run: "
                        + DelegationScripts.purgeTickets(h.host().address()) + " (or wait for its tickets to expire)");
            }
        }
        if (!stale.isEmpty() && purged.isEmpty()) {
            out.println("  not purged: tickets on " + String.join(", ", stale.stream().map(Computer::name).toList())
                    + " predate their delegation's last change; run: klist purge -li 0x3e7 on each");
        }
        removable(cs, out);
        notes(cs.notes(), out);
    }

    static void applied(DelegationBase.Prepared before, String title, DelegationService.Applied applied,
                        DelegationBase.Prepared after, Report preflight, PrintWriter out) {
        ChangeSet cs = before.changes();
        out.println(title + " (through " + applied.via() + ")");
        out.println(cs.needed() + " " + (cs.mode() == DelegationMode.CONSTRAINED ? "entries" : "source-destination pairs")
                + " needed, " + cs.present() + " already in the directory.");
        for (DelegationService.ChangeResult r : applied.changes()) {
            String what = describe(r.change(), r.values());
            switch (r.outcome()) {
                case CHANGED -> out.println("  changed  " + r.change().account() + ": " + what);
                case ALREADY -> out.println("  already  " + r.change().account() + ": " + describe(r.change(), List.of())
                        + " (the directory held it when the change was made)");
                case FAILED -> out.println("  FAILED   " + r.change().account() + ": " + describe(r.change(), List.of()) + ": " + r.error());
            }
        }
        for (DelegationService.HostResult k : applied.kerberos()) {
            out.println((k.ok() ? "  changed  " : "  FAILED   ") + k.host().name() + ": live-migration authentication " + k.detail()
                    + (k.ok() ? "" : "; run: " + DelegationScripts.useKerberos(k.host().address())));
        }
        List<String> purged = applied.purges().stream().filter(DelegationService.HostResult::ok).map(h -> h.host().name()).toList();
        if (!purged.isEmpty()) {
            out.println("  purged   tickets (klist purge -li 0x3e7) on " + String.join(", ", purged));
        }
        for (DelegationService.HostResult h : applied.purges()) {
            if (!h.ok()) {
                out.println("  FAILED   ticket purge on " + h.host().name() + ": " + h.detail() + "; run: "
                        + DelegationScripts.purgeTickets(h.host().address()) + " (or wait for its tickets to expire)");
            }
        }
        out.println();
        ChangeSet left = after.changes();
        if (left.nothingToDo()) {
            out.println("Read again: the directory holds all " + left.needed() + " "
                    + (left.mode() == DelegationMode.CONSTRAINED ? "entries" : "source-destination pairs") + " the selection needs.");
        } else {
            out.println("Read again: still to change:");
            left.changes().forEach(c -> out.println("  " + c.account() + ": " + describe(c, List.of())));
            left.useKerberos().forEach(h -> out.println("  " + h.name() + ": live-migration authentication is not Kerberos"));
        }
        if (preflight != null) {
            List<Finding> blocking = preflight.findings().stream().filter(f -> f.severity() == Finding.Severity.BLOCKING).toList();
            long delegationLeft = blocking.stream().filter(f -> f.id().startsWith("delegation.")).count();
            out.println("Preflight of " + before.what() + " now: " + (delegationLeft == 0 ? "no delegation check blocks"
                    : delegationLeft + " delegation finding" + (delegationLeft == 1 ? "" : "s") + " still block")
                    + (blocking.isEmpty() ? "; nothing blocks." : ""));
            for (Finding f : blocking) {
                out.println("  blocking " + f.id() + " [" + f.host() + "]" + (f.move() == null ? "" : " (" + f.move() + ")") + ": " + f.message());
                if (f.fix() != null) {
                    out.println("      fix: " + f.fix());
                }
            }
        }
        removable(left, out);
        notes(left.notes(), out);
    }

    private static void removable(ChangeSet cs, PrintWriter out) {
        if (cs.removable().isEmpty() || cs.changes().containsAll(cs.removable())) {
            return;
        }
        out.println("Entries that do nothing (--prune removes them):");
        cs.removable().forEach(r -> out.println("  " + r.account() + ": " + String.join("; ", r.spns()) + " (" + r.why() + ")"));
    }

    private static void notes(List<Note> notes, PrintWriter out) {
        if (notes.isEmpty()) {
            return;
        }
        out.println("Not changed by hvmigrate:");
        for (Note n : notes) {
            out.println("  " + n.id() + (n.subject().isEmpty() ? "" : " [" + n.subject() + "]") + ": " + n.message());
            if (n.fix() != null) {
                out.println("      fix: " + n.fix());
            }
        }
    }

    static String describe(DirectoryChange c, List<String> done) {
        return switch (c) {
            case DirectoryChange.AddDelegateTo a -> "added " + String.join(", ", done.isEmpty() ? a.spns() : done);
            case DirectoryChange.RemoveDelegateTo r -> "removed " + String.join(", ", done.isEmpty() ? r.spns() : done);
            case DirectoryChange.AllowProtocolTransition p -> "set TRUSTED_TO_AUTH_FOR_DELEGATION (use any authentication protocol)";
            case DirectoryChange.StopUnconstrained u -> "cleared TRUSTED_FOR_DELEGATION (unconstrained delegation)";
            case DirectoryChange.AddPrincipals p -> "resource-based delegation from "
                    + String.join(", ", p.principals().stream().map(DirectoryChange.Principal::account).toList());
        };
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------------

    static ObjectNode plan(DelegationBase.Prepared p, String script) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", "hvmigrate-delegation-plan");
        changeSet(root, p);
        root.put("script", script);
        return root;
    }

    /** apply when the directory needs no change: the selection, and the stale sources' purges. */
    static ObjectNode nothingToChange(DelegationBase.Prepared before, String via, List<DelegationService.HostResult> purged) {
        ObjectNode root = apply(before, null, null, null);
        root.put("via", via);
        hostResults(root.putArray("purges"), purged);
        return root;
    }

    static ObjectNode apply(DelegationBase.Prepared before, DelegationService.Applied applied, DelegationBase.Prepared after,
                            Report preflight) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", "hvmigrate-delegation-apply");
        changeSet(root, before);
        if (applied == null) {
            root.put("changed", false);
            return root;
        }
        root.put("via", applied.via());
        root.put("changed", applied.changes().stream().anyMatch(r -> r.outcome() == DelegationService.Outcome.CHANGED)
                || applied.kerberos().stream().anyMatch(DelegationService.HostResult::ok));
        ArrayNode results = root.putArray("results");
        for (DelegationService.ChangeResult r : applied.changes()) {
            ObjectNode n = change(results.addObject(), r.change());
            n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            ArrayNode v = n.putArray("done");
            r.values().forEach(v::add);
            n.put("error", r.error());
        }
        hostResults(root.putArray("kerberos"), applied.kerberos());
        hostResults(root.putArray("purges"), applied.purges());
        ObjectNode a = root.putObject("after");
        a.put("complete", after.changes().nothingToDo());
        ArrayNode left = a.putArray("changes");
        after.changes().changes().forEach(c -> change(left.addObject(), c));
        if (preflight != null) {
            a.set("preflight", CheckOutput.json(preflight));
        }
        return root;
    }

    private static void hostResults(ArrayNode arr, List<DelegationService.HostResult> results) {
        for (DelegationService.HostResult h : results) {
            arr.addObject().put("host", h.host().name()).put("ok", h.ok()).put("detail", h.detail());
        }
    }

    private static void changeSet(ObjectNode root, DelegationBase.Prepared p) {
        ChangeSet cs = p.changes();
        root.put("mode", cs.mode() == DelegationMode.CONSTRAINED ? "constrained" : "resource-based");
        root.put("selection", p.what());
        root.put("grants", p.matrix().size());
        root.put("needed", cs.needed());
        root.put("present", cs.present());
        root.put("nothingToDo", cs.nothingToDo());
        ArrayNode changes = root.putArray("changes");
        cs.changes().forEach(c -> change(changes.addObject(), c));
        ArrayNode removable = root.putArray("removable");
        cs.removable().forEach(r -> change(removable.addObject(), r).put("why", r.why()));
        ArrayNode kerberos = root.putArray("useKerberos");
        cs.useKerberos().forEach(h -> kerberos.add(h.name()));
        ArrayNode purge = root.putArray("purge");
        cs.purge().forEach(h -> purge.add(h.name()));
        ArrayNode notes = root.putArray("notes");
        for (Note n : cs.notes()) {
            notes.addObject().put("id", n.id()).put("subject", n.subject()).put("message", n.message()).put("fix", n.fix());
        }
    }

    private static ObjectNode change(ObjectNode n, DirectoryChange c) {
        Computer host = c.computer();
        n.put("account", c.account()).put("domain", c.domain()).put("computer", host.name());
        switch (c) {
            case DirectoryChange.AddDelegateTo a -> values(n.put("change", "add-allowed-to-delegate-to"), a.spns());
            case DirectoryChange.RemoveDelegateTo r -> values(n.put("change", "remove-allowed-to-delegate-to"), r.spns());
            case DirectoryChange.AllowProtocolTransition p -> n.put("change", "trusted-to-auth-for-delegation");
            case DirectoryChange.StopUnconstrained u -> n.put("change", "clear-trusted-for-delegation");
            case DirectoryChange.AddPrincipals p -> values(n.put("change", "add-principals-allowed-to-delegate"),
                    p.principals().stream().map(DirectoryChange.Principal::account).toList());
        }
        return n;
    }

    private static void values(ObjectNode n, List<String> values) {
        ArrayNode a = n.putArray("values");
        values.forEach(a::add);
    }
}
