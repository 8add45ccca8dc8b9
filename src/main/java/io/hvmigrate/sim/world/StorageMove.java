package io.hvmigrate.sim.world;

import java.util.Map;

/** What Move-VM does with the VM's storage. */
public sealed interface StorageMove {

    /** No -IncludeStorage: only memory and state move; the files must be reachable from the destination. */
    record None() implements StorageMove {}

    /** {@code -IncludeStorage -DestinationStoragePath P}: everything under one folder on the destination. */
    record All(String destinationPath) implements StorageMove {}

    /**
     * The {@code *MultipleDestinations*} parameter sets: {@code -VirtualMachinePath}, {@code -SnapshotFilePath},
     * {@code -SmartPagingFilePath}, {@code -Vhds @(@{SourceFilePath=..; DestinationFilePath=..})}. Null paths stay.
     *
     * @param vhds source path -> destination path
     */
    record PerItem(String virtualMachinePath, String snapshotFilePath, String smartPagingFilePath,
                   Map<String, String> vhds) implements StorageMove {
        public PerItem {
            vhds = Map.copyOf(vhds);
        }
    }

    StorageMove NONE = new None();

    default boolean movesStorage() {
        return !(this instanceof None);
    }
}
