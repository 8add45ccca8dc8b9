package io.hvmigrate.plan;

import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What differs between a move as it was approved and the same route planned again from the facts now, in words for
 * the refusal: the scenario, where the files go, the cluster role, the clusters at either end, and — when nothing
 * of that changed — the steps and the hosts they run on.
 */
final class ApprovalDiff {
    private ApprovalDiff() {}

    /** @param now the approved route planned again: a planned move */
    static List<String> between(ApprovedPlan.Move approved, PlannedMove now) {
        Classification.Planned p = (Classification.Planned) now.outcome();
        List<String> changes = new ArrayList<>();
        if (!p.scenario().name().equals(approved.scenario())) {
            changes.add("the move is now " + p.scenario().name() + " (" + p.scenario().title() + ")");
        }
        if (!sameName(p.storagePath(), approved.storagePath())) {
            changes.add(p.storagePath() == null ? "its files would stay where they are, not go to " + approved.storagePath()
                    : "its files would go to " + p.storagePath() + (approved.storagePath() == null ? ", not stay where they are" : ", not " + approved.storagePath()));
        }
        String role = now.vm().group() == null ? null : now.vm().group().name();
        if (!Objects.equals(role, approved.role())) {
            changes.add(role == null ? "it is no longer the clustered role '" + approved.role() + "'"
                    : approved.role() == null ? "it is now the clustered role '" + role + "'"
                    : "its cluster role is now '" + role + "', not '" + approved.role() + "'");
        }
        String sourceCluster = now.vm().clustered() ? now.source().cluster() : null;
        if (!sameName(sourceCluster, approved.sourceCluster())) {
            changes.add(sourceCluster == null ? "it is no longer a role of cluster " + approved.sourceCluster()
                    : "it is a role of cluster " + sourceCluster + (approved.sourceCluster() == null ? "" : ", not " + approved.sourceCluster()));
        }
        if (!sameName(now.destination().cluster(), approved.destinationCluster())) {
            changes.add(now.destination().name() + (now.destination().cluster() == null ? " is no longer a node of cluster " + approved.destinationCluster()
                    : " is a node of cluster " + now.destination().cluster() + (approved.destinationCluster() == null ? "" : ", not " + approved.destinationCluster())));
        }
        if (changes.isEmpty()) {
            List<ApprovedPlan.Step> steps = now.steps().stream().map(s -> new ApprovedPlan.Step(s.id(), s.host())).toList();
            if (!sameSteps(steps, approved.steps())) {
                changes.add("its steps would be " + join(steps) + ", not " + join(approved.steps()));
            }
        }
        return changes;
    }

    private static boolean sameName(String a, String b) {
        return a == null ? b == null : Names.same(a, b);
    }

    private static boolean sameSteps(List<ApprovedPlan.Step> a, List<ApprovedPlan.Step> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id()) || !Names.same(a.get(i).host(), b.get(i).host())) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<ApprovedPlan.Step> steps) {
        return steps.isEmpty() ? "none" : String.join(", ", steps.stream().map(ApprovedPlan.Step::toString).toList());
    }
}
