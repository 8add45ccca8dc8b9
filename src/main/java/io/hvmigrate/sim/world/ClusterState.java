package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.fleet.ClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Live state of one cluster; guarded by the world's lock. */
final class ClusterState {
    final String name;
    final String domain;
    final ClusterSpec spec;
    long maximumParallelMigrations;
    final List<String> nodes = new ArrayList<>();
    final Map<String, long[]> csvVolumes = new LinkedHashMap<>(); // path -> {sizeMB, freeMB}
    List<String> migrationNetworkOrder;
    List<String> migrationExcludeNetworks;
    final Map<String, GroupState> groups = new LinkedHashMap<>(); // folded group name -> group

    ClusterState(ClusterSpec spec) {
        this.spec = spec;
        this.name = spec.name().toUpperCase(Locale.ROOT);
        this.domain = spec.domain().toLowerCase(Locale.ROOT);
        this.maximumParallelMigrations = spec.maximumParallelMigrations();
        spec.csvVolumes().forEach(v -> csvVolumes.put(v.path().toLowerCase(Locale.ROOT),
                new long[] {v.sizeGB() * 1024, v.freeGB() * 1024}));
        this.migrationNetworkOrder = List.copyOf(spec.migrationNetworkOrder());
        this.migrationExcludeNetworks = List.copyOf(spec.migrationExcludeNetworks());
    }

    boolean hasNode(String node) {
        return nodes.stream().anyMatch(n -> n.equalsIgnoreCase(node));
    }

    GroupState groupByVm(UUID vmId) {
        return groups.values().stream().filter(g -> g.vmId.equals(vmId)).findFirst().orElse(null);
    }

    /** A clustered VM role. */
    static final class GroupState {
        final String name;
        final UUID vmId;
        final UUID groupId;
        String ownerNode;
        String state;
        int priority;
        List<String> preferredOwners;
        List<String> possibleOwners;
        // a new group's defaults, as Get-ClusterGroup.md (docset/winserver2022-ps/FailoverClusters) Example 4 lists them
        List<String> antiAffinityClassNames = List.of();
        long failoverThreshold = 4294967295L;
        long failoverPeriod = 6;
        int autoFailbackType;
        /** Node the group was drained from, for Resume-ClusterNode -Failback. */
        String drainedFrom;

        GroupState(String name, UUID vmId, UUID groupId) {
            this.name = name;
            this.vmId = vmId;
            this.groupId = groupId;
        }
    }
}
