package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.world.ClusterInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.Map;

/**
 * Get-ClusterSharedVolume [[-Name] <StringCollection>] [-Cluster]: the cluster's CSVs as "Cluster Disk N", each with
 * SharedVolumeInfo (FriendlyVolumeName, Partition.Size/FreeSpace in bytes).
 */
final class GetClusterSharedVolume implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.GetClusterSharedVolumeCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ClusterSharedVolume", List.of(
                Param.of("Name", Types.STRING_COLLECTION).in(Param.at(0, false)).build(),
                Param.of("Cluster", io.hvmigrate.sim.ps.PsType.STRING).optional()),
                null, GetClusterSharedVolume::new, TYPE);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        List<String> names = in.strings("Name");
        try {
            ClusterInfo c = in.world.clusters().cluster(cluster);
            int i = 1;
            for (Map.Entry<String, long[]> v : c.csvVolumes().entrySet()) {
                String name = "Cluster Disk " + i++;
                if (names.isEmpty() || names.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                    in.write(WorldObjects.clusterSharedVolume(name, c.name(), v.getKey(), v.getValue()[0], v.getValue()[1]));
                }
            }
        } catch (WorldException e) {
            in.error(e);
        }
    }
}
