package io.hvmigrate.plan;

import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;

/**
 * One VM to move, with everything classification needs.
 *
 * @param storagePath         where the playbook wants the files on the destination, or null
 * @param storageRoot         a folder under which the VM's own folder goes, when no storagePath is given; or null
 * @param allowUnprotected    the playbook permits a highly available VM to end on a standalone host
 * @param makeHighlyAvailable a VM that was not highly available becomes so when it moves into a cluster
 */
public record MoveRequest(VmFacts vm, HostFacts source, HostFacts destination, String storagePath, String storageRoot,
                          boolean allowUnprotected, boolean makeHighlyAvailable) {}
