package io.hvmigrate.model;

import java.util.Locale;

/** Windows compares computer, cluster, VM and share names without regard to case. */
public final class Names {
    /** Every key made and every comparison: the operation count by which planning's growth is measured. */
    private static final java.util.concurrent.atomic.LongAdder OPERATIONS = new java.util.concurrent.atomic.LongAdder();

    private Names() {}

    public static String key(String name) {
        OPERATIONS.increment();
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        OPERATIONS.increment();
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /**
     * How many names were keyed or compared in this process so far: a scan in a loop shows as growth faster than the
     * input's (`bench plan`, PlanScaleTest), a look-up in an index as one operation.
     */
    public static long operations() {
        return OPERATIONS.sum();
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
