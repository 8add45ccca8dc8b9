package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.World;
import io.hvmigrate.sim.world.fleet.DomainSpec;
import io.hvmigrate.sim.world.fleet.TrustSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** ADDomain, ADForest and ADTrust objects, from the fleet's domains and trusts. */
final class AdTopologyObjects {
    private AdTopologyObjects() {}

    /** ADTrustDirection. */
    static final PsEnum TRUST_DIRECTION = new PsEnum("Microsoft.ActiveDirectory.Management.ADTrustDirection",
            ordered("Disabled", 0, "Inbound", 1, "Outbound", 2, "BiDirectional", 3));
    /** ADTrustType. */
    static final PsEnum TRUST_TYPE = new PsEnum("Microsoft.ActiveDirectory.Management.ADTrustType",
            ordered("DownLevel", 1, "Uplevel", 2, "MIT", 3, "DCE", 4));

    /** trustAttributes bits. */
    static final int NON_TRANSITIVE = 0x1;
    static final int QUARANTINED_DOMAIN = 0x4;
    static final int FOREST_TRANSITIVE = 0x8;
    static final int WITHIN_FOREST = 0x20;

    private static Map<String, Long> ordered(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Integer) kv[i + 1]).longValue());
        }
        return m;
    }

    static String dn(String domain) {
        List<String> parts = new ArrayList<>();
        for (String p : domain.toLowerCase(Locale.ROOT).split("\\.")) {
            parts.add("DC=" + p);
        }
        return String.join(",", parts);
    }

    private static DomainSpec spec(World w, String domain) {
        return w.topology().domain(domain).orElse(new DomainSpec(domain,
                domain.split("\\.")[0].toUpperCase(Locale.ROOT), null));
    }

    private static UUID guid(String s) {
        return UUID.nameUUIDFromBytes(s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    static PsObject domain(World w, String domain) {
        DomainSpec d = spec(w, domain);
        String name = d.name().toLowerCase(Locale.ROOT);
        String forest = d.forest().toLowerCase(Locale.ROOT);
        List<Object> children = new ArrayList<>();
        for (DomainSpec x : w.topology().domains()) {
            String xn = x.name().toLowerCase(Locale.ROOT);
            if (xn.endsWith("." + name) && xn.indexOf('.') == xn.length() - name.length() - 1) {
                children.add(xn);
            }
        }
        String parent = null;
        int dot = name.indexOf('.');
        if (dot > 0 && w.topology().domain(name.substring(dot + 1)).isPresent() && !name.equals(forest)) {
            parent = name.substring(dot + 1);
        }
        String dc = "DC1." + name;
        PsObject o = new PsObject(List.of("Microsoft.ActiveDirectory.Management.ADDomain",
                "Microsoft.ActiveDirectory.Management.ADPartition", "Microsoft.ActiveDirectory.Management.ADObject",
                "Microsoft.ActiveDirectory.Management.ADEntity", "System.Object"));
        o.put("ChildDomains", children).put("DistinguishedName", dn(name)).put("DNSRoot", name)
                .put("DomainMode", "Windows2016Domain").put("Forest", forest)
                .put("InfrastructureMaster", dc).put("Name", name.split("\\.")[0]).put("NetBIOSName", d.netbios())
                .put("ObjectClass", "domainDNS").put("ObjectGUID", guid(name)).put("ParentDomain", parent)
                .put("PDCEmulator", dc).put("ReplicaDirectoryServers", new ArrayList<Object>(List.of(dc)))
                .put("RIDMaster", dc);
        o.toStringValue(dn(name));
        return o;
    }

    static PsObject forest(World w, String forest) {
        String root = forest.toLowerCase(Locale.ROOT);
        List<Object> domains = new ArrayList<>();
        for (DomainSpec d : w.topology().domains()) {
            if (d.forest().equalsIgnoreCase(root)) {
                domains.add(d.name().toLowerCase(Locale.ROOT));
            }
        }
        if (domains.isEmpty()) {
            domains.add(root);
        }
        String dc = "DC1." + root;
        PsObject o = new PsObject(List.of("Microsoft.ActiveDirectory.Management.ADForest",
                "Microsoft.ActiveDirectory.Management.ADEntity", "System.Object"));
        o.put("DomainNamingMaster", dc).put("Domains", domains).put("ForestMode", "Windows2016Forest")
                .put("GlobalCatalogs", new ArrayList<Object>(List.of(dc))).put("Name", root).put("RootDomain", root)
                .put("SchemaMaster", dc).put("Sites", new ArrayList<Object>(List.of("Default-First-Site-Name")))
                .put("SPNSuffixes", new ArrayList<>()).put("UPNSuffixes", new ArrayList<>());
        o.toStringValue(root);
        return o;
    }

    /**
     * The trusted domain objects {@code domain} holds. A forest trust lives in the two forest roots; an external trust
     * in the two domains it joins, whichever forests they are in (a child domain's external trust lives in the child,
     * not in its forest root); a parent-child trust in the parent and the child. Direction is seen from {@code domain}: Outbound when it trusts the partner.
     */
    static List<PsObject> trusts(World w, String domain) {
        String me = domain.toLowerCase(Locale.ROOT);
        List<PsObject> out = new ArrayList<>();
        for (TrustSpec t : w.topology().trusts()) {
            String from = t.from().toLowerCase(Locale.ROOT);
            String to = t.to().toLowerCase(Locale.ROOT);
            String partner;
            String direction;
            if (from.equals(me)) {
                partner = to;
                direction = switch (t.direction()) {
                    case Bidirectional -> "BiDirectional";
                    case Outbound -> "Outbound";
                    case Inbound -> "Inbound";
                };
            } else if (to.equals(me)) {
                partner = from;
                direction = switch (t.direction()) {
                    case Bidirectional -> "BiDirectional";
                    case Outbound -> "Inbound";
                    case Inbound -> "Outbound";
                };
            } else {
                continue;
            }
            boolean forestTrust = t.type() == TrustSpec.TrustType.Forest;
            out.add(trust(me, partner, direction, forestTrust, false));
        }
        // the parent-child trusts AD creates with a child domain: two-way, transitive, within the forest
        for (DomainSpec d : w.topology().domains()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            String parent = parentOf(w, d);
            if (parent != null && parent.equals(me)) {
                out.add(trust(me, name, "BiDirectional", false, true));
            } else if (parent != null && name.equals(me)) {
                out.add(trust(me, parent, "BiDirectional", false, true));
            }
        }
        return out;
    }

    /** The parent domain of a child domain of the same forest ({@code child.lab.test} → {@code lab.test}), or null. */
    private static String parentOf(World w, DomainSpec d) {
        String name = d.name().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot < 0 || name.equals(d.forest().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String parent = name.substring(dot + 1);
        return w.topology().domain(parent).filter(p -> p.forest().equalsIgnoreCase(d.forest()))
                .map(p -> parent).orElse(null);
    }

    private static PsObject trust(String me, String partner, String direction, boolean forestTrust,
                                  boolean withinForest) {
        int attributes = withinForest ? WITHIN_FOREST : forestTrust ? FOREST_TRANSITIVE : QUARANTINED_DOMAIN;
        PsObject o = new PsObject(List.of("Microsoft.ActiveDirectory.Management.ADTrust",
                "Microsoft.ActiveDirectory.Management.ADObject", "Microsoft.ActiveDirectory.Management.ADEntity",
                "System.Object"));
        String dn = "CN=" + partner + ",CN=System," + dn(me);
        o.put("Direction", TRUST_DIRECTION.of(direction)).put("DisallowTransivity", false)
                .put("DistinguishedName", dn).put("ForestTransitive", forestTrust).put("IntraForest", withinForest)
                .put("IsTreeParent", false).put("IsTreeRoot", false).put("Name", partner)
                .put("ObjectClass", "trustedDomain").put("ObjectGUID", guid(dn))
                .put("SelectiveAuthentication", false).put("SIDFilteringForestAware", false)
                .put("SIDFilteringQuarantined", !forestTrust && !withinForest).put("Source", dn(me)).put("Target", partner)
                .put("TGTDelegation", false).put("TrustAttributes", attributes)
                .put("TrustedPolicy", null).put("TrustingPolicy", null).put("TrustType", TRUST_TYPE.of("Uplevel"))
                .put("UplevelOnly", false).put("UsesAESKeys", false).put("UsesRC4Encryption", false);
        o.toStringValue(dn);
        return o;
    }
}
