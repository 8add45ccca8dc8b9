package io.hvmigrate.plan;

import java.util.List;

/** What the {@link ScenarioClassifier} decided for one move. */
public sealed interface Classification {

    /**
     * A move of one of the seven scenarios.
     *
     * @param storagePath where the VM's files go on the destination when they move; null when they stay on shared
     *                    storage (in-cluster moves, and moves whose files are on an SMB share the destination reaches)
     * @param reasons     why this scenario, in order, for a person to read
     */
    record Planned(Scenario scenario, String storagePath, List<String> reasons) implements Classification {
        public Planned {
            reasons = List.copyOf(reasons);
        }

        public boolean movesStorage() {
            return storagePath != null;
        }
    }

    /** The VM is already where the playbook wants it: nothing to do (re-running a finished playbook ends here). */
    record AlreadyInPlace(String reason) implements Classification {}

    /** The move cannot be made as asked; {@code fix} says what would make it possible. */
    record Refused(RefusalCode code, String reason, String fix) implements Classification {}
}
