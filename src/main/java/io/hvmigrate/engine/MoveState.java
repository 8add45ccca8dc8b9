package io.hvmigrate.engine;

/**
 * Where a move stands. Each state is a fact about the VM that the journal records, so that a resumed run knows what
 * is already true.
 */
public enum MoveState {
    /** Nothing done yet. */
    PENDING(false),
    /** The cluster role's settings are recorded (owner, priority, preferred owners). */
    HA_RECORDED(false),
    /** The role is removed; the VM runs unprotected on its source until it is protected again. */
    HA_REMOVED(false),
    /** The VM runs on its destination. */
    MIGRATED(false),
    /** The VM is a clustered role on its destination cluster. */
    HA_ADDED(false),
    /** Moved and verified on the destination. */
    DONE(true),
    /**
     * The VM reached its destination (and was made highly available there when the move does that), but the destination
     * did not answer the verification, even after waiting out its circuit breaker: not a failure, not proven done.
     */
    MOVED_UNVERIFIED(true),
    /** It was already where the playbook wants it. */
    SKIPPED(true),
    /**
     * Left out of this run (--skip-refused): the move could not be planned, or preflight found what would make it fail.
     * Nothing was done to its VM; the report gives the refusal or the finding and its fix.
     */
    REFUSED(true),
    /** Not started: the window closed, the failure budget ran out, or the run was stopped. */
    NOT_STARTED(true),
    /** The move failed; the VM runs on its source as before (its role restored when it had one). */
    FAILED(true),
    /**
     * The VM runs on its destination, but a step after the migration failed (making it highly available where it was
     * not before, or the verification); the report says what is missing.
     */
    FAILED_AFTER_MOVE(true),
    /**
     * The move failed in a way that left the VM unprotected: moved but not made highly available again, or its role
     * could not be restored on the source. The report names it and says what to run.
     */
    FAILED_UNPROTECTED(true);

    private final boolean terminal;

    MoveState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
