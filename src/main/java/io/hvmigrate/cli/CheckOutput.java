package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.check.Finding;
import io.hvmigrate.check.Report;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Preflight findings for people (grouped by move and by host) and for schedulers (JSON). */
final class CheckOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckOutput() {}

    static void text(Report r, PrintWriter out) {
        text(r, out, false);
    }

    /** @param someRefused some moves could not be planned, so preflight did not check them: never say "every check passed" */
    static void text(Report r, PrintWriter out, boolean someRefused) {
        if (r.findings().isEmpty()) {
            out.println(someRefused ? "Preflight of the moves that could be planned: nothing found (the moves above were not checked)."
                    : "Preflight: every check passed.");
            return;
        }
        out.printf("Preflight: %d blocking, %d warnings, %d notes%n", r.count(Finding.Severity.BLOCKING),
                r.count(Finding.Severity.WARNING), r.count(Finding.Severity.INFO));
        out.println();
        out.println("By move:");
        for (Map.Entry<String, List<Finding>> e : r.byMove().entrySet()) {
            out.println("  " + e.getKey());
            for (Finding f : e.getValue()) {
                line(out, f, "    ");
            }
        }
        out.println();
        out.println("By host:");
        for (Map.Entry<String, List<Finding>> e : r.byHost().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue().stream().map(f -> f.id() + (f.move() == null ? "" : " (" + f.move() + ")")).distinct().toList());
        }
    }

    private static void line(PrintWriter out, Finding f, String indent) {
        out.println(indent + f.severity().name().toLowerCase(Locale.ROOT) + " " + f.id() + " [" + f.host() + "]: " + f.message());
        for (String ev : f.evidence()) {
            out.println(indent + "    evidence: " + ev);
        }
        if (f.fix() != null) {
            out.println(indent + "    fix: " + f.fix());
        }
    }

    static ObjectNode json(Report r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "hvmigrate-preflight");
        root.put("blocking", r.blocking());
        ObjectNode counts = root.putObject("counts");
        for (Finding.Severity s : Finding.Severity.values()) {
            counts.put(s.name().toLowerCase(Locale.ROOT), r.count(s));
        }
        ArrayNode list = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = list.addObject();
            n.put("id", f.id());
            n.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            n.put("move", f.move());
            n.put("host", f.host());
            n.put("message", f.message());
            ArrayNode ev = n.putArray("evidence");
            f.evidence().forEach(ev::add);
            n.put("fix", f.fix());
        }
        return root;
    }

    /**
     * How the engine reached one host: transport, address, port, authentication, where its key came from.
     * {@code protection}: {@code tls} (certificate checked), {@code tls-unverified}, {@code kerberos-sealed} or
     * {@code ntlm-sealed} (plain HTTP, every message encrypted with the connection's Kerberos or NTLM context).
     */
    record Connection(String host, String transport, String address, int port, String auth, String key, String protection,
                      String outcome) {}

    static List<Connection> connections(io.hvmigrate.model.Inventory inv, java.util.List<io.hvmigrate.plan.UnreadHost> unread) {
        java.util.List<Connection> out = new java.util.ArrayList<>();
        for (io.hvmigrate.model.Inventory.HostEndpoint h : inv.hosts()) {
            String key = h.credential() == null ? (h.auth() == io.hvmigrate.model.Inventory.Auth.KERBEROS ? "ticket cache" : "none")
                    : h.credential().source() == io.hvmigrate.model.CredentialRef.Source.KEYTAB ? "keytab" : "password";
            String outcome = unread.stream().filter(u -> io.hvmigrate.model.Names.same(u.host(), h.name())).findFirst()
                    .map(u -> "not read (" + u.code() + ")").orElse("read");
            String protection = h.transport() == io.hvmigrate.model.Inventory.Transport.HTTP
                    ? (h.auth() == io.hvmigrate.model.Inventory.Auth.NTLM ? "ntlm-sealed" : "kerberos-sealed")
                    : h.skipCertificateCheck() ? "tls-unverified" : "tls";
            out.add(new Connection(h.name(), h.transport().name().toLowerCase(Locale.ROOT), h.address(), h.port(),
                    h.auth().name().toLowerCase(Locale.ROOT), key, protection, outcome));
        }
        return out;
    }

    static void connections(List<Connection> list, PrintWriter out) {
        out.println("Connections:");
        for (Connection c : list) {
            String protection = switch (c.protection()) {
                case "kerberos-sealed" -> "messages encrypted with Kerberos";
                case "ntlm-sealed" -> "messages encrypted with NTLM";
                case "tls-unverified" -> "TLS, certificate NOT checked";
                default -> "TLS, certificate checked";
            };
            out.println("  " + c.host() + "  " + c.transport() + "://" + c.address() + ":" + c.port() + "  " + c.auth()
                    + " (" + c.key() + ")  " + protection + "  " + c.outcome());
        }
        out.println();
    }

    static void connections(List<Connection> list, ObjectNode root) {
        ArrayNode a = root.putArray("connections");
        for (Connection c : list) {
            a.addObject().put("host", c.host()).put("transport", c.transport()).put("address", c.address()).put("port", c.port())
                    .put("auth", c.auth()).put("key", c.key()).put("protection", c.protection()).put("outcome", c.outcome());
        }
    }
}
