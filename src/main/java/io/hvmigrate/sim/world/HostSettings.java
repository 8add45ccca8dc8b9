package io.hvmigrate.sim.world;

/** A Set-VMHost change; null fields are left as they are. */
public record HostSettings(MigrationAuthenticationType authenticationType, MigrationPerformance performanceOption,
                           Boolean useAnyNetworkForMigration, Long maximumVirtualMachineMigrations,
                           Long maximumStorageMigrations, String virtualMachinePath, String virtualHardDiskPath) {
    public static final HostSettings NONE = new HostSettings(null, null, null, null, null, null, null);

    public HostSettings withAuthentication(MigrationAuthenticationType t) {
        return new HostSettings(t, performanceOption, useAnyNetworkForMigration, maximumVirtualMachineMigrations,
                maximumStorageMigrations, virtualMachinePath, virtualHardDiskPath);
    }

    public HostSettings withUseAnyNetwork(boolean any) {
        return new HostSettings(authenticationType, performanceOption, any, maximumVirtualMachineMigrations,
                maximumStorageMigrations, virtualMachinePath, virtualHardDiskPath);
    }

    public HostSettings withMaximumVirtualMachineMigrations(long n) {
        return new HostSettings(authenticationType, performanceOption, useAnyNetworkForMigration, n,
                maximumStorageMigrations, virtualMachinePath, virtualHardDiskPath);
    }
}
