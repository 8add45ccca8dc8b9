package io.hvmigrate.plan;

/** Where one of a VM's files lives, as seen from the host that owns it. */
public sealed interface StorageLocation {

    String path();

    /** On a cluster shared volume of {@code cluster} ({@code C:\ClusterStorage\VolumeN\...}). */
    record Csv(String path, String cluster, String volume) implements StorageLocation {}

    /**
     * On an SMB share; {@code fileServer} is the file server or SOFS access point as the facts name it, or null when
     * the server in the path is not a known file server.
     */
    record Smb(String path, String server, String share, String fileServer) implements StorageLocation {}

    /** On a disk of the host itself. */
    record Local(String path, String host) implements StorageLocation {}
}
