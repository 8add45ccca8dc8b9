package io.hvmigrate.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.model.ApprovedPlan;
import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The approved-plan document ({@code plan --out}, read by {@code run --plan}): the plan's JSON ({@code plan --output
 * json}) with an {@code approval} section — when it was made and until when it may run, the digests of the playbook,
 * the inventory's host list and the facts it was made from — and a {@code digest} of all the rest.
 *
 * <p>The digest is a SHA-256 of the document's canonical JSON ({@link CanonicalJson}) without the digest itself. It
 * shows that the document was edited by hand or by a tool that did not compute it again; it is not a signature —
 * anyone can compute it again — so where an approved plan must be proof against deliberate change, sign the file with
 * the organisation's own tools and check the signature before the run.
 */
public final class ApprovedPlanFormat {
    private ApprovedPlanFormat() {}

    public static final String KIND = "hvmigrate-approved-plan";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final String REMAKE = "make a new plan (hvmigrate plan PLAYBOOK --facts FILE --out PLAN.json) and have it approved";

    /**
     * What an approval records besides the plan itself.
     *
     * @param playbookFile   the playbook as an absolute path
     * @param playbookDigest {@link #fileDigest} of the playbook
     * @param inventoryFile  the inventory as an absolute path
     * @param factsFile      the facts file, or null
     * @param factsDigest    {@link #factsDigest} of the facts the plan was made from
     */
    public record Approval(Instant createdAt, Instant expiresAt, Path playbookFile, String playbookDigest,
                           Path inventoryFile, String inventoryDigest, Path factsFile, String factsDigest) {}

    /**
     * The plan's JSON made into an approved-plan document: its own kind and format version, the approval section, the
     * plan's fields as they are, and last the digest over all of that.
     */
    public static ObjectNode seal(ObjectNode plan, Approval a) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("kind", KIND);
        doc.put("formatVersion", FORMAT_VERSION);
        ObjectNode ap = doc.putObject("approval");
        ap.put("createdAt", a.createdAt().toString());
        ap.put("expiresAt", a.expiresAt().toString());
        ap.putObject("playbook").put("file", a.playbookFile().toString()).put("sha256", a.playbookDigest());
        ap.putObject("inventory").put("file", a.inventoryFile().toString()).put("hostsSha256", a.inventoryDigest());
        ap.putObject("facts").put("file", a.factsFile() == null ? null : a.factsFile().toString()).put("sha256", a.factsDigest());
        plan.properties().forEach(e -> {
            if (!e.getKey().equals("kind") && !e.getKey().equals("formatVersion")) {
                doc.set(e.getKey(), e.getValue());
            }
        });
        doc.put("planFormatVersion", plan.path("formatVersion").asInt());
        doc.put("digest", CanonicalJson.digest(doc));
        return doc;
    }

    /** {@code sha256:…} of a file's bytes. */
    public static String fileDigest(Path file) throws IOException {
        return CanonicalJson.sha256(Files.readAllBytes(file));
    }

    /** {@code sha256:…} of the facts' canonical JSON: the same facts give the same digest, YAML or JSON, however spaced. */
    public static String factsDigest(Facts facts) {
        return CanonicalJson.digest(FactsWriter.tree(facts));
    }

    /**
     * {@code sha256:…} of the inventory's hosts — each one's name and FQDN, lower case, sorted: what identifies the
     * fleet a plan was made for, whichever file holds it and however its endpoints are reached.
     */
    public static String inventoryDigest(Inventory inventory) {
        ArrayNode hosts = JSON.createArrayNode();
        inventory.hosts().stream().sorted(Comparator.comparing((Inventory.HostEndpoint h) -> Names.key(h.name())))
                .forEach(h -> hosts.addObject().put("name", Names.key(h.name())).put("fqdn", Names.key(h.fqdn())));
        return CanonicalJson.digest(hosts);
    }

    /**
     * Reads an approved plan and proves that it is whole: the digest it holds is the digest of what it says.
     *
     * @throws InvalidInputException when it cannot be read, is not an approved plan, or was changed after it was written
     */
    public static ApprovedPlan load(Path file) {
        Location at = Location.unknown(file);
        JsonNode root;
        try {
            root = JSON.readTree(BoundedText.read(file, Document.APPROVED_PLAN));
        } catch (JsonProcessingException e) {
            Location where = e.getLocation() == null ? at
                    : new Location(file, Math.max(1, e.getLocation().getLineNr()), Math.max(1, e.getLocation().getColumnNr()));
            throw InvalidInputException.of(where, "not an approved plan: the file is not JSON (" + e.getOriginalMessage() + ")", REMAKE);
        } catch (IOException e) {
            throw InvalidInputException.of(at, "cannot be read: " + e.getMessage(), "check the file and its permissions");
        }
        if (!(root instanceof ObjectNode doc) || !KIND.equals(doc.path("kind").asText())) {
            throw InvalidInputException.of(at, "not an approved plan (its kind is not " + KIND + ")",
                    "pass the file hvmigrate plan --out wrote; " + REMAKE);
        }
        if (doc.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw InvalidInputException.of(at, "an approved plan of format version " + doc.path("formatVersion")
                    + ", which this hvmigrate does not read (it reads version " + FORMAT_VERSION + ")", REMAKE + " with this hvmigrate");
        }
        String recorded = doc.path("digest").asText("");
        ObjectNode content = doc.deepCopy();
        content.remove("digest");
        String actual = CanonicalJson.digest(content);
        if (!actual.equals(recorded)) {
            throw InvalidInputException.of(at, "the approved plan was changed after it was written: its digest ("
                    + (recorded.isEmpty() ? "none" : recorded) + ") is not the digest of what it says (" + actual + ")",
                    "do not edit an approved plan; " + REMAKE);
        }
        try {
            return bind(file, doc, recorded);
        } catch (RuntimeException e) {
            throw InvalidInputException.of(at, "the approved plan is not complete: " + e.getMessage(), REMAKE);
        }
    }

    /**
     * Whether the plan may run here and now: made for this inventory (the same hosts), and not expired.
     *
     * @return the problems; empty when it may run
     */
    public static List<Problem> check(ApprovedPlan plan, Inventory inventory, Instant now) {
        List<Problem> problems = new ArrayList<>();
        Location at = Location.unknown(plan.file());
        String hosts = inventoryDigest(inventory);
        if (!hosts.equals(plan.inventory().hostsDigest())) {
            problems.add(new Problem(at, "the approved plan was made for another inventory: " + plan.inventory().file()
                    + " (hosts " + plan.inventory().hostsDigest() + "), not " + inventory.file() + " (hosts " + hosts + ")",
                    "run it with the inventory it was made for (-i " + plan.inventory().file() + "), or make a new plan for this one and have it approved"));
        }
        if (plan.expiredAt(now)) {
            problems.add(new Problem(at, "the approved plan expired at " + plan.expiresAt() + " (it was made at " + plan.createdAt()
                    + ", valid for " + human(Duration.between(plan.createdAt(), plan.expiresAt())) + ")", REMAKE));
        }
        return problems;
    }

    /**
     * Whether {@code file} is the playbook the plan was made from, byte for byte.
     *
     * @return the problems; empty when it is
     */
    public static List<Problem> checkPlaybook(ApprovedPlan plan, Path file) {
        Location at = Location.unknown(file);
        String now;
        try {
            now = fileDigest(file);
        } catch (NoSuchFileException e) {
            return List.of(new Problem(at, "the playbook the approved plan was made from is not there",
                    "pass it after --plan PLAN.json (hvmigrate run --plan PLAN.json PLAYBOOK), as it was when the plan was made"));
        } catch (IOException e) {
            return List.of(new Problem(at, "the playbook cannot be read: " + e.getMessage(), "check the file and its permissions"));
        }
        if (!now.equals(plan.playbook().sha256())) {
            return List.of(new Problem(at, "the playbook has changed since the plan was approved (it is now " + now
                    + "; the plan was made from " + plan.playbook().sha256() + ")",
                    "run the plan with the playbook as it was approved, or " + REMAKE));
        }
        return List.of();
    }

    private static ApprovedPlan bind(Path file, ObjectNode doc, String digest) {
        JsonNode ap = doc.path("approval");
        Path playbookFile = Path.of(text(ap.path("playbook"), "file"));
        List<ApprovedPlan.Move> moves = new ArrayList<>();
        for (JsonNode m : array(doc, "moves")) {
            String outcome = text(m, "outcome");
            ApprovedPlan.Outcome o = switch (outcome) {
                case "planned" -> ApprovedPlan.Outcome.PLANNED;
                case "already-in-place" -> ApprovedPlan.Outcome.ALREADY_IN_PLACE;
                case "refused" -> ApprovedPlan.Outcome.REFUSED;
                default -> throw new IllegalArgumentException("move " + m.path("id").asText() + " has the outcome '" + outcome + "'");
            };
            List<ApprovedPlan.Step> steps = new ArrayList<>();
            for (JsonNode s : array(m, "steps")) {
                steps.add(new ApprovedPlan.Step(text(s, "id"), text(s, "host")));
            }
            JsonNode src = m.path("source");
            JsonNode dst = m.path("destination");
            moves.add(new ApprovedPlan.Move(text(m, "id"),
                    new Location(playbookFile, m.path("origin").path("line").asInt(), m.path("origin").path("column").asInt()),
                    text(m.path("vm"), "name"), optional(m.path("vm"), "id"), optional(src, "host"), optional(src, "cluster"),
                    optional(dst, "host"), optional(dst, "cluster"), optional(dst, "storagePath"), o,
                    o == ApprovedPlan.Outcome.PLANNED ? text(m.path("scenario"), "id") : null, optional(m.path("vm"), "role"),
                    steps, o == ApprovedPlan.Outcome.REFUSED ? text(m.path("refusal"), "code") : null,
                    o == ApprovedPlan.Outcome.REFUSED ? optional(m.path("refusal"), "reason") : null));
        }
        String facts = optional(ap.path("facts"), "file");
        return new ApprovedPlan(file, digest, instant(ap, "createdAt"), instant(ap, "expiresAt"),
                new ApprovedPlan.PlaybookRef(text(doc.path("playbook"), "name"), playbookFile, text(ap.path("playbook"), "sha256")),
                new ApprovedPlan.InventoryRef(Path.of(text(ap.path("inventory"), "file")), text(ap.path("inventory"), "hostsSha256")),
                text(ap.path("facts"), "sha256"), facts == null ? null : Path.of(facts), moves);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("no " + field + " where one is expected");
        }
        return v.textValue();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.textValue() : null;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isArray()) {
            throw new IllegalArgumentException("no list of " + field);
        }
        return v;
    }

    private static Instant instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time: " + n.path(field).asText());
        }
    }

    /** "7d", "36h", "90m", as people say how long something lasts. */
    static String human(Duration d) {
        if (d.toHours() >= 48 && d.toHours() % 24 == 0) {
            return d.toDays() + "d";
        }
        if (d.toMinutes() >= 120 && d.toMinutes() % 60 == 0) {
            return d.toHours() + "h";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
