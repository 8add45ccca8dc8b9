package io.hvmigrate.sim.world;

import java.util.UUID;

/**
 * A Move-VM call.
 *
 * @param vmName      the VM's name (or null when {@code vmId} is given)
 * @param vmId        the VM's Id (from {@code -VM}), or null
 * @param source      the host the cmdlet runs on or {@code -ComputerName}
 * @param destination {@code -DestinationHost} as the caller wrote it (its name form decides which SPN must be delegated)
 * @param storage     storage handling
 * @param caller      who runs it, over which logon
 */
public record MoveVmRequest(String vmName, UUID vmId, String source, String destination, StorageMove storage,
                            Caller caller) {}
