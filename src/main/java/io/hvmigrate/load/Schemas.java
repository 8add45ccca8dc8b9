package io.hvmigrate.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON Schemas published in schema/ for editors; generated from the same shapes hvmigrate validates with. */
public final class Schemas {
    private Schemas() {}

    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        out.put("playbook.schema.json", document("playbook", PlaybookFormat.SHAPE));
        out.put("inventory.schema.json", document("inventory", InventoryFormat.SHAPE));
        out.put("facts.schema.json", document("facts", FactsFormat.SHAPE));
        return out;
    }

    private static ObjectNode document(String name, Shape.Obj shape) {
        ObjectNode s = Shape.F.objectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("$id", "https://hvmigrate.io/schema/" + name + ".schema.json");
        s.setAll(shape.schema());
        return s;
    }
}
