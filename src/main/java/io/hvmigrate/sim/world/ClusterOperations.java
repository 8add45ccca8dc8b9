package io.hvmigrate.sim.world;



import io.hvmigrate.sim.world.fleet.HostSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Failover Clustering on the world: reading clusters, nodes and VM roles; moving roles inside a cluster (live
 * migration driven by the cluster, which needs no host live-migration settings or user delegation); removing and
 * adding VM roles; preferred and possible owners; draining and resuming nodes.
 */
public final class ClusterOperations {
    private final World world;

    ClusterOperations(World world) {
        this.world = world;
    }

    // ------------------------------------------------------------------------------------------ reads

    /** The cluster a host is a node of (what Get-Cluster returns when run on that node). */
    public ClusterInfo clusterOfNode(String computerName) throws WorldException {
        synchronized (world) {
            HostState h = world.host(computerName);
            if (h.cluster == null) {
                throw WindowsErrors.cluster("Get-Cluster : The cluster service is not running. Make sure that the service is "
                        + "running on all nodes in the cluster.", "There are no more endpoints available from the "
                        + "endpoint mapper", 0x800706D9, computerName);
            }
            return info(world.clusters.get(World.key(h.cluster)));
        }
    }

    public ClusterInfo cluster(String name) throws WorldException {
        synchronized (world) {
            return info(state(name));
        }
    }

    public List<ClusterInfo> clusters() {
        synchronized (world) {
            return world.clusters.values().stream().map(this::info).toList();
        }
    }

    ClusterState state(String name) throws WorldException {
        ClusterState c = world.clusters.get(World.key(shortName(name)));
        if (c == null) {
            throw WindowsErrors.cluster("Failed to connect to cluster '" + name + "'.", "The cluster could not be found.",
                    0x8007139F, name);
        }
        return c;
    }

    private static String shortName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private ClusterInfo info(ClusterState c) {
        List<ClusterInfo.ClusterNetwork> nets = c.spec.networks().stream()
                .map(n -> new ClusterInfo.ClusterNetwork(n.name(), n.address(), n.role(), UUID.nameUUIDFromBytes(
                        ("hvsim:net:" + c.name + ":" + n.name()).getBytes(StandardCharsets.UTF_8))))
                .toList();
        Map<String, long[]> csv = new java.util.LinkedHashMap<>();
        c.spec.csvVolumes().forEach(v -> csv.put(v.path(), c.csvVolumes.get(v.path().toLowerCase(Locale.ROOT))
                .clone()));
        return new ClusterInfo(c.name, c.domain, c.name.toLowerCase(Locale.ROOT) + "." + c.domain,
                List.copyOf(c.nodes), c.maximumParallelMigrations, csv, nets, c.migrationNetworkOrder,
                c.migrationExcludeNetworks);
    }

    public List<ClusterNodeInfo> nodes(String clusterName) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            List<ClusterNodeInfo> out = new ArrayList<>();
            for (int i = 0; i < c.nodes.size(); i++) {
                HostState h = world.findHost(c.nodes.get(i)).orElseThrow();
                out.add(new ClusterNodeInfo(h.name, c.name, h.running ? h.nodeState.name() : "Down", h.drainStatus,
                        i + 1));
            }
            return out;
        }
    }

    public List<ClusterGroupInfo> groups(String clusterName) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            return c.groups.values().stream().map(g -> info(c, g)).toList();
        }
    }

    public ClusterGroupInfo group(String clusterName, String groupName) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            return info(c, group(c, groupName));
        }
    }

    /** The VM role whose VM has this Id (the {@code -VMId} parameters). */
    public ClusterGroupInfo groupOfVm(String clusterName, UUID vmId) throws WorldException {
        synchronized (world) {
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = c.groupByVm(vmId);
            if (g == null) {
                throw groupNotFound(vmId.toString());
            }
            return info(c, g);
        }
    }

    private ClusterState.GroupState group(ClusterState c, String name) throws WorldException {
        ClusterState.GroupState g = c.groups.get(World.key(name));
        if (g == null) {
            throw groupNotFound(name);
        }
        return g;
    }

    private static WorldException groupNotFound(String name) {
        return WindowsErrors.cluster("An error occurred opening cluster group '" + name + "'.",
                "The cluster group could not be found.", WindowsErrors.ERROR_GROUP_NOT_FOUND, name);
    }

    private ClusterGroupInfo info(ClusterState c, ClusterState.GroupState g) {
        return new ClusterGroupInfo(g.name, c.name, g.ownerNode, g.state, g.priority, g.preferredOwners,
                g.possibleOwners, g.vmId, g.groupId, g.antiAffinityClassNames, g.failoverThreshold, g.failoverPeriod,
                g.autoFailbackType);
    }

    // ------------------------------------------------------------------------------------------ moves

    /**
     * Move-ClusterVirtualMachineRole. A live migration is queued under MaximumParallelMigrations and its job id is
     * returned; Quick, Shutdown, ShutdownForce and TurnOff move the role at once (empty result). Moving a role to the
     * node that owns it is a no-op.
     */
    public Optional<UUID> moveVirtualMachineRole(String clusterName, String groupName, String node,
                                                 String migrationType) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            String action = "An error occurred while moving the clustered role '" + g.name + "'.";
            HostState target = node != null ? checkTarget(c, g, node, action) : bestTarget(c, g, action);
            if (target.name.equals(g.ownerNode)) {
                return Optional.empty();
            }
            VmState vm = world.vms.get(g.vmId);
            if (world.migrations.stream().anyMatch(m -> m.vm == vm && !m.ended())) {
                throw WindowsErrors.cluster(action, "The operation cannot be completed because other resources are pending "
                        + "(a migration of this role is in progress).", 0x800713CB, g.name);
            }
            HostState src = world.findHost(g.ownerNode).orElseThrow();
            List<Incompatibility> problems = new ArrayList<>();
            for (String sw : vm.switches) {
                if (target.switches.stream().noneMatch(s -> s.equalsIgnoreCase(sw))) {
                    problems.add(new Incompatibility("Live migration of 'Virtual Machine " + vm.name + "' failed. "
                            + "Virtual machine migration operation for '" + vm.name + "' failed at migration "
                            + "destination '" + target.name + "'. Could not find Ethernet switch '" + sw + "'.",
                            Incompatibility.MISSING_SWITCH, "VMNetworkAdapter", sw, WindowsErrors.COR_E_EXCEPTION));
                }
            }
            new MoveRules(world).processor(vm, src, target, problems);
            if (vm.memoryInUseMB() > target.memoryFreeMB) {
                problems.add(new Incompatibility("Failed to create partition: Insufficient system resources exist "
                        + "to complete the requested service. (0x800705AA).", Incompatibility.MEMORY, "VMMemory",
                        vm.name, 0x800705AA));
            }
            List<String> files = new ArrayList<>();
            files.add(vm.path);
            vm.disks.forEach(d -> files.add(d.path));
            for (String f : files) {
                if (!world.vmFileReachable(target, f, vm)) {
                    problems.add(new Incompatibility("'" + vm.name + "' failed to register the configuration at '" + f
                            + "' on node '" + target.name + "': General access denied error (0x80070005).",
                            Incompatibility.SHARE_ACCESS_DENIED, "VM", f, WindowsErrors.E_ACCESSDENIED));
                    break;
                }
            }
            if (!problems.isEmpty()) {
                throw WindowsErrors.cluster(action, problems.get(0).message(), problems.get(0).hresult(), g.name);
            }
            if (!hasLiveMigrationNetwork(c)) {
                throw WindowsErrors.cluster(action, "Failed to get the network address for the destination node '"
                        + target.name + "': A cluster network is not available for this operation. (0x000013AB)",
                        0x800713AB, g.name);
            }
            String type = migrationType == null ? "Live" : migrationType;
            if (!type.equalsIgnoreCase("Live") || vm.state != VmPowerState.Running) {
                moveAtOnce(vm, g, src, target);
                return Optional.empty();
            }
            Migration m = new Migration(Migration.Kind.CLUSTER_LIVE, vm, src.name, target.name, target.name,
                    TimeModel.work(vm, src, target, Map.of()), Map.of(), g.name, world.clock.now());
            new MoveRules(world).applyFault(m);
            g.state = "Pending";
            world.migrations.add(m);
            world.tick();
            return Optional.of(m.instanceId);
        }
    }

    /**
     * Live migration needs a cluster network that allows cluster communication (role Cluster or ClusterAndClient) and
     * is not in the "Virtual Machine" resource type's MigrationExcludeNetworks.
     */
    private static boolean hasLiveMigrationNetwork(ClusterState c) {
        if (c.spec.networks().isEmpty()) {
            return true; // a fleet that does not describe its networks is not judged on them
        }
        return c.spec.networks().stream().anyMatch(n -> !n.role().equalsIgnoreCase("None")
                && c.migrationExcludeNetworks.stream().noneMatch(x -> x.equalsIgnoreCase(n.name())));
    }

    /** Get-ClusterResourceType "Virtual Machine" | Set-ClusterParameter MigrationExcludeNetworks (network names). */
    public void setMigrationExcludeNetworks(String clusterName, List<String> networkNames) throws WorldException {
        synchronized (world) {
            ClusterState c = state(clusterName);
            for (String n : networkNames) {
                if (c.spec.networks().stream().noneMatch(x -> x.name().equalsIgnoreCase(n))) {
                    throw WindowsErrors.cluster("Failed to set MigrationExcludeNetworks.",
                            "The cluster network was not found.", 0x800713B5, n);
                }
            }
            c.migrationExcludeNetworks = List.copyOf(networkNames);
        }
    }

    private void moveAtOnce(VmState vm, ClusterState.GroupState g, HostState src, HostState target) {
        long mem = vm.memoryInUseMB();
        src.memoryFreeMB += mem;
        target.memoryFreeMB -= mem;
        vm.host = target.name;
        g.ownerNode = target.name;
    }

    private HostState checkTarget(ClusterState c, ClusterState.GroupState g, String node, String action)
            throws WorldException {
        if (!c.hasNode(shortName(node))) {
            throw WindowsErrors.cluster(action, "The cluster node was not found.", WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND, node);
        }
        HostState h = world.findHost(shortName(node)).orElseThrow();
        if (!h.running || h.nodeState == HostSpec.NodeState.Down) {
            throw WindowsErrors.cluster(action, "The cluster node is down.", WindowsErrors.ERROR_CLUSTER_NODE_DOWN, node);
        }
        if (h.nodeState == HostSpec.NodeState.Paused) {
            throw WindowsErrors.cluster(action, "The cluster node is paused.", WindowsErrors.ERROR_CLUSTER_NODE_PAUSED, node);
        }
        if (g.possibleOwners.stream().noneMatch(o -> o.equalsIgnoreCase(h.name))) {
            throw WindowsErrors.cluster(action, "The operation failed because either the specified cluster node is not the owner "
                    + "of the group, or the node is not a possible owner of the group.",
                    WindowsErrors.ERROR_HOST_NODE_NOT_GROUP_OWNER, node);
        }
        return h;
    }

    private HostState bestTarget(ClusterState c, ClusterState.GroupState g, String action) throws WorldException {
        return placementFor(c, g, g.ownerNode, world.vms.get(g.vmId), null).orElseThrow(() -> WindowsErrors.cluster(action,
                "There is no cluster node available to host the role.", WindowsErrors.ERROR_HOST_NODE_NOT_GROUP_OWNER,
                g.name));
    }

    /** Best placement: Up nodes that are possible owners, preferred owners first in order, then the least loaded. */
    Optional<HostState> placementFor(ClusterState c, ClusterState.GroupState g, String excluded, VmState vm,
                                     String targetNode) {
        List<HostState> candidates = new ArrayList<>();
        for (String n : c.nodes) {
            HostState h = world.findHost(n).orElseThrow();
            if (h.name.equalsIgnoreCase(excluded) || !h.running || h.nodeState != HostSpec.NodeState.Up) {
                continue;
            }
            if (g.possibleOwners.stream().noneMatch(o -> o.equalsIgnoreCase(h.name))) {
                continue;
            }
            if (targetNode != null && !h.name.equalsIgnoreCase(targetNode)) {
                continue;
            }
            if (!world.vmFileReachable(h, vm.path, vm) || h.memoryFreeMB < vm.memoryStartupMB) {
                continue;
            }
            candidates.add(h);
        }
        Comparator<HostState> order = Comparator.comparingInt(h -> {
            int i = g.preferredOwners.indexOf(h.name);
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        order = order.thenComparingLong(h -> world.vms.values().stream().filter(v -> v.host.equals(h.name)).count())
                .thenComparing(Scheduler.byName());
        return candidates.stream().min(order);
    }

    /** Move-ClusterVirtualMachineRole -Cancel: stops the role's live migration; the VM stays on its owner. */
    public boolean cancelVirtualMachineRoleMove(String clusterName, String groupName) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            for (Migration m : world.migrations) {
                if (!m.ended() && m.vm.id.equals(g.vmId)) {
                    return world.requestJobStateChange(m.source, m.instanceId, 4) == 0;
                }
            }
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ roles

    /**
     * Remove-ClusterGroup. With {@code removeResources} the VM's resources go first, and the VM stays registered in
     * Hyper-V on its node with IsClustered false; the group's settings (priority, owners) are gone. A VM group still
     * holding its resources cannot be removed without it.
     */
    public ClusterGroupInfo removeGroup(String clusterName, String groupName, boolean removeResources)
            throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            if (!removeResources) {
                // Simulator wording; Windows refuses to delete a group that still contains resources.
                throw WindowsErrors.cluster("Failed to remove the clustered role '" + g.name + "'.",
                        "The group is not empty: it still contains resources. Use -RemoveResources.",
                        0x80071391, g.name);
            }
            VmState vm = world.vms.get(g.vmId);
            if (world.migrations.stream().anyMatch(m -> m.vm == vm && !m.ended())) {
                throw WindowsErrors.cluster("Failed to remove the clustered role '" + g.name + "'.",
                        "The group is busy: a live migration of its virtual machine is in progress.", 0x800713CB,
                        g.name);
            }
            ClusterGroupInfo before = info(c, g);
            c.groups.remove(World.key(g.name));
            vm.cluster = null;
            return before;
        }
    }

    /**
     * Add-ClusterVirtualMachineRole: makes a VM registered on a node of the cluster highly available. Its
     * configuration and disks must be on storage every node reaches (a CSV of this cluster, or a share all nodes
     * have Full Control on). The group gets the default priority (2000, Medium).
     */
    public ClusterGroupInfo addVirtualMachineRole(String clusterName, String vmName, UUID vmId, String groupName)
            throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            VmState vm = world.vms.values().stream()
                    .filter(v -> vmId != null ? v.id.equals(vmId) : v.name.equalsIgnoreCase(vmName))
                    .filter(v -> c.hasNode(v.host)).findFirst()
                    .orElseThrow(() -> WindowsErrors.cluster("Failed to add the virtual machine '" + (vmName != null ? vmName : vmId)
                            + "' to cluster '" + c.name + "'.", "The virtual machine was not found on any node of "
                            + "the cluster.", 0x80071392, vmName));
            String name = groupName != null ? groupName : vm.name;
            String action = "There were issues creating the clustered role that may prevent it from starting.";
            if (vm.cluster != null || c.groups.containsKey(World.key(name))) {
                throw WindowsErrors.cluster(action, "The virtual machine '" + vm.name + "' is already a clustered role.",
                        0x8007139A, vm.name);
            }
            List<String> files = new ArrayList<>();
            files.add(vm.path);
            vm.disks.forEach(d -> files.add(d.path));
            for (String f : files) {
                for (String n : c.nodes) {
                    HostState node = world.findHost(n).orElseThrow();
                    if (!world.vmFileReachable(node, f, vm)) {
                        throw WindowsErrors.cluster(action, "The file '" + f + "' of virtual machine '" + vm.name + "' is not on "
                                + "storage that node '" + node.name + "' of cluster '" + c.name + "' can reach; "
                                + "highly available virtual machines must be on cluster storage.",
                                0x80071393, vm.name);
                    }
                }
            }
            ClusterState.GroupState g = new ClusterState.GroupState(name, vm.id, UUID.nameUUIDFromBytes(
                    ("hvsim:group:" + c.name + ":" + name + ":" + world.clock.now()).getBytes(StandardCharsets.UTF_8)));
            g.ownerNode = vm.host;
            g.state = vm.state == VmPowerState.Running ? "Online" : "Offline";
            g.priority = 2000;
            g.preferredOwners = List.of();
            g.possibleOwners = List.copyOf(c.nodes);
            c.groups.put(World.key(name), g);
            vm.cluster = c.name;
            return info(c, g);
        }
    }

    /** Set-ClusterOwnerNode -Group: the preferred owners, in order. */
    public ClusterGroupInfo setPreferredOwners(String clusterName, String groupName, List<String> owners)
            throws WorldException {
        synchronized (world) {
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            g.preferredOwners = checkedNodes(c, owners);
            return info(c, g);
        }
    }

    /** Set-ClusterOwnerNode -Resource "Virtual Machine X": the possible owners of the VM resources. */
    public ClusterGroupInfo setPossibleOwners(String clusterName, String groupName, List<String> owners)
            throws WorldException {
        synchronized (world) {
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            g.possibleOwners = owners.isEmpty() ? List.copyOf(c.nodes) : checkedNodes(c, owners);
            return info(c, g);
        }
    }

    private List<String> checkedNodes(ClusterState c, List<String> owners) throws WorldException {
        List<String> out = new ArrayList<>();
        for (String o : owners) {
            if (!c.hasNode(shortName(o))) {
                throw WindowsErrors.cluster("Failed to set the owners.", "The cluster node was not found.",
                        WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND, o);
            }
            out.add(shortName(o).toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * (Get-ClusterGroup X).AntiAffinityClassNames, .FailoverThreshold, .FailoverPeriod, .AutoFailbackType = v: the
     * group's common properties, committed at once like Priority. {@code null} leaves a property as it is.
     */
    public ClusterGroupInfo setGroupProperties(String clusterName, String groupName, List<String> antiAffinityClassNames,
                                               Long failoverThreshold, Long failoverPeriod, Integer autoFailbackType)
            throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            if (antiAffinityClassNames != null) {
                g.antiAffinityClassNames = List.copyOf(antiAffinityClassNames);
            }
            if (failoverThreshold != null) {
                g.failoverThreshold = failoverThreshold;
            }
            if (failoverPeriod != null) {
                g.failoverPeriod = failoverPeriod;
            }
            if (autoFailbackType != null) {
                g.autoFailbackType = autoFailbackType;
            }
            return info(c, g);
        }
    }

    /** (Get-ClusterGroup X).Priority = n: 3000 High, 2000 Medium, 1000 Low, 0 No Auto Start. */
    public ClusterGroupInfo setPriority(String clusterName, String groupName, int priority) throws WorldException {
        synchronized (world) {
            ClusterState c = state(clusterName);
            ClusterState.GroupState g = group(c, groupName);
            g.priority = priority;
            return info(c, g);
        }
    }

    /** (Get-Cluster).MaximumParallelMigrations = n. */
    public void setMaximumParallelMigrations(String clusterName, long n) throws WorldException {
        synchronized (world) {
            if (n < 1) {
                throw WindowsErrors.invalidArgument("MaximumParallelMigrations must be at least 1.", clusterName);
            }
            state(clusterName).maximumParallelMigrations = n;
            world.tick();
        }
    }

    // ------------------------------------------------------------------------------------------ drain

    /**
     * Suspend-ClusterNode. With {@code drain}, the node's VM roles are live-migrated to other nodes (highest
     * priority first, best placement or {@code targetNode}), queued under MaximumParallelMigrations; the node shows
     * Paused once its roles are gone (DrainStatus Completed). Without drain it is paused at once.
     */
    public ClusterNodeInfo suspendNode(String clusterName, String node, boolean drain, String targetNode)
            throws WorldException {
        return suspendNode(clusterName, node, drain, false, targetNode);
    }

    /**
     * Suspend-ClusterNode -Drain -ForceDrain: roles that cannot be moved safely are stopped and moved to another node
     * as failed roles, and the node is paused regardless.
     */
    public ClusterNodeInfo suspendNode(String clusterName, String node, boolean drain, boolean forceDrain,
                                       String targetNode) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            if (!c.hasNode(shortName(node))) {
                throw WindowsErrors.cluster("Failed to pause node '" + node + "'.", "The cluster node was not found.",
                        WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND, node);
            }
            HostState h = world.findHost(shortName(node)).orElseThrow();
            if (!h.running || h.nodeState == HostSpec.NodeState.Down) {
                throw WindowsErrors.cluster("Failed to pause node '" + node + "'.", "The cluster node is down.",
                        WindowsErrors.ERROR_CLUSTER_NODE_DOWN, node);
            }
            if (!drain) {
                h.nodeState = HostSpec.NodeState.Paused;
                return nodeInfo(c, h);
            }
            h.drainStatus = "InProgress";
            h.forceDrain = forceDrain;
            List<ClusterState.GroupState> roles = c.groups.values().stream()
                    .filter(g -> g.ownerNode.equals(h.name))
                    .sorted(Comparator.comparingInt((ClusterState.GroupState g) -> -g.priority))
                    .toList();
            for (ClusterState.GroupState g : roles) {
                VmState vm = world.vms.get(g.vmId);
                Optional<HostState> target = placementFor(c, g, h.name, vm, targetNode);
                if (target.isEmpty()) {
                    if (forceDrain) {
                        moveAsFailedRole(c, g, h);
                    } else {
                        h.drainStatus = "Failed";
                    }
                    continue;
                }
                g.drainedFrom = h.name;
                if (vm.state != VmPowerState.Running) {
                    moveAtOnce(vm, g, h, target.get());
                    continue;
                }
                Migration m = new Migration(Migration.Kind.CLUSTER_LIVE, vm, h.name, target.get().name,
                        target.get().name, TimeModel.work(vm, h, target.get(), Map.of()), Map.of(), g.name,
                        world.clock.now());
                m.drainNode = h.name;
                m.forceDrain = forceDrain;
                new MoveRules(world).applyFault(m);
                world.migrations.add(m);
            }
            checkDrain(c, h);
            world.tick();
            return nodeInfo(c, h);
        }
    }

    /** Resume-ClusterNode; {@code failback} Immediate (or Policy) moves back the roles drained from the node. */
    public ClusterNodeInfo resumeNode(String clusterName, String node, String failback) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            if (!c.hasNode(shortName(node))) {
                throw WindowsErrors.cluster("Failed to resume node '" + node + "'.", "The cluster node was not found.",
                        WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND, node);
            }
            HostState h = world.findHost(shortName(node)).orElseThrow();
            h.nodeState = HostSpec.NodeState.Up;
            h.drainStatus = "NotInitiated";
            h.forceDrain = false;
            if (failback != null && failback.equalsIgnoreCase("Immediate")) {
                for (ClusterState.GroupState g : List.copyOf(c.groups.values())) {
                    if (h.name.equals(g.drainedFrom) && !g.ownerNode.equals(h.name)) {
                        g.drainedFrom = null;
                        try {
                            moveVirtualMachineRole(c.name, g.name, h.name, "Live");
                        } catch (WorldException e) {
                            // failback is best effort, as the cluster's is: the role stays where it is
                        }
                    }
                }
            }
            return nodeInfo(c, h);
        }
    }

    public ClusterNodeInfo node(String clusterName, String node) throws WorldException {
        synchronized (world) {
            world.tick();
            ClusterState c = state(clusterName);
            HostState h = world.findHost(shortName(node)).filter(x -> c.hasNode(x.name)).orElseThrow(() ->
                    WindowsErrors.cluster("Failed to get node '" + node + "'.", "The cluster node was not found.",
                            WindowsErrors.ERROR_CLUSTER_NODE_NOT_FOUND, node));
            return nodeInfo(c, h);
        }
    }

    private ClusterNodeInfo nodeInfo(ClusterState c, HostState h) {
        return new ClusterNodeInfo(h.name, c.name, h.running ? h.nodeState.name() : "Down", h.drainStatus,
                c.nodes.indexOf(h.name) + 1);
    }

    void afterMigration(Migration m) {
        if (m.drainNode == null) {
            return;
        }
        HostState h = world.findHost(m.drainNode).orElseThrow();
        if (m.jobState != 7) {
            ClusterState c = world.clusters.get(World.key(h.cluster));
            ClusterState.GroupState g = c.groupByVm(m.vm.id);
            if (m.forceDrain && g != null && g.ownerNode.equals(h.name)) {
                moveAsFailedRole(c, g, h);
            } else {
                h.drainStatus = "Failed";
            }
        }
        checkDrain(world.clusters.get(World.key(h.cluster)), h);
    }

    /** ForceDrain: the role is stopped and handed to another Up node as a failed role. */
    private void moveAsFailedRole(ClusterState c, ClusterState.GroupState g, HostState from) {
        Optional<HostState> other = c.nodes.stream().map(n -> world.findHost(n).orElseThrow())
                .filter(n -> !n.name.equals(from.name) && n.running && n.nodeState == HostSpec.NodeState.Up)
                .min(Scheduler.byName());
        VmState vm = world.vms.get(g.vmId);
        from.memoryFreeMB += vm.memoryInUseMB();
        vm.state = VmPowerState.Off;
        vm.memoryAssignedMB = 0;
        vm.startedAt = null;
        g.state = "Failed";
        other.ifPresent(n -> {
            vm.host = n.name;
            g.ownerNode = n.name;
            g.drainedFrom = from.name;
        });
    }

    private void checkDrain(ClusterState c, HostState h) {
        if (!"InProgress".equals(h.drainStatus) && !"Failed".equals(h.drainStatus)) {
            return;
        }
        boolean outstanding = world.migrations.stream().anyMatch(m -> !m.ended() && h.name.equals(m.drainNode));
        if (outstanding) {
            return;
        }
        boolean rolesLeft = c.groups.values().stream().anyMatch(g -> g.ownerNode.equals(h.name));
        boolean forced = h.forceDrain;
        if ("InProgress".equals(h.drainStatus)) {
            h.drainStatus = rolesLeft ? "Failed" : "Completed";
        }
        if (!rolesLeft || forced) {
            h.nodeState = HostSpec.NodeState.Paused;
        }
    }
}
