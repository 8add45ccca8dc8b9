package io.hvmigrate.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a run ended: every move's end state, why moves were left unstarted, and the run's exit code.
 *
 * @param notStartedBecause why moves were left unstarted ("window", "failure budget", "interrupted"), or null
 */
public record RunSummary(String runId, List<MoveResult> moves, Duration elapsed, long roundTrips, String notStartedBecause,
                         boolean interrupted) {

    public RunSummary {
        moves = List.copyOf(moves);
    }

    /** One move's end. */
    public record MoveResult(String id, String vm, String source, String destination, String scenario, MoveState state,
                             String detail, Duration duration) {}

    public Map<MoveState, Long> counts() {
        Map<MoveState, Long> m = new EnumMap<>(MoveState.class);
        for (MoveResult r : moves) {
            m.merge(r.state(), 1L, Long::sum);
        }
        return m;
    }

    public boolean anyFailed() {
        return moves.stream().anyMatch(r -> r.state() == MoveState.FAILED || r.state() == MoveState.FAILED_AFTER_MOVE
                || r.state() == MoveState.FAILED_UNPROTECTED);
    }

    public boolean windowClosedWithWorkLeft() {
        return "window".equals(notStartedBecause) && moves.stream().anyMatch(r -> r.state() == MoveState.NOT_STARTED);
    }

    /**
     * 130 interrupted, 1 a move failed or could not be verified, 4 the window closed with work left, 3 moves were left out as refused
     * (--skip-refused: the others ran), 0 otherwise.
     */
    public int exitCode() {
        if (interrupted) {
            return 130;
        }
        if (anyFailed() || "failure budget".equals(notStartedBecause) || moves.stream().anyMatch(r -> r.state() == MoveState.MOVED_UNVERIFIED)) {
            return 1;
        }
        if (windowClosedWithWorkLeft()) {
            return 4;
        }
        if (moves.stream().anyMatch(r -> r.state() == MoveState.REFUSED)) {
            return 3;
        }
        return 0;
    }
}
