package io.hvmigrate.sim.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.fleet.FaultSpec;
import io.hvmigrate.sim.world.fleet.HostSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * hvsim's own small HTTP service on loopback, beside the hosts' WS-Management endpoints:
 * <ul>
 *   <li>{@code GET /about} — the cmdlets and parameters every host supports (text; {@code ?format=json} for JSON);</li>
 *   <li>{@code GET /vms} — where every VM is and its state, as JSON;</li>
 *   <li>{@code POST /faults} — inject a fault, JSON: {@code {"host":"HV-A1","transport":"http500"}} (modes none,
 *       unreachable, http500, slow (+"delayMs"), hang, dropAfterAccept, authFailure),
 *       {@code {"vm":"app-a1","atPercent":40,"hresult":"0x80072746","message":"..."}} (a migration that fails),
 *       {@code {"crash":"HV-A1"}}, {@code {"restart":"HV-A1"}}.</li>
 * </ul>
 */
public final class AdminServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final SimFleet fleet;

    private AdminServer(SimFleet fleet, HttpServer server, ExecutorService executor) {
        this.fleet = fleet;
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static AdminServer start(SimFleet fleet) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(ex);
        AdminServer a = new AdminServer(fleet, s, ex);
        s.createContext("/about", a::about);
        s.createContext("/vms", a::vms);
        s.createContext("/faults", a::faults);
        s.start();
        return a;
    }

    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    private void about(HttpExchange x) throws IOException {
        Map<String, CmdletInfo> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fleet.commands().cmdlets().forEach(c -> byName.put(c.name(), c));
        boolean json = x.getRequestURI().getQuery() != null && x.getRequestURI().getQuery().contains("format=json");
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("fleet", fleet.fleet().name());
            ArrayNode cmds = root.putArray("cmdlets");
            for (CmdletInfo c : byName.values()) {
                ObjectNode n = cmds.addObject();
                n.put("name", c.name());
                ArrayNode ps = n.putArray("parameters");
                c.parameters().stream().sorted(Comparator.comparing(ParameterInfo::name)).forEach(p -> {
                    ObjectNode pn = ps.addObject();
                    pn.put("name", p.name());
                    pn.put("type", p.type().toString());
                    p.aliases().forEach(pn.putArray("aliases")::add);
                    ArrayNode sets = pn.putArray("parameterSets");
                    p.sets().keySet().forEach(sets::add);
                });
            }
            ArrayNode natives = root.putArray("applications");
            natives.add("klist.exe");
            send(x, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return;
        }
        StringBuilder t = new StringBuilder("hvsim fleet '" + fleet.fleet().name() + "': supported commands\n\n");
        for (CmdletInfo c : byName.values()) {
            t.append(c.name()).append('\n');
            c.parameters().stream().sorted(Comparator.comparing(ParameterInfo::name)).forEach(p -> {
                t.append("    -").append(p.name()).append(" <").append(p.type()).append('>');
                if (!p.aliases().isEmpty()) {
                    t.append("  (alias ").append(String.join(", ", p.aliases())).append(')');
                }
                t.append('\n');
            });
        }
        t.append("\nklist.exe  (purge -li 0x3e7)\n");
        send(x, 200, "text/plain; charset=utf-8", t.toString());
    }

    private void vms(HttpExchange x) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (HostSpec h : fleet.fleet().hosts()) {
            try {
                for (VmInfo vm : fleet.world().vms(h.name())) {
                    ObjectNode n = out.addObject();
                    n.put("name", vm.name());
                    n.put("host", h.name());
                    n.put("state", String.valueOf(vm.state()));
                    n.put("clustered", vm.isClustered());
                }
            } catch (WorldException e) {
                // a crashed host lists nothing
            }
        }
        send(x, 200, "application/json", JSON.writeValueAsString(out));
    }

    private void faults(HttpExchange x) throws IOException {
        if (!"POST".equals(x.getRequestMethod())) {
            send(x, 405, "text/plain", "POST a JSON fault\n");
            return;
        }
        JsonNode f;
        try {
            f = JSON.readTree(x.getRequestBody());
        } catch (IOException e) {
            send(x, 400, "text/plain", "not JSON: " + e.getMessage() + "\n");
            return;
        }
        try {
            if (f.hasNonNull("transport") && f.hasNonNull("host")) {
                HostSpec.TransportFaultMode mode = HostSpec.TransportFaultMode.valueOf(f.get("transport").asText());
                Integer delay = f.hasNonNull("delayMs") ? f.get("delayMs").asInt() : null;
                fleet.world().setTransportFault(f.get("host").asText(), new HostSpec.TransportFault(mode, delay));
                fleet.applyReachability();
            } else if (f.hasNonNull("vm")) {
                fleet.world().injectMigrationFailure(new FaultSpec.MigrationFailure(f.get("vm").asText(),
                        f.hasNonNull("atPercent") ? f.get("atPercent").asInt() : null,
                        f.hasNonNull("hresult") ? f.get("hresult").asText() : null,
                        f.hasNonNull("message") ? f.get("message").asText() : null,
                        f.hasNonNull("once") ? f.get("once").asBoolean() : null));
            } else if (f.hasNonNull("crash")) {
                fleet.world().crashHost(f.get("crash").asText());
                fleet.applyReachability();
            } else if (f.hasNonNull("restart")) {
                fleet.world().restartHost(f.get("restart").asText());
                fleet.applyReachability();
            } else {
                send(x, 400, "text/plain", "unknown fault: give host+transport, vm, crash or restart\n");
                return;
            }
        } catch (WorldException | IllegalArgumentException e) {
            send(x, 400, "text/plain", e.getMessage() + "\n");
            return;
        }
        send(x, 200, "text/plain", "ok\n");
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
