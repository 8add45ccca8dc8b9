package io.hvmigrate.plan;

import io.hvmigrate.load.Location;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.VmFacts;
import java.util.List;

/**
 * One VM's move: what the classifier decided and, when it is a move, the steps in order and the compensation that
 * keeps the VM protected if a step fails after its role was removed.
 *
 * @param origin       the playbook entry it came from
 * @param vmName       the VM's name as asked (the VM itself may not exist: then {@code vm} is null)
 * @param source       null when the VM was not found
 * @param destination  null when it could not be resolved
 * @param job          what a run needs to carry the move out; null unless the move is planned
 */
public record PlannedMove(String id, Location origin, String vmName, VmFacts vm, HostFacts source, HostFacts destination,
                          Classification outcome, List<Step> steps, List<Step> compensation, MoveJob job) {

    public PlannedMove {
        steps = List.copyOf(steps);
        compensation = List.copyOf(compensation);
    }

    public boolean planned() {
        return outcome instanceof Classification.Planned;
    }
}
