package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.ClusterGroupInfo;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.WorldException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Move-ClusterVirtualMachineRole [[-Name] <String>] [-InputObject] [[-Node] <String>] [-Cancel] [-Wait <Int32>]
 * [-MigrationType <VmMigrationType>] [-IgnoreLocked] [-VMId <Guid>] [-Cluster <String>].
 * -Wait omitted: wait until the move completes; -Wait 0: return at once; -Wait N: wait up to N (simulated) seconds.
 */
final class MoveClusterVirtualMachineRole implements Cmdlet {
    static final String TYPE = "Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Move-ClusterVirtualMachineRole", List.of(
                Param.of("Name", PsType.STRING).in(Param.at(0, false)).build(),
                Param.of("InputObject", Types.PSOBJECT).in(Param.pipeline(-1, false)).build(),
                Param.of("Node", PsType.STRING).in(Param.at(1, false)).build(),
                Param.of("Cancel", PsType.SWITCH).optional(),
                Param.of("Wait", PsType.INT32).optional(),
                Param.of("MigrationType", PsType.enumOf(Types.CLUSTER_VM_MIGRATION_TYPE)).optional(),
                Param.of("IgnoreLocked", PsType.SWITCH).optional(),
                Param.of("VMId", PsType.GUID).in(Param.byPropertyName(-1, false)).build(),
                Param.of("Cluster", PsType.STRING).optional()),
                null, MoveClusterVirtualMachineRole::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String cluster = in.cluster();
        try {
            ClusterGroupInfo g = ClusterViews.resolve(in, cluster, "Name");
            if (in.has("Cancel")) {
                in.world.clusters().cancelVirtualMachineRoleMove(cluster, g.name());
                in.write(ClusterViews.group(in.world, in.world.clusters().group(cluster, g.name())));
                return;
            }
            Optional<UUID> job = in.world.clusters().moveVirtualMachineRole(cluster, g.name(),
                    in.string("Node").orElse(null), in.enumName("MigrationType").orElse("Live"));
            if (job.isPresent()) {
                Optional<Long> wait = in.number("Wait");
                if (wait.isEmpty() || wait.get() > 0) {
                    await(in, job.get(), wait.map(s -> in.world.clock().now().plusSeconds(s)).orElse(null));
                }
                var failure = in.world.migrationFailure(job.get());
                if (failure.isPresent()) {
                    throw in.fail(io.hvmigrate.sim.world.WindowsErrors.cluster("An error occurred while moving the "
                            + "clustered role '" + g.name() + "'.", failure.get().getMessage(),
                            failure.get().hresult(), g.name()));
                }
            }
            in.write(ClusterViews.group(in.world, in.world.clusters().group(cluster, g.name())));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }

    private static void await(Invocation in, UUID job, Instant until) throws PsException {
        while (true) {
            MigrationJobInfo j;
            try {
                j = in.world.awaitMigration(job, Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                in.checkStopping();
                return;
            }
            if (j.ended() || (until != null && !in.world.clock().now().isBefore(until))) {
                return;
            }
            in.checkStopping();
        }
    }
}
