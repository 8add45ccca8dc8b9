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
 */
public record ClusterGroupInfo(String name, String cluster, String ownerNode, String state, int priority,
                               List<String> preferredOwners, List<String> possibleOwners, UUID vmId, UUID id) {}
