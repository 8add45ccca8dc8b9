package io.hvmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a host says it is, as discovery reads it: its computer name and FQDN (Get-VMHost Name and
 * FullyQualifiedDomainName) and its SMBIOS system UUID (Win32_ComputerSystemProduct), a stable id that every name of the
 * machine shares. Discovery compares it with the inventory entry that reached the host, so that an entry whose address
 * reaches another host (a stale IP, a copy-paste slip, a DNS alias) is blocked before anything is changed there.
 *
 * @param computerName the NetBIOS computer name, or null when the host did not say
 * @param fqdn         its DNS name, or null
 * @param stableId     the SMBIOS UUID, lower-case, or null when the host has none (the all-zero or all-F UUID firmware
 *                     reports then)
 */
public record HostIdentity(String computerName, String fqdn, String stableId) {

    /** The identity in a discovery answer ({@code name}, {@code fqdn}, {@code uuid}). */
    static HostIdentity of(JsonNode discovered) {
        return new HostIdentity(text(discovered, "name"), text(discovered, "fqdn"), stableId(text(discovered, "uuid")));
    }

    /** The DNS domain, from the FQDN, or null for a bare name. */
    public String domain() {
        return Names.domainOf(fqdn);
    }

    /** {@code HV-A2 (hv-a2.lab.test, SMBIOS UUID …)}: how a finding names the host that answered. */
    public String describe() {
        StringBuilder s = new StringBuilder(computerName == null ? "a host that did not give its name" : computerName);
        List<String> more = new ArrayList<>();
        if (fqdn != null) {
            more.add(fqdn);
        }
        if (stableId != null) {
            more.add("SMBIOS UUID " + stableId);
        }
        return more.isEmpty() ? s.toString() : s.append(" (").append(String.join(", ", more)).append(')').toString();
    }

    /**
     * How the host differs from the inventory entry that reached it, or empty when it is the entry's host: the computer
     * name must be the entry's NetBIOS name, and the FQDN (so the domain) the entry's; a host that gives no name is
     * not taken on trust.
     */
    public Optional<String> mismatch(Inventory.HostEndpoint entry) {
        List<String> differ = new ArrayList<>();
        if (computerName == null) {
            differ.add("it did not give its computer name");
        } else if (!namedBy(computerName, entry)) {
            differ.add("computer name " + computerName + ", not " + entry.netbios());
        }
        if (fqdn != null && fqdn.contains(".")) {
            if (!Names.same(domain(), Names.domainOf(entry.fqdn()))) {
                differ.add("domain " + domain() + ", not " + Names.domainOf(entry.fqdn()));
            } else if (!Names.same(trimDot(fqdn), trimDot(entry.fqdn()))) {
                differ.add("FQDN " + fqdn + ", not " + entry.fqdn());
            }
        }
        if (differ.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("inventory entry " + entry.name() + " (" + entry.fqdn() + ") reached a host that says it is "
                + describe() + ": " + String.join("; ", differ));
    }

    /**
     * The inventory entries to block, each with why: those that reached a host other than their own (by what the host
     * said, or by the name its certificate gave), and every entry of a group that reached one host (the same FQDN or
     * stable id), each naming the others. A host's own entry is blocked too when another entry reaches it: which of them
     * the user meant cannot be told.
     *
     * @param answered        what each host that answered discovery said it is, by inventory name
     * @param certificateName for entries whose TLS handshake met another host's certificate, the name it gave, by
     *                        inventory name; {@code refusedAs} holds the words of that refusal
     */
    public static Map<String, String> blocked(Inventory inventory, Map<String, HostIdentity> answered,
                                              Map<String, String> certificateName, Map<String, String> refusedAs) {
        Map<String, List<String>> why = new LinkedHashMap<>();
        Map<String, Set<String>> byHost = new LinkedHashMap<>();   // the host's FQDN, or "SMBIOS UUID …" -> entries
        for (Inventory.HostEndpoint e : inventory.hosts()) {
            HostIdentity id = answered.get(e.name());
            String cert = certificateName.get(e.name());
            if (id != null) {
                id.mismatch(e).ifPresent(m -> why.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(m));
                String host = id.fqdn() != null && id.fqdn().contains(".") ? id.fqdn() : e.fqdn();
                byHost.computeIfAbsent(trimDot(host).toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(e.name());
                if (id.stableId() != null) {
                    byHost.computeIfAbsent("SMBIOS UUID " + id.stableId(), k -> new LinkedHashSet<>()).add(e.name());
                }
            } else if (cert != null) {
                why.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(refusedAs.getOrDefault(e.name(),
                        "the host at its address presented a certificate for " + cert + ", not for " + e.fqdn()));
                byHost.computeIfAbsent(trimDot(cert).toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).add(e.name());
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (var g : byHost.entrySet()) {
            Set<String> names = g.getValue();
            if (names.size() < 2 || !seen.add(String.join(",", names))) {
                continue;
            }
            String all = names.size() == 2 ? String.join(" and ", names) : String.join(", ", names);
            for (String n : names) {
                why.computeIfAbsent(n, k -> new ArrayList<>()).add("inventory entries " + all + " reach the same host ("
                        + g.getKey() + "): which one is meant cannot be told");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        why.forEach((n, w) -> out.put(n, String.join("; ", w)));
        return out;
    }

    /**
     * Inventory entries that connect to the same address and port (and so reach one host), each with why, naming the
     * others. They are blocked without being contacted: one connection pool serves every entry, so a connection opened
     * for one entry may carry another's requests unchecked.
     */
    public static Map<String, String> sharedTargets(List<Inventory.HostEndpoint> entries) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (Inventory.HostEndpoint e : entries) {
            String target = e.transport().name().toLowerCase(Locale.ROOT) + "://" + e.address().toLowerCase(Locale.ROOT) + ":" + e.port();
            byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(e.name());
        }
        Map<String, String> out = new LinkedHashMap<>();
        byTarget.forEach((target, names) -> {
            if (names.size() > 1) {
                String all = names.size() == 2 ? String.join(" and ", names) : String.join(", ", names);
                names.forEach(n -> out.put(n, "inventory entries " + all + " connect to the same address and port ("
                        + target.substring(target.indexOf("://") + 3) + "), so they reach the same host: which one is meant cannot be told"));
            }
        });
        return out;
    }

    /**
     * The computer name is the entry's: its NetBIOS name, or the first label of its FQDN, cut to the 15 characters a
     * NetBIOS name holds when it is longer (a DNS host name may be longer than the computer's NetBIOS name).
     */
    private static boolean namedBy(String computerName, Inventory.HostEndpoint entry) {
        String label = Names.netbiosOf(entry.fqdn());
        return Names.same(computerName, entry.netbios()) || Names.same(computerName, label)
                || (label.length() > 15 && Names.same(computerName, label.substring(0, 15)));
    }

    /** The stable id, lower-case; null for none, all zeros or all F (what firmware without a UUID reports). */
    static String stableId(String uuid) {
        if (uuid == null || uuid.isBlank()) {
            return null;
        }
        String u = uuid.strip().toLowerCase(Locale.ROOT);
        String digits = u.replace("-", "");
        return digits.chars().allMatch(c -> c == '0') || digits.chars().allMatch(c -> c == 'f') ? null : u;
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }
}
