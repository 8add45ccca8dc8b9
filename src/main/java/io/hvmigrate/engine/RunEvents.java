package io.hvmigrate.engine;

import io.hvmigrate.plan.MoveJob;

/** What a run tells the person or program watching it. Implementations must be thread-safe. */
public interface RunEvents {

    default void runStarted(String runId, int moves) {}

    default void moveStarted(MoveJob job) {}

    default void stepStarted(MoveJob job, String step, String host) {}

    default void stepFinished(MoveJob job, String step, String host, boolean ok, String detail) {}

    /** Migration progress from Msvm_MigrationJob, 0–100. */
    default void progress(MoveJob job, int percent) {}

    default void moveFinished(MoveJob job, MoveState state, String detail) {}

    default void notice(String message) {}

    default void runFinished(RunSummary summary) {}

    RunEvents NONE = new RunEvents() {};
}
