package io.hvmigrate.sim.world.fleet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a fleet file (YAML). Unknown keys and wrong types are reported as {@code file:line:col: ...}; references that
 * do not resolve (a VM on an unknown host, a node of an unknown cluster) are reported with their place in the tree,
 * e.g. {@code lab.yaml: vms[3].host: no host named 'HV-X9'}. All problems are reported at once.
 */
public final class FleetLoader {
    private static final Set<Integer> OS_RELEASES = Set.of(2016, 2019, 2022, 2025);

    private final ObjectMapper mapper = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    public Fleet load(Path file) throws FleetLoadException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new FleetLoadException(file + ": cannot read the fleet file: " + e.getMessage(), e);
        }
        return parse(file.getFileName().toString(), text);
    }

    /** Parses fleet text; {@code origin} names it in messages. */
    public Fleet parse(String origin, String yaml) throws FleetLoadException {
        Fleet fleet;
        try {
            fleet = mapper.readValue(yaml, Fleet.class);
        } catch (JsonProcessingException e) {
            throw new FleetLoadException(describe(origin, yaml, e), e);
        }
        if (fleet == null) {
            throw new FleetLoadException(origin + ": the fleet file is empty");
        }
        List<String> problems = validate(fleet);
        if (!problems.isEmpty()) {
            throw new FleetLoadException(problems.stream().map(p -> origin + ": " + p)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        return fleet;
    }

    private static String describe(String origin, String yaml, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? origin : origin + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        if (e instanceof UnrecognizedPropertyException u && loc != null) {
            where = keyLocation(origin, yaml, u.getPropertyName(), loc.getLineNr()).orElse(where);
        }
        String path = e instanceof JsonMappingException m ? pathOf(m) : "";
        String what = switch (e) {
            case UnrecognizedPropertyException u -> "unknown key '" + u.getPropertyName() + "'"
                    + (path.isEmpty() ? "" : " in " + parentPath(path)) + "; known keys: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            case InvalidTypeIdException t -> "unknown kind '" + t.getTypeId() + "' at " + path
                    + " (known: migrationFailure, hostCrash)";
            case InvalidFormatException f -> "wrong type at " + path + ": '" + f.getValue() + "' is not a "
                    + typeName(f.getTargetType());
            case MismatchedInputException m -> "wrong type at " + (path.isEmpty() ? "top level" : path)
                    + ": expected " + typeName(m.getTargetType());
            default -> e.getOriginalMessage();
        };
        return where + ": " + what;
    }

    /**
     * The parser reports an unknown key where it stopped reading, which may be past the key; the key's own place is
     * the last occurrence of {@code key:} at or before that line.
     */
    private static java.util.Optional<String> keyLocation(String origin, String yaml, String key, int line) {
        String[] lines = yaml.split("\\R", -1);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|[\\s{,\\-])(" 
                + java.util.regex.Pattern.quote(key) + ")\\s*:");
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            java.util.regex.Matcher m = p.matcher(lines[i]);
            if (m.find()) {
                return java.util.Optional.of(origin + ":" + (i + 1) + ":" + (m.start(2) + 1));
            }
        }
        return java.util.Optional.empty();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String pathOf(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String parentPath(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "top level" : path.substring(0, dot);
    }

    private static String forestOf(Fleet f, String domain) {
        return f.domains().stream().filter(d -> d.name() != null && d.name().equalsIgnoreCase(domain))
                .map(d -> fold(d.forest())).findFirst().orElse(null);
    }

    /** Checks that the fleet's references resolve and its values are in range (also for fleets built in code). */
    public static List<String> validate(Fleet f) {
        List<String> p = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        for (int i = 0; i < f.domains().size(); i++) {
            DomainSpec d = f.domains().get(i);
            require(p, d.name() != null, "domains[" + i + "].name is required");
            require(p, d.netbios() != null, "domains[" + i + "].netbios is required");
            if (d.name() != null) {
                domains.add(fold(d.name()));
            }
        }
        Set<String> forests = new HashSet<>();
        f.domains().forEach(d -> forests.add(fold(d.forest())));
        for (int i = 0; i < f.trusts().size(); i++) {
            TrustSpec t = f.trusts().get(i);
            String at = "trusts[" + i + "]";
            require(p, t.type() != null, at + ".type is required (Forest or External)");
            Set<String> ends = t.type() == TrustSpec.TrustType.Forest ? forests : domains;
            require(p, t.from() != null && ends.contains(fold(t.from())), at + ".from: no "
                    + (t.type() == TrustSpec.TrustType.Forest ? "forest" : "domain") + " named '" + t.from() + "'");
            require(p, t.to() != null && ends.contains(fold(t.to())), at + ".to: no "
                    + (t.type() == TrustSpec.TrustType.Forest ? "forest" : "domain") + " named '" + t.to() + "'");
            if (t.type() == TrustSpec.TrustType.External && t.from() != null && t.to() != null) {
                String ff = forestOf(f, t.from());
                require(p, ff == null || !ff.equals(forestOf(f, t.to())), at + ": " + t.from() + " and " + t.to()
                        + " are in the same forest, whose domains already trust each other; an external trust joins "
                        + "domains of different forests");
            }
        }
        for (int i = 0; i < f.users().size(); i++) {
            UserSpec u = f.users().get(i);
            require(p, u.sam() != null, "users[" + i + "].sam is required");
            domain(p, domains, "users[" + i + "].domain", u.domain());
        }
        for (int i = 0; i < f.computers().size(); i++) {
            domain(p, domains, "computers[" + i + "].domain", f.computers().get(i).domain());
        }
        Set<String> clusters = new HashSet<>();
        for (int i = 0; i < f.clusters().size(); i++) {
            ClusterSpec c = f.clusters().get(i);
            require(p, c.name() != null, "clusters[" + i + "].name is required");
            require(p, clusters.add(fold(c.name())), "clusters[" + i + "].name: '" + c.name() + "' is declared twice");
            domain(p, domains, "clusters[" + i + "].domain", c.domain());
            require(p, c.maximumParallelMigrations() >= 1, "clusters[" + i + "].maximumParallelMigrations must be >= 1");
            Set<String> nets = c.networks().stream().map(n -> fold(n.name())).collect(Collectors.toSet());
            for (String n : c.migrationNetworkOrder()) {
                require(p, nets.contains(fold(n)), "clusters[" + i + "].migrationNetworkOrder: no network '" + n + "'");
            }
            for (String n : c.migrationExcludeNetworks()) {
                require(p, nets.contains(fold(n)), "clusters[" + i + "].migrationExcludeNetworks: no network '" + n
                        + "'");
            }
        }
        Set<String> hosts = new HashSet<>();
        for (int i = 0; i < f.hosts().size(); i++) {
            HostSpec h = f.hosts().get(i);
            String at = "hosts[" + i + "]";
            require(p, h.name() != null, at + ".name is required");
            require(p, h.name() == null || hosts.add(fold(h.name())), at + ".name: '" + h.name()
                    + "' is declared twice");
            domain(p, domains, at + ".domain", h.domain());
            require(p, OS_RELEASES.contains(h.os()), at + ".os: " + h.os() + " is not one of 2016, 2019, 2022, 2025");
            require(p, h.cluster() == null || clusters.contains(fold(h.cluster())), at + ".cluster: no cluster named '"
                    + h.cluster() + "'");
            String auth = h.migration().authenticationType();
            require(p, auth.equalsIgnoreCase("Kerberos") || auth.equalsIgnoreCase("CredSSP"), at
                    + ".migration.authenticationType: '" + auth + "' is not one of CredSSP, Kerberos");
            String perf = h.migration().performanceOption();
            require(p, List.of("tcpip", "compression", "smb").contains(fold(perf)), at
                    + ".migration.performanceOption: '" + perf + "' is not one of TCPIP, Compression, SMB");
            for (String a : h.migrationAddresses()) {
                require(p, DataAddresses.isDocumentationAddress(a), at + ".migrationAddresses: '" + a
                        + "' is not in a documentation range (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, "
                        + "2001:db8::/32)");
            }
            require(p, h.migrationLinkGbps() > 0, at + ".migrationLinkGbps must be > 0");
            require(p, h.migrationRdmaLinks() >= 0, at + ".migrationRdmaLinks must be >= 0");
            require(p, h.managementAddress() == null || DataAddresses.isDocumentationAddress(h.managementAddress()),
                    at + ".managementAddress: '" + h.managementAddress() + "' is not in a documentation range");
            HostSpec.TransportFault tf = h.winrm().fault();
            require(p, tf == null || tf.probability() == null || (tf.probability() > 0 && tf.probability() <= 1),
                    at + ".winrm.fault.probability must be more than 0 and at most 1");
            require(p, DataAddresses.isLoopback(h.winrm().address()), at + ".winrm.address: '" + h.winrm().address()
                    + "' is not a loopback address");
        }
        Set<String> fileServers = new HashSet<>();
        for (int i = 0; i < f.fileServers().size(); i++) {
            FileServerSpec s = f.fileServers().get(i);
            require(p, s.name() != null, "fileServers[" + i + "].name is required");
            if (s.name() != null) {
                fileServers.add(fold(s.name()));
            }
            domain(p, domains, "fileServers[" + i + "].domain", s.domain());
            require(p, s.sofs() || s.nodes().isEmpty(), "fileServers[" + i + "].nodes: only a SOFS has nodes");
        }
        Set<String> vmNames = new HashSet<>();
        for (int i = 0; i < f.vms().size(); i++) {
            VmSpec v = f.vms().get(i);
            String at = "vms[" + i + "]";
            require(p, v.name() != null, at + ".name is required");
            require(p, v.name() == null || vmNames.add(fold(v.name())), at + ".name: '" + v.name()
                    + "' is declared twice");
            require(p, v.host() != null && hosts.contains(fold(v.host())), at + ".host: no host named '" + v.host()
                    + "'");
            require(p, List.of("running", "off", "saved", "paused").contains(fold(v.state())), at + ".state: '"
                    + v.state() + "' is not one of Running, Off, Saved, Paused");
            require(p, v.version().matches("\\d+\\.\\d+"), at + ".version: '" + v.version() + "' is not like 10.0");
            require(p, v.path() != null, at + ".path is required");
            if (v.clusterGroup() != null && v.host() != null) {
                String cluster = f.hosts().stream().filter(h -> fold(h.name()).equals(fold(v.host()))).findFirst()
                        .map(HostSpec::cluster).orElse(null);
                require(p, cluster != null, at + ".clusterGroup: host '" + v.host() + "' is not a cluster node");
            }
            if (v.path() != null && v.path().startsWith("\\\\")) {
                String server = v.path().substring(2).split("\\\\")[0];
                String shortName = server.contains(".") ? server.substring(0, server.indexOf('.')) : server;
                require(p, fileServers.contains(fold(shortName)), at + ".path: no file server named '" + server + "'");
            }
        }
        for (int i = 0; i < f.faults().size(); i++) {
            switch (f.faults().get(i)) {
                case FaultSpec.MigrationFailure m -> {
                    require(p, m.vm() == null ? m.probability() != null : vmNames.contains(fold(m.vm())), "faults[" + i + "].vm: no VM named '"
                            + m.vm() + "'");
                    require(p, m.probability() == null || (m.probability() > 0 && m.probability() <= 1), "faults[" + i
                            + "].probability must be more than 0 and at most 1");
                    require(p, m.atPercent() >= 0 && m.atPercent() < 100, "faults[" + i
                            + "].atPercent must be 0..99");
                }
                case FaultSpec.HostCrash c -> require(p, c.host() != null && hosts.contains(fold(c.host())),
                        "faults[" + i + "].host: no host named '" + c.host() + "'");
            }
        }
        return p;
    }

    private static void domain(List<String> p, Set<String> domains, String at, String domain) {
        require(p, domain != null && domains.contains(fold(domain)), at + ": no domain named '" + domain + "'");
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static String fold(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
