package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.plan.Classification;
import io.hvmigrate.plan.Classification.AlreadyInPlace;
import io.hvmigrate.plan.Classification.Planned;
import io.hvmigrate.plan.Classification.Refused;
import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.PlannedMove;
import io.hvmigrate.plan.Scenario;
import io.hvmigrate.plan.Step;
import io.hvmigrate.powershell.StepScripts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plan as people read it (text) and as programs read it (JSON, shape documented in the README). */
final class PlanOutput {
    private PlanOutput() {}

    static final int FORMAT_VERSION = 1;

    static ObjectNode json(Plan plan, Path inventory, Path facts) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("kind", "hvmigrate-plan");
        root.put("formatVersion", FORMAT_VERSION);
        Playbook pb = plan.playbook();
        ObjectNode p = root.putObject("playbook");
        p.put("name", pb.name());
        p.put("file", String.valueOf(pb.file()));
        p.put("description", pb.description());
        root.put("inventory", inventory == null ? null : inventory.toString());
        root.put("facts", facts == null ? null : facts.toString());
        root.set("policy", policy(pb.policy()));
        ObjectNode summary = root.putObject("summary");
        summary.put("moves", plan.moves().size());
        summary.put("planned", plan.count(Planned.class));
        summary.put("alreadyInPlace", plan.count(AlreadyInPlace.class));
        summary.put("refused", plan.count(Refused.class));
        ObjectNode by = summary.putObject("byScenario");
        plan.byScenario().forEach((s, n) -> by.put(s.name(), n));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        ArrayNode moves = root.putArray("moves");
        for (PlannedMove m : plan.moves()) {
            moves.add(move(m));
        }
        return root;
    }

    private static ObjectNode policy(Playbook.Policy policy) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("authentication", policy.authentication().name().toLowerCase(Locale.ROOT));
        o.put("migrationNetwork", policy.migrationNetwork() == null ? null : policy.migrationNetwork().toString());
        ObjectNode c = o.putObject("concurrency");
        c.put("global", policy.concurrency().global());
        c.put("perSource", policy.concurrency().perSource());
        c.put("perDestination", policy.concurrency().perDestination());
        ObjectNode r = o.putObject("retries");
        r.put("attempts", policy.retries().attempts());
        r.put("backoff", policy.retries().backoff().toString());
        o.put("failureBudget", policy.failureBudget().toString());
        if (policy.window() != null) {
            var w = policy.window();
            ObjectNode wo = o.putObject("window");
            wo.put("start", w.start() == null ? null : w.start().toString());
            wo.put("end", w.end() == null ? null : w.end().toString());
            wo.put("duration", w.duration() == null ? null : w.duration().toString());
            wo.put("cutoff", w.cutoffAt() != null ? w.cutoffAt().toString() : w.cutoffBefore() == null ? null : w.cutoffBefore() + " before the end");
            wo.put("atDeadline", w.atDeadline().name().toLowerCase(Locale.ROOT));
        } else {
            o.putNull("window");
        }
        ObjectNode ha = o.putObject("ha");
        ha.put("makeHighlyAvailable", policy.ha().makeHighlyAvailable());
        ha.put("keepPriority", policy.ha().keepPriority());
        ha.put("allowUnprotected", policy.ha().allowUnprotected());
        return o;
    }

    private static ObjectNode move(PlannedMove m) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", m.id());
        ObjectNode origin = o.putObject("origin");
        origin.put("file", String.valueOf(m.origin().file()));
        origin.put("line", m.origin().line());
        origin.put("column", m.origin().column());
        ObjectNode vm = o.putObject("vm");
        vm.put("name", m.vmName());
        vm.put("id", m.vm() == null ? null : m.vm().id());
        vm.put("role", m.vm() == null || m.vm().group() == null ? null : m.vm().group().name());
        if (m.source() != null) {
            ObjectNode s = o.putObject("source");
            s.put("host", m.source().name());
            s.put("cluster", m.vm() != null && m.vm().clustered() ? m.source().cluster() : null);
        } else {
            o.putNull("source");
        }
        Classification c = m.outcome();
        if (m.destination() != null) {
            ObjectNode d = o.putObject("destination");
            d.put("host", m.destination().name());
            d.put("cluster", m.destination().cluster());
            d.put("storagePath", c instanceof Planned p ? p.storagePath() : null);
        } else {
            o.putNull("destination");
        }
        switch (c) {
            case Planned p -> {
                o.put("outcome", "planned");
                ObjectNode s = o.putObject("scenario");
                s.put("id", p.scenario().name());
                s.put("title", p.scenario().title());
                ArrayNode reasons = o.putArray("reasons");
                p.reasons().forEach(reasons::add);
            }
            case AlreadyInPlace a -> {
                o.put("outcome", "already-in-place");
                o.putArray("reasons").add(a.reason());
            }
            case Refused r -> {
                o.put("outcome", "refused");
                ObjectNode rf = o.putObject("refusal");
                rf.put("code", r.code().name());
                rf.put("reason", r.reason());
                rf.put("fix", r.fix());
            }
        }
        o.set("steps", steps(m.steps()));
        o.set("compensation", steps(m.compensation()));
        return o;
    }

    private static ArrayNode steps(List<Step> steps) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Step s : steps) {
            ObjectNode o = a.addObject();
            o.put("id", s.id());
            o.put("kind", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            o.put("title", s.title());
            o.put("host", s.host());
            o.put("idempotent", s.idempotent());
            o.put("script", s.script().text());
        }
        return a;
    }

    static void text(Plan plan, Path inventory, Path facts, boolean fullScripts, Colors c, PrintWriter rawOut) {
        PrintWriter out = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                // names may hold control characters (that is one reason a move is refused): show them escaped
                StringBuilder sb = new StringBuilder(len);
                for (int i = off; i < off + len; i++) {
                    char ch = buf[i];
                    if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != 0x1b) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
                rawOut.write(sb.toString());
            }

            @Override
            public void flush() {
                rawOut.flush();
            }

            @Override
            public void close() {
                rawOut.flush();
            }
        });
        textUnescaped(plan, inventory, facts, fullScripts, c, out);
        out.flush();
    }

    private static void textUnescaped(Plan plan, Path inventory, Path facts, boolean fullScripts, Colors c, PrintWriter out) {
        Playbook pb = plan.playbook();
        out.println(c.bold("Plan " + pb.name()) + ": " + plan.moves().size() + (plan.moves().size() == 1 ? " move" : " moves")
                + " (" + plan.count(Planned.class) + " planned, " + plan.count(AlreadyInPlace.class) + " already in place, "
                + plan.count(Refused.class) + " refused)");
        out.println(c.faint("  playbook " + pb.file() + " · inventory " + inventory + " · facts " + facts));
        StringBuilder scen = new StringBuilder();
        for (Map.Entry<Scenario, Long> e : plan.byScenario().entrySet()) {
            if (e.getValue() > 0) {
                scen.append(scen.isEmpty() ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
            }
        }
        if (!scen.isEmpty()) {
            out.println(c.faint("  scenarios: " + scen));
        }
        for (String w : plan.warnings()) {
            out.println(c.yellow("  warning: ") + w);
        }
        for (PlannedMove m : plan.moves()) {
            out.println();
            String route = (m.source() == null ? "?" : m.source().name()) + " → " + (m.destination() == null ? "?" : m.destination().name());
            String head = c.bold(m.id() + "  " + m.vmName()) + "  " + route + "  ";
            switch (m.outcome()) {
                case Planned p -> {
                    out.println(head + c.green(p.scenario().name()) + " " + p.scenario().title());
                    printList(out, "why", p.reasons());
                }
                case AlreadyInPlace a -> out.println(head + c.green("already in place") + " — " + a.reason());
                case Refused r -> {
                    out.println(head + c.red("refused " + r.code()));
                    out.println("      why: " + r.reason());
                    out.println("      fix: " + r.fix());
                }
            }
            out.println(c.faint("      from " + m.origin()));
            printSteps(out, "steps", m.steps(), fullScripts, c);
            printSteps(out, "compensation", m.compensation(), fullScripts, c);
        }
        if (!fullScripts && plan.moves().stream().anyMatch(m -> !m.steps().isEmpty())) {
            out.println();
            out.println(c.faint("Scripts are shown without the envelope they all share (errors stop the script; the result is printed"));
            out.println(c.faint("as one ASCII JSON object). --full-scripts or --output json shows them whole. The envelope:"));
            for (String line : StepScripts.envelope().split("\n")) {
                out.println(c.faint("    " + line));
            }
        }
    }

    /** Just the refused moves, each with its reason and fix. */
    static void refusals(Plan plan, PrintWriter out) {
        for (PlannedMove m : plan.moves()) {
            if (m.outcome() instanceof Refused r) {
                out.println("  " + m.id() + " " + m.vmName() + ": " + r.code() + " — " + r.reason());
                out.println("      fix: " + r.fix());
            }
        }
    }

    private static void printList(PrintWriter out, String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            out.println((i == 0 ? String.format("      %s: ", label) : " ".repeat(label.length() + 8)) + items.get(i));
        }
    }

    private static void printSteps(PrintWriter out, String label, List<Step> steps, boolean fullScripts, Colors c) {
        if (steps.isEmpty()) {
            return;
        }
        out.println("      " + label + ":");
        int n = 1;
        for (Step s : steps) {
            out.println(String.format("        %d. %-10s on %-12s %s%s", n++, s.id(), s.host(), s.title(), s.idempotent() ? "" : c.faint("  (not retried)")));
            String script = fullScripts ? s.script().text() : s.script().body();
            for (String line : script.split("\n")) {
                out.println(c.faint("             | ") + line);
            }
        }
    }
}
