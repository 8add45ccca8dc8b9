package io.hvmigrate.plan;

import io.hvmigrate.powershell.StepScript;

/**
 * One remote action of a move.
 *
 * @param id         unique within the move, e.g. {@code migrate}
 * @param host       the inventory name of the host it runs on
 * @param idempotent running it twice has the same effect as once, so it may be retried after a transient failure
 */
public record Step(String id, Kind kind, String title, String host, StepScript script, boolean idempotent) {

    public enum Kind {
        /** Read the cluster role's settings so they can be restored. */
        RECORD_HA,
        /** Remove the VM's cluster role; the VM stays registered and running. */
        REMOVE_HA,
        /** Live migration by the cluster, to another node. */
        CLUSTER_MIGRATE,
        /** Live migration with Move-VM, host to host. */
        MIGRATE,
        /** Make the VM highly available on the destination cluster. */
        ADD_HA,
        /** Read the VM on its destination and compare with what the move should have produced. */
        VERIFY,
        /** Compensation: add the role back on the source cluster with its recorded settings. */
        RESTORE_HA
    }
}
