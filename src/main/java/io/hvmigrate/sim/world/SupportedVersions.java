package io.hvmigrate.sim.world;

import java.util.List;

/**
 * VM configuration versions per Windows Server release (reference §4): 2016 5.0–8.0, 2019 5.0–9.0, 2022 8.0–10.0,
 * 2025 8.0–12.0. Only the versions Hyper-V actually shipped are listed.
 */
public final class SupportedVersions {
    private SupportedVersions() {}

    private static final List<String> ALL = List.of("5.0", "6.2", "7.0", "7.1", "8.0", "8.1", "8.2", "8.3", "9.0",
            "9.1", "9.2", "9.3", "10.0", "11.0", "12.0");

    public static List<String> forOs(int os) {
        double min = os >= 2022 ? 8.0 : 5.0;
        double max = switch (os) {
            case 2016 -> 8.0;
            case 2019 -> 9.0;
            case 2022 -> 10.0;
            default -> 12.0;
        };
        return ALL.stream().filter(v -> Double.parseDouble(v) >= min && Double.parseDouble(v) <= max).toList();
    }

    /** The version new VMs get by default on that release. */
    public static String defaultFor(int os) {
        List<String> v = forOs(os);
        return v.get(v.size() - 1);
    }
}
