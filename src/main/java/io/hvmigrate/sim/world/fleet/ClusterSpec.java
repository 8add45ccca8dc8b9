package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * A failover cluster. Its nodes are the hosts whose {@code cluster} names it.
 *
 * @param name                      cluster name (the cluster name object's NetBIOS name)
 * @param domain                    DNS name of its domain
 * @param maximumParallelMigrations (Get-Cluster).MaximumParallelMigrations, default 1; it overrides the nodes'
 *                                  Set-VMHost MaximumVirtualMachineMigrations
 * @param csvVolumes                cluster shared volumes
 * @param networks                  cluster networks
 * @param migrationNetworkOrder     "Virtual Machine" resource type MigrationNetworkOrder (network names, in order)
 * @param migrationExcludeNetworks  "Virtual Machine" resource type MigrationExcludeNetworks (network names)
 * @param account                   the cluster name object's delegation settings
 */
public record ClusterSpec(String name, String domain, Integer maximumParallelMigrations, List<VolumeSpec> csvVolumes,
                          List<ClusterNetworkSpec> networks, List<String> migrationNetworkOrder,
                          List<String> migrationExcludeNetworks, AccountSpec account) {
    public ClusterSpec {
        maximumParallelMigrations = maximumParallelMigrations == null ? 1 : maximumParallelMigrations;
        csvVolumes = Lists.of(csvVolumes);
        networks = Lists.of(networks);
        migrationNetworkOrder = Lists.of(migrationNetworkOrder);
        migrationExcludeNetworks = Lists.of(migrationExcludeNetworks);
        account = account == null ? AccountSpec.NONE : account;
    }

    /**
     * A cluster network.
     *
     * @param name    e.g. {@code Cluster Network 1}
     * @param address subnet in CIDR form, from the documentation ranges
     * @param role    None, Cluster or ClusterAndClient
     */
    public record ClusterNetworkSpec(String name, String address, String role) {
        public ClusterNetworkSpec {
            role = role == null ? "ClusterAndClient" : role;
        }
    }
}
