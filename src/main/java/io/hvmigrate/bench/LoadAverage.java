package io.hvmigrate.bench;

import java.lang.management.ManagementFactory;

/** The machine's one-minute load average at a benchmark's start and end: above the core count, its times are noise. */
public record LoadAverage(double atStart, double atEnd) {

    /** The one-minute load average now, or NaN where the platform has none. */
    public static double now() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** This load at start and the load now. */
    public LoadAverage ended() {
        return new LoadAverage(atStart, now());
    }

    /** Whether the machine was busier than its cores: times measured then measure the machine, not the program. */
    public boolean noisy() {
        return Math.max(atStart, atEnd) > cores();
    }
}
