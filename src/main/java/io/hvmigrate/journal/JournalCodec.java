package io.hvmigrate.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.plan.MoveJob;
import io.hvmigrate.plan.Scenario;
import java.util.ArrayList;
import java.util.List;

/** How moves and roles are written to the journal and read back, field by field (no reflection, a stable format). */
public final class JournalCodec {
    private JournalCodec() {}

    public static ObjectNode role(MoveJob.Role r) {
        ObjectNode o = Journal.JSON.createObjectNode();
        o.put("group", r.group());
        o.put("ownerNode", r.ownerNode());
        o.put("priority", r.priority());
        ArrayNode a = o.putArray("preferredOwners");
        r.preferredOwners().forEach(a::add);
        ArrayNode aac = o.putArray("antiAffinityClassNames");
        r.antiAffinityClassNames().forEach(aac::add);
        o.put("failoverThreshold", r.failoverThreshold());
        o.put("failoverPeriod", r.failoverPeriod());
        o.put("autoFailbackType", r.autoFailbackType());
        return o;
    }

    public static MoveJob.Role role(JsonNode o) {
        if (o == null || o.isNull() || o.isMissingNode()) {
            return null;
        }
        List<String> owners = new ArrayList<>();
        o.path("preferredOwners").forEach(x -> owners.add(x.asText()));
        List<String> aac = new ArrayList<>();
        o.path("antiAffinityClassNames").forEach(x -> aac.add(x.asText()));
        return new MoveJob.Role(o.path("group").asText(), o.path("ownerNode").asText(null), o.path("priority").asInt(), owners,
                aac, o.path("failoverThreshold").isNumber() ? o.path("failoverThreshold").asLong() : null,
                o.path("failoverPeriod").isNumber() ? o.path("failoverPeriod").asLong() : null,
                o.path("autoFailbackType").isNumber() ? o.path("autoFailbackType").asInt() : null);
    }

    public static ObjectNode job(MoveJob j) {
        ObjectNode o = Journal.JSON.createObjectNode();
        o.put("id", j.id());
        o.put("vmId", j.vmId());
        o.put("vmName", j.vmName());
        o.put("source", j.source());
        o.put("sourceNetbios", j.sourceNetbios());
        o.put("sourceCluster", j.sourceCluster());
        o.put("destination", j.destination());
        o.put("destinationFqdn", j.destinationFqdn());
        o.put("destinationNetbios", j.destinationNetbios());
        o.put("destinationCluster", j.destinationCluster());
        o.put("scenario", j.scenario().name());
        o.put("storagePath", j.storagePath());
        o.set("role", j.role() == null ? null : role(j.role()));
        if (j.priorityOnDestination() == null) {
            o.putNull("priorityOnDestination");
        } else {
            o.put("priorityOnDestination", j.priorityOnDestination());
        }
        o.put("groupOnDestination", j.groupOnDestination());
        o.put("stateBefore", j.stateBefore());
        o.put("memoryBytes", j.memoryBytes());
        o.put("diskBytes", j.diskBytes());
        return o;
    }

    public static MoveJob job(JsonNode o) {
        return new MoveJob(o.path("id").asText(), o.path("vmId").asText(), o.path("vmName").asText(), o.path("source").asText(),
                o.path("sourceNetbios").asText(), text(o, "sourceCluster"), o.path("destination").asText(), o.path("destinationFqdn").asText(),
                o.path("destinationNetbios").asText(), text(o, "destinationCluster"), Scenario.valueOf(o.path("scenario").asText()),
                text(o, "storagePath"), role(o.get("role")), o.path("priorityOnDestination").isNumber() ? o.path("priorityOnDestination").asInt() : null,
                text(o, "groupOnDestination"), text(o, "stateBefore"), o.path("memoryBytes").asLong(), o.path("diskBytes").asLong());
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
