package io.hvmigrate.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Writes facts in the format {@link FactsFormat} reads: what {@code hvmigrate discover --out FILE} saves. */
public final class FactsWriter {
    private FactsWriter() {}

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();

    public static String yaml(Facts f) throws IOException {
        return "# hvmigrate facts snapshot (hvmigrate discover); plan against it with --facts\n" + YAML.writeValueAsString(tree(f));
    }

    public static String json(Facts f) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(f));
    }

    static ObjectNode tree(Facts f) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", Facts.FORMAT_VERSION);
        if (f.collectedAt() != null) {
            root.put("collectedAt", f.collectedAt().toString());
        }
        ObjectNode dir = root.putObject("directory");
        ArrayNode domains = dir.putArray("domains");
        f.directory().domains().forEach(d -> domains.addObject().put("name", d.name()).put("forest", d.forest()));
        ArrayNode trusts = dir.putArray("trusts");
        f.directory().trusts().forEach(t -> trusts.addObject().put("trusting", t.trusting()).put("trusted", t.trusted())
                .put("type", t.type().name().toLowerCase(Locale.ROOT)).put("bidirectional", t.bidirectional()));
        ArrayNode computers = dir.putArray("computers");
        for (Facts.ComputerAccount c : f.directory().computers()) {
            ObjectNode o = computers.addObject().put("host", c.host()).put("samAccountName", c.samAccountName());
            strings(o, "servicePrincipalNames", c.servicePrincipalNames());
            strings(o, "allowedToDelegateTo", c.allowedToDelegateTo());
            o.put("trustedToAuthForDelegation", c.trustedToAuthForDelegation()).put("trustedForDelegation", c.trustedForDelegation());
            strings(o, "allowedToActOnBehalfOf", c.allowedToActOnBehalfOf());
            if (c.whenChanged() != null) {
                o.put("whenChanged", c.whenChanged().toString());
            }
        }
        ArrayNode users = dir.putArray("users");
        for (Facts.UserAccount u : f.directory().users()) {
            ObjectNode o = users.addObject().put("account", u.account()).put("samAccountName", u.samAccountName());
            putIf(o, "domain", u.domain());
            strings(o, "hosts", u.hosts());
            o.put("accountNotDelegated", u.accountNotDelegated());
            strings(o, "memberOf", u.memberOf());
        }
        ArrayNode tickets = dir.putArray("tickets");
        for (Facts.SystemTicket t : f.directory().tickets()) {
            ObjectNode o = tickets.addObject().put("host", t.host()).put("start", t.start().toString());
            if (t.end() != null) {
                o.put("end", t.end().toString());
            }
        }
        ArrayNode clusters = root.putArray("clusters");
        for (Facts.ClusterFacts c : f.clusters()) {
            ObjectNode o = clusters.addObject().put("name", c.name());
            putIf(o, "fqdn", c.fqdn());
            putIf(o, "domain", c.domain());
            strings(o, "nodes", c.nodes());
            o.put("maximumParallelMigrations", c.maximumParallelMigrations());
            volumes(o.putArray("csvVolumes"), c.csvVolumes());
        }
        ArrayNode fs = root.putArray("fileServers");
        for (Facts.FileServerFacts s : f.fileServers()) {
            ObjectNode o = fs.addObject().put("name", s.name());
            putIf(o, "fqdn", s.fqdn());
            putIf(o, "netbios", s.netbios());
            putIf(o, "domain", s.domain());
            o.put("kind", s.kind() == Inventory.FileServerKind.SOFS ? "sofs" : "file-server");
            strings(o, "nodes", s.nodes());
            ArrayNode shares = o.putArray("shares");
            s.shares().forEach(sh -> {
                ObjectNode x = shares.addObject().put("name", sh.name());
                strings(x, "fullControl", sh.fullControl());
                x.put("free", sh.freeBytes());
            });
        }
        ArrayNode hosts = root.putArray("hosts");
        for (Facts.HostFacts h : f.hosts()) {
            ObjectNode o = hosts.addObject().put("name", h.name()).put("fqdn", h.fqdn()).put("netbios", h.netbios());
            putIf(o, "domain", h.domain());
            putIf(o, "os", h.os());
            putIf(o, "cluster", h.cluster());
            putIf(o, "nodeState", h.nodeState());
            var m = h.migration();
            o.putObject("migration").put("enabled", m.enabled())
                    .put("authenticationType", m.authenticationType() == Facts.AuthType.KERBEROS ? "Kerberos" : "CredSSP")
                    .put("performanceOption", switch (m.performanceOption()) {
                        case TCPIP -> "TCPIP";
                        case COMPRESSION -> "Compression";
                        case SMB -> "SMB";
                    })
                    .put("useAnyNetwork", m.useAnyNetwork()).put("maximumVirtualMachineMigrations", m.maximumVirtualMachineMigrations())
                    .put("maximumStorageMigrations", m.maximumStorageMigrations());
            ArrayNode nets = o.putArray("migrationNetworks");
            h.migrationNetworks().forEach(n -> nets.addObject().put("subnet", n.subnet()).put("priority", n.priority()));
            strings(o, "addresses", h.addresses());
            strings(o, "switches", h.switches());
            o.putObject("processor").put("vendor", h.processor().vendor()).put("model", h.processor().model());
            strings(o, "supportedVersions", h.supportedVersions());
            o.putObject("memory").put("total", h.memory().totalBytes()).put("available", h.memory().availableBytes());
            volumes(o.putArray("volumes"), h.volumes());
            o.put("credentialGuard", h.credentialGuard());
            putIf(o, "virtualMachinePath", h.virtualMachinePath());
        }
        ArrayNode vms = root.putArray("vms");
        for (Facts.VmFacts v : f.vms()) {
            ObjectNode o = vms.addObject().put("name", v.name()).put("id", v.id()).put("host", v.host()).put("state", v.state())
                    .put("version", v.version()).put("generation", v.generation()).put("memory", v.memoryBytes()).put("path", v.path());
            ArrayNode disks = o.putArray("disks");
            v.disks().forEach(d -> {
                var disk = disks.addObject().put("path", d.path());
                if (d.sizeKnown()) {
                    disk.put("size", d.sizeBytes());
                }
            });
            strings(o, "switches", v.switches());
            strings(o, "iso", v.isoPaths());
            if (v.group() != null) {
                ObjectNode g = o.putObject("group").put("name", v.group().name());
                putIf(g, "ownerNode", v.group().ownerNode());
                putIf(g, "state", v.group().state());
                g.put("priority", v.group().priority());
                strings(g, "preferredOwners", v.group().preferredOwners());
            }
        }
        return root;
    }

    private static void putIf(ObjectNode o, String k, String v) {
        if (v != null) {
            o.put(k, v);
        }
    }

    private static void strings(ObjectNode o, String k, List<String> values) {
        ArrayNode a = o.putArray(k);
        values.forEach(a::add);
    }

    private static void volumes(ArrayNode a, List<Facts.Volume> vols) {
        vols.forEach(v -> a.addObject().put("path", v.path()).put("free", v.freeBytes()));
    }
}
