package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * A virtual machine.
 *
 * @param name                   VM name
 * @param id                     VM Id; default: a name-based GUID from the fleet name and VM name (deterministic)
 * @param host                   the host it is registered on
 * @param generation             1 or 2
 * @param version                configuration version, e.g. {@code 10.0}
 * @param state                  Running, Off, Saved or Paused
 * @param memoryStartupMB        startup memory
 * @param memoryAssignedMB       assigned memory when running
 * @param dirtyMBps              rate at which the guest dirties memory, for the migration time model
 * @param processorCount         virtual processors
 * @param processorCompatibility CompatibilityForMigrationEnabled
 * @param path                   folder of the configuration (Path / ConfigurationLocation)
 * @param disks                  virtual hard disks
 * @param dvdPaths               ISO files mounted
 * @param switches               the switch name of each network adapter
 * @param clusterGroup           the VM's cluster role; present = clustered (IsClustered)
 */
public record VmSpec(String name, String id, String host, Integer generation, String version, String state,
                     Long memoryStartupMB, Long memoryAssignedMB, Long dirtyMBps, Integer processorCount,
                     Boolean processorCompatibility, String path, List<DiskSpec> disks, List<String> dvdPaths,
                     List<String> switches, ClusterGroupSpec clusterGroup) {
    public VmSpec {
        generation = generation == null ? 2 : generation;
        version = version == null ? "10.0" : version;
        state = state == null ? "Running" : state;
        memoryStartupMB = memoryStartupMB == null ? 4096L : memoryStartupMB;
        memoryAssignedMB = memoryAssignedMB == null ? memoryStartupMB : memoryAssignedMB;
        dirtyMBps = dirtyMBps == null ? 20L : dirtyMBps;
        processorCount = processorCount == null ? 2 : processorCount;
        processorCompatibility = processorCompatibility != null && processorCompatibility;
        disks = Lists.of(disks);
        dvdPaths = Lists.of(dvdPaths);
        switches = Lists.of(switches);
    }

    /** @param path VHDX path; @param sizeGB bytes to copy in a storage move, in GiB */
    public record DiskSpec(String path, Long sizeGB) {
        public DiskSpec {
            sizeGB = sizeGB == null ? 40L : sizeGB;
        }
    }

    /**
     * @param name            group name, default the VM name
     * @param priority        3000 High, 2000 Medium (default), 1000 Low, 0 No Auto Start
     * @param preferredOwners preferred owner nodes in order
     * @param possibleOwners  possible owners of the VM resources; default every node
     * @param state           Online or Offline
     * @param antiAffinityClassNames the group's AntiAffinityClassNames: roles that share a name are kept apart
     * @param failoverThreshold      FailoverThreshold, default 4294967295 (the cluster decides: nodes - 1)
     * @param failoverPeriod         FailoverPeriod in hours, default 6
     * @param autoFailbackType       AutoFailbackType: 0 prevent failback (default), 1 allow
     */
    public record ClusterGroupSpec(String name, Integer priority, List<String> preferredOwners,
                                   List<String> possibleOwners, String state, List<String> antiAffinityClassNames,
                                   Long failoverThreshold, Long failoverPeriod, Integer autoFailbackType) {
        public ClusterGroupSpec {
            priority = priority == null ? 2000 : priority;
            preferredOwners = Lists.of(preferredOwners);
            possibleOwners = Lists.of(possibleOwners);
            antiAffinityClassNames = Lists.of(antiAffinityClassNames);
            failoverThreshold = failoverThreshold == null ? 4294967295L : failoverThreshold;
            failoverPeriod = failoverPeriod == null ? 6L : failoverPeriod;
            autoFailbackType = autoFailbackType == null ? 0 : autoFailbackType;
        }

        public ClusterGroupSpec(String name, Integer priority, List<String> preferredOwners, List<String> possibleOwners,
                                String state) {
            this(name, priority, preferredOwners, possibleOwners, state, null, null, null, null);
        }
    }
}
