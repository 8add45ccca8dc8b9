package io.hvmigrate.sim.world;

import java.util.List;
import java.util.Map;

/**
 * A cluster at one moment.
 *
 * @param csvVolumes path -> {sizeMB, freeMB}
 */
public record ClusterInfo(String name, String domain, String fqdn, List<String> nodes, long maximumParallelMigrations,
                          Map<String, long[]> csvVolumes, List<ClusterNetwork> networks,
                          List<String> migrationNetworkOrder, List<String> migrationExcludeNetworks) {

    /** @param name network name; @param address subnet; @param role None/Cluster/ClusterAndClient */
    public record ClusterNetwork(String name, String address, String role, java.util.UUID id) {}
}
