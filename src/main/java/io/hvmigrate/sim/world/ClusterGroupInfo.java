package io.hvmigrate.sim.world;

import java.util.List;
import java.util.UUID;

/**
 * A clustered VM role at one moment.
 *
 * @param state           Online, Offline, Failed or Pending
 * @param priority        3000 High, 2000 Medium, 1000 Low, 0 No Auto Start
 * @param preferredOwners preferred owner nodes
 * @param possibleOwners  possible owners of the VM resources
 * @param antiAffinityClassNames AntiAffinityClassNames
 * @param failoverThreshold FailoverThreshold
 * @param failoverPeriod    FailoverPeriod (hours)
 * @param autoFailbackType  AutoFailbackType: 0 prevent, 1 allow
 */
public record ClusterGroupInfo(String name, String cluster, String ownerNode, String state, int priority,
                               List<String> preferredOwners, List<String> possibleOwners, UUID vmId, UUID id,
                               List<String> antiAffinityClassNames, long failoverThreshold, long failoverPeriod,
                               int autoFailbackType) {}
