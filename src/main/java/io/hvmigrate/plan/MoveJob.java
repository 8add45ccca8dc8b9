package io.hvmigrate.plan;

import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Playbook;
import java.util.List;

/**
 * Everything needed to carry out one planned move, without the facts it was planned from: what the journal records at
 * the start of a run and what a resumed run works from. Steps and their scripts are derived from it ({@link StepBook}).
 *
 * @param source             inventory name of the source host
 * @param destination        inventory name of the destination host
 * @param storagePath        where the files go, or null when they stay on shared storage
 * @param role               the VM's cluster role as planned (HA VMs only); a run records the live settings before
 *                           removing it, and those win
 * @param priorityOnDestination priority for the role added on the destination cluster, or null for the cluster default
 * @param groupOnDestination the name of the role added on the destination cluster (S5, S7), or null
 * @param stateBefore        the VM's state when planned (Running, Off, …): verification expects it unchanged
 */
public record MoveJob(String id, String vmId, String vmName, String source, String sourceNetbios, String sourceCluster,
                      String destination, String destinationFqdn, String destinationNetbios, String destinationCluster,
                      Scenario scenario, String storagePath, Role role, Integer priorityOnDestination,
                      String groupOnDestination, String stateBefore, long memoryBytes, long diskBytes) {

    /**
     * A cluster role's settings: what must be restored if the role is removed and the move fails, and what the role
     * added on another cluster keeps. The group is the role's own name, which need not be the VM's (SCVMM calls it
     * "SCVMM <vm> Resources"; administrators rename roles).
     *
     * @param antiAffinityClassNames the group's AntiAffinityClassNames, empty when none
     * @param failoverThreshold      FailoverThreshold, or null when not read (planned from facts)
     * @param failoverPeriod         FailoverPeriod (hours), or null when not read
     * @param autoFailbackType       AutoFailbackType (0 prevent, 1 allow), or null when not read
     */
    public record Role(String group, String ownerNode, int priority, List<String> preferredOwners,
                       List<String> antiAffinityClassNames, Long failoverThreshold, Long failoverPeriod,
                       Integer autoFailbackType) {
        public Role {
            preferredOwners = List.copyOf(preferredOwners);
            antiAffinityClassNames = antiAffinityClassNames == null ? List.of() : List.copyOf(antiAffinityClassNames);
        }

        public Role(String group, String ownerNode, int priority, List<String> preferredOwners) {
            this(group, ownerNode, priority, preferredOwners, List.of(), null, null, null);
        }
    }

    /**
     * This move with the role as a run recorded it on the cluster: its real name and settings win over the planned
     * ones, and an S5 move adds the role on the destination under that name.
     */
    public MoveJob withRole(Role recorded) {
        if (recorded == null || recorded.equals(role)) {
            return this;
        }
        String onDestination = scenario == Scenario.S5 ? recorded.group() : groupOnDestination;
        Integer priority = priorityOnDestination != null ? Integer.valueOf(recorded.priority()) : null;
        return new MoveJob(id, vmId, vmName, source, sourceNetbios, sourceCluster, destination, destinationFqdn,
                destinationNetbios, destinationCluster, scenario, storagePath, recorded, priority, onDestination,
                stateBefore, memoryBytes, diskBytes);
    }

    public boolean movesStorage() {
        return storagePath != null;
    }

    /** The bytes the migration copies: memory, and the disks when storage moves. */
    public long bytesToCopy() {
        return memoryBytes + (movesStorage() ? diskBytes : 0);
    }

    static MoveJob of(String id, Classification.Planned p, VmFacts vm, HostFacts src, HostFacts dst, Playbook.Policy policy,
                      List<String> preferredOwnerNodes) {
        Scenario s = p.scenario();
        Role role = vm.group() == null ? null
                : new Role(vm.group().name(), vm.group().ownerNode(), vm.group().priority(), preferredOwnerNodes);
        Integer priority = s == Scenario.S5 && policy.ha().keepPriority() && role != null ? role.priority() : null;
        String groupOnDestination = switch (s) {
            case S5 -> role != null ? role.group() : vm.name();
            case S7 -> vm.name();
            default -> null;
        };
        return new MoveJob(id, vm.id(), vm.name(), src.name(), src.netbios(), vm.clustered() ? src.cluster() : null,
                dst.name(), dst.fqdn(), dst.netbios(), dst.cluster(), s, p.storagePath(), role, priority, groupOnDestination,
                vm.state(), vm.memoryBytes(), vm.diskBytes());
    }
}
