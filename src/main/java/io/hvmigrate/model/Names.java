package io.hvmigrate.model;

import java.util.Locale;

/** Windows compares computer, cluster, VM and share names without regard to case. */
public final class Names {
    private Names() {}

    public static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** The first DNS label of a name, upper-cased, as a NetBIOS name is usually derived ("hv-a1.lab.test" → "HV-A1"). */
    public static String netbiosOf(String fqdn) {
        int dot = fqdn.indexOf('.');
        return (dot < 0 ? fqdn : fqdn.substring(0, dot)).toUpperCase(Locale.ROOT);
    }

    /** "hv-a1.lab.test" → "lab.test"; a name without a dot has no domain. */
    public static String domainOf(String fqdn) {
        int dot = fqdn == null ? -1 : fqdn.indexOf('.');
        return dot < 0 ? null : fqdn.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
