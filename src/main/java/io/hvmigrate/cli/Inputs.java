package io.hvmigrate.cli;

import io.hvmigrate.load.FactsFormat;
import io.hvmigrate.load.InvalidInputException;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.LocatedYaml;
import io.hvmigrate.load.Location;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.load.Problem;
import io.hvmigrate.load.Problems;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a command's input files together and reports every problem of every file at once: an inventory error does not
 * hide the playbook's.
 */
record Inputs(Inventory inventory, Playbook playbook, Facts facts) {

    static Inputs load(Path playbookFile, Path inventoryFile, Path factsFile, boolean factsRequired) {
        List<Problem> problems = new ArrayList<>();
        if (inventoryFile == null) {
            problems.add(new Problem(Location.unknown(null), "no inventory given", "pass -i INVENTORY, or set the inventory setting"));
        }
        if (factsRequired && factsFile == null) {
            problems.add(new Problem(Location.unknown(null), "no facts given",
                    "pass --facts FILE (a snapshot such as config/facts.example.yaml); live discovery comes with hvmigrate discover/run"));
        }
        Inventory inventory = null;
        if (inventoryFile != null) {
            try {
                inventory = InventoryFormat.load(inventoryFile);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        Playbook playbook = null;
        if (playbookFile != null) {
            if (inventory != null) {
                try {
                    playbook = PlaybookFormat.load(playbookFile, inventory);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            } else {
                // without an inventory, host names cannot be checked; the playbook's own structure still can
                try {
                    Problems p = new Problems();
                    PlaybookFormat.SHAPE.check(LocatedYaml.read(playbookFile, io.hvmigrate.load.Document.PLAYBOOK), p);
                    if (!p.isEmpty()) {
                        problems.addAll(p.sorted());
                    }
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        Facts facts = null;
        if (factsFile != null) {
            try {
                facts = FactsFormat.load(factsFile);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Inputs(inventory, playbook, facts);
    }
}
