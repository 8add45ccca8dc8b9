package io.hvmigrate.plan;

import io.hvmigrate.load.FactsFormat;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import java.nio.file.Path;

/** The small test fleet in src/test/resources/fleet. */
final class TestFleet {
    static final Path DIR = Path.of("src/test/resources/fleet");
    static final Facts FACTS = FactsFormat.load(DIR.resolve("facts.yaml"));
    static final Inventory INVENTORY = InventoryFormat.load(DIR.resolve("inventory.yaml"));

    private TestFleet() {}
}
