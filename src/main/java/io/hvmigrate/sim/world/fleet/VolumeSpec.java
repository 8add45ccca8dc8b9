package io.hvmigrate.sim.world.fleet;

/**
 * A volume: a host's local drive ({@code D:\}) or a cluster shared volume ({@code C:\ClusterStorage\Volume1}).
 *
 * @param path   mount path
 * @param sizeGB capacity in GiB
 * @param freeGB free space in GiB
 */
public record VolumeSpec(String path, Long sizeGB, Long freeGB) {
    public VolumeSpec {
        sizeGB = sizeGB == null ? 1024L : sizeGB;
        freeGB = freeGB == null ? sizeGB : freeGB;
    }
}
