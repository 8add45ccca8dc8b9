package io.hvmigrate.sim.world;

/** Microsoft.HyperV.PowerShell.VMMigrationPerformance: TCPIP=0, Compression=1, SMB=2. */
public enum MigrationPerformance {
    TCPIP, Compression, SMB;

    public static MigrationPerformance parse(String s) {
        for (MigrationPerformance p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no performance option " + s);
    }
}
