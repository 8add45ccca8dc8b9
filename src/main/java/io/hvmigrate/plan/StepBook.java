package io.hvmigrate.plan;

import io.hvmigrate.powershell.StepScripts;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a move, in order, with the host each runs on and its script — the same for the plan a user reads and
 * for the run that carries it out.
 */
public final class StepBook {
    private StepBook() {}

    public static List<Step> steps(MoveJob j) {
        List<Step> out = new ArrayList<>();
        Scenario s = j.scenario();
        if (s.removesHa()) {
            out.add(recordHa(j));
            out.add(removeHa(j));
        }
        out.add(migrate(j));
        if (s.addsHa()) {
            out.add(addHa(j));   // its answer is the verification
        } else {
            out.add(verify(j));
        }
        return out;
    }

    public static Step recordHa(MoveJob j) {
        return new Step("record-ha", Step.Kind.RECORD_HA, "record the cluster role's settings of " + j.role().group(), j.source(),
                StepScripts.recordHa(j.vmId()), true);
    }

    public static Step removeHa(MoveJob j) {
        return new Step("remove-ha", Step.Kind.REMOVE_HA, "remove the role " + j.role().group() + " from cluster " + j.sourceCluster()
                + " (the VM keeps running)", j.source(), StepScripts.removeHa(j.role().group(), j.vmId()), true);
    }

    public static Step migrate(MoveJob j) {
        if (j.scenario().inCluster()) {
            return new Step("migrate", Step.Kind.CLUSTER_MIGRATE, "live-migrate role " + j.role().group() + " to node " + j.destinationNetbios(),
                    j.source(), StepScripts.clusterMigrate(j.role().group(), j.destinationNetbios()), false);
        }
        if (j.movesStorage()) {
            return new Step("migrate", Step.Kind.MIGRATE, "live-migrate " + j.vmName() + " with its storage to " + j.destinationFqdn()
                    + ", files to " + j.storagePath(), j.source(), StepScripts.moveVmWithStorage(j.vmId(), j.destinationFqdn(), j.storagePath()), false);
        }
        return new Step("migrate", Step.Kind.MIGRATE, "live-migrate " + j.vmName() + " to " + j.destinationFqdn() + " (files stay on shared storage)",
                j.source(), StepScripts.moveVm(j.vmId(), j.destinationFqdn()), false);
    }

    /**
     * The old preferred owners are nodes of the source cluster: they mean nothing on the destination. A role moved from
     * another cluster (S5) keeps its name, anti-affinity class names and failover settings.
     */
    public static Step addHa(MoveJob j) {
        MoveJob.Role kept = j.scenario().removesHa() ? j.role() : null;
        StepScripts.GroupSettings settings = kept == null ? StepScripts.GroupSettings.NONE : settings(kept);
        return new Step("add-ha", Step.Kind.ADD_HA, "make " + j.vmName() + " highly available on cluster " + j.destinationCluster()
                + " as role " + j.groupOnDestination()
                + (j.priorityOnDestination() != null ? " (priority " + j.priorityOnDestination() + ")" : "")
                + (settings.antiAffinityClassNames().isEmpty() ? "" : ", anti-affinity " + String.join(", ", settings.antiAffinityClassNames()))
                + ", and verify " + j.vmName() + " there",
                j.destination(), StepScripts.addHa(j.vmId(), j.groupOnDestination(), j.priorityOnDestination(), List.of(), settings), true);
    }

    private static StepScripts.GroupSettings settings(MoveJob.Role r) {
        return new StepScripts.GroupSettings(r.antiAffinityClassNames(), r.failoverThreshold(), r.failoverPeriod(), r.autoFailbackType());
    }

    public static Step verify(MoveJob j) {
        boolean clusteredAfter = j.scenario().inCluster() || j.scenario().addsHa();
        String group = j.scenario().inCluster() ? j.role().group() : j.groupOnDestination();
        return new Step("verify", Step.Kind.VERIFY, "verify " + j.vmName() + " on " + j.destination(), j.destination(),
                clusteredAfter ? StepScripts.verifyClusteredVm(j.vmId(), group) : StepScripts.verifyVm(j.vmId()), true);
    }

    /** Compensation for a failure after the role was removed: add it back on the source cluster with {@code role}'s settings. */
    public static List<Step> compensation(MoveJob j) {
        if (!j.scenario().removesHa() || j.role() == null) {
            return List.of();
        }
        return List.of(restoreHa(j, j.role()));
    }

    public static Step restoreHa(MoveJob j, MoveJob.Role role) {
        return new Step("restore-ha", Step.Kind.RESTORE_HA,
                "if the move fails after the role was removed: add " + role.group() + " back to cluster " + j.sourceCluster()
                        + " with priority " + role.priority()
                        + (role.preferredOwners().isEmpty() ? "" : " and preferred owners " + String.join(", ", role.preferredOwners()))
                        + (role.antiAffinityClassNames().isEmpty() ? "" : ", anti-affinity " + String.join(", ", role.antiAffinityClassNames())),
                j.source(), StepScripts.addHa(j.vmId(), role.group(), role.priority(), role.preferredOwners(), settings(role)), true);
    }
}
