package io.hvmigrate.cli;

import io.hvmigrate.load.ApprovedPlanFormat;
import io.hvmigrate.load.InvalidInputException;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.load.Problem;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run --plan} starts from, proven before any host is contacted: the approved plan whole (its digest), made
 * for this inventory, not expired, and its playbook byte for byte the one it was made from.
 */
record ApprovedInputs(Inventory inventory, Playbook playbook, ApprovedPlan plan) {

    /** @param playbookFile the playbook given on the command line, or null: the one the plan names */
    static ApprovedInputs load(Path planFile, Path playbookFile, Path inventoryFile, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (inventoryFile == null) {
            problems.add(new Problem(Location.unknown(null), "no inventory given", "pass -i INVENTORY, or set the inventory setting"));
        }
        ApprovedPlan plan = null;
        try {
            plan = ApprovedPlanFormat.load(planFile);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        Inventory inventory = null;
        if (inventoryFile != null) {
            try {
                inventory = InventoryFormat.load(inventoryFile);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (plan == null || inventory == null) {
            throw new InvalidInputException(problems);
        }
        problems.addAll(ApprovedPlanFormat.check(plan, inventory, now));
        Path pb = playbookFile != null ? playbookFile : plan.playbook().file();
        List<Problem> playbookProblems = ApprovedPlanFormat.checkPlaybook(plan, pb);
        problems.addAll(playbookProblems);
        Playbook playbook = null;
        if (playbookProblems.isEmpty()) {
            try {
                playbook = PlaybookFormat.load(pb, inventory);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ApprovedInputs(inventory, playbook, plan);
    }
}
