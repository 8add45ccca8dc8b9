package io.hvmigrate.model;

import io.hvmigrate.load.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A plan as it was approved ({@code hvmigrate plan --out}): the moves it resolved — which VM, from which host to which,
 * by which scenario and steps — and what it was made from, so that {@code run --plan} carries out those moves and no
 * others, each only while the fleet still matches it.
 *
 * @param file        where it was read from
 * @param digest      the document's digest ({@code sha256:…} of its canonical JSON without this field)
 * @param playbook    the playbook it was made from; its policy still applies when it runs
 * @param inventory   the inventory it was made for
 * @param factsDigest the digest of the facts it was made from (canonical JSON of the facts)
 * @param factsFile   the facts file it was made from, or null
 */
public record ApprovedPlan(Path file, String digest, Instant createdAt, Instant expiresAt, PlaybookRef playbook,
                           InventoryRef inventory, String factsDigest, Path factsFile, List<Move> moves) {

    public ApprovedPlan {
        moves = List.copyOf(moves);
    }

    /** @param sha256 {@code sha256:…} of the playbook file's bytes */
    public record PlaybookRef(String name, Path file, String sha256) {}

    /** @param hostsDigest {@code sha256:…} of the inventory's host list (names and FQDNs), whatever file holds it */
    public record InventoryRef(Path file, String hostsDigest) {}

    public enum Outcome { PLANNED, ALREADY_IN_PLACE, REFUSED }

    /** One step as approved: what it does and the host it runs on. */
    public record Step(String id, String host) {
        @Override
        public String toString() {
            return id + " on " + host;
        }
    }

    /**
     * One move as approved.
     *
     * @param origin        the playbook entry it came from (line and column; the playbook is byte for byte the same)
     * @param vmId          Hyper-V's VM Id, or null when the VM was not found when the plan was made
     * @param source        the host the VM was on, or null
     * @param sourceCluster the source host's cluster when the VM was a clustered role there, else null
     * @param destination   the destination host, or null when none could be resolved
     * @param storagePath   where the VM's files go, or null when they stay where they are
     * @param scenario      S1…S7 when planned, else null
     * @param role          the VM's cluster role (group name) when it was highly available, else null
     * @param refusal       why it was refused ({@code CODE: reason}) when it was, else null
     */
    public record Move(String id, Location origin, String vmName, String vmId, String source, String sourceCluster,
                       String destination, String destinationCluster, String storagePath, Outcome outcome,
                       String scenario, String role, List<Step> steps, String refusalCode, String refusal) {
        public Move {
            steps = List.copyOf(steps);
        }

        /** The move as a person reads it in a diff: {@code app-a1 on hv-a1 → hv-a2 (S1)}. */
        public String describe() {
            return switch (outcome) {
                case PLANNED -> vmName + " on " + source + " → " + destination + " (" + scenario + ")";
                case ALREADY_IN_PLACE -> vmName + " already in place on " + destination;
                case REFUSED -> vmName + " refused (" + refusalCode + ")";
            };
        }
    }

    /** Whether it may no longer be run at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
