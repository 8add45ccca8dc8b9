package io.hvmigrate.engine;

import io.hvmigrate.plan.MoveJob;

/** What a run tells the person or program watching it. Implementations must be thread-safe. */
public interface RunEvents {

    /**
     * A phase of the run begins or ends: {@code waiting} (for the window), {@code discovery}, {@code planning},
     * {@code preflight}, {@code execution}; {@code detail} says what it found or will do.
     */
    default void phase(String phase, boolean started, String detail) {}

    /** Discovery could not read a host (its cause and fix). */
    default void hostUnreadable(Discovery.Unreachable host) {}

    /** One preflight finding. */
    default void finding(io.hvmigrate.check.Finding finding) {}

    /** A move that will not run in this run: refused at planning or by preflight (with --skip-refused), with why. */
    default void moveRefused(String move, String vm, String why) {}

    /**
     * The run ended before executing anything (refused, no host readable, window not open or over, stopped while
     * waiting): the outcome's name, the exit code and why. Runs that executed end with {@link #runFinished} instead.
     */
    default void runEnded(String outcome, int exitCode, String why) {}

    default void runStarted(String runId, int moves) {}

    default void moveStarted(MoveJob job) {}

    default void stepStarted(MoveJob job, String step, String host) {}

    default void stepFinished(MoveJob job, String step, String host, boolean ok, String detail) {}

    /** Migration progress from Msvm_MigrationJob, 0–100. */
    default void progress(MoveJob job, int percent) {}

    default void moveFinished(MoveJob job, MoveState state, String detail) {}

    default void notice(String message) {}

    default void runFinished(RunSummary summary) {}

    /** Where the run's report.json was written (after {@link #runFinished}). */
    default void reportWritten(java.nio.file.Path report) {}

    RunEvents NONE = new RunEvents() {};
}
