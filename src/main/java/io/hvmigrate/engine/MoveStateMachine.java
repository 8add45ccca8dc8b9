package io.hvmigrate.engine;

import static io.hvmigrate.engine.MoveState.DONE;
import static io.hvmigrate.engine.MoveState.FAILED;
import static io.hvmigrate.engine.MoveState.FAILED_AFTER_MOVE;
import static io.hvmigrate.engine.MoveState.MOVED_UNVERIFIED;
import static io.hvmigrate.engine.MoveState.FAILED_UNPROTECTED;
import static io.hvmigrate.engine.MoveState.HA_ADDED;
import static io.hvmigrate.engine.MoveState.HA_RECORDED;
import static io.hvmigrate.engine.MoveState.HA_REMOVED;
import static io.hvmigrate.engine.MoveState.MIGRATED;
import static io.hvmigrate.engine.MoveState.NOT_STARTED;
import static io.hvmigrate.engine.MoveState.PENDING;
import static io.hvmigrate.engine.MoveState.SKIPPED;

import io.hvmigrate.plan.Scenario;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal transitions of a move, per scenario. Anything else is a bug and fails loudly. The table is the contract
 * that keeps VMs protected: from {@code HA_REMOVED} the only ways out are forward (migrated), or back to the source
 * with the role restored ({@code FAILED}), or {@code FAILED_UNPROTECTED} when even that failed — never a silent stop.
 */
public final class MoveStateMachine {
    private final Scenario scenario;
    private final Map<MoveState, Set<MoveState>> table;
    private MoveState state;

    public MoveStateMachine(Scenario scenario, MoveState initial) {
        this.scenario = scenario;
        this.table = table(scenario);
        this.state = initial;
    }

    public static Map<MoveState, Set<MoveState>> table(Scenario s) {
        Map<MoveState, Set<MoveState>> t = new EnumMap<>(MoveState.class);
        switch (s) {
            case S1, S2, S3, S4 -> {
                t.put(PENDING, EnumSet.of(MIGRATED, FAILED, SKIPPED, NOT_STARTED));
                t.put(MIGRATED, EnumSet.of(DONE, MOVED_UNVERIFIED, FAILED_AFTER_MOVE));
            }
            case S5 -> {
                t.put(PENDING, EnumSet.of(HA_RECORDED, FAILED, SKIPPED, NOT_STARTED));
                // a failed removal may have half-happened: when restoring the role fails too, the VM may be unprotected
                t.put(HA_RECORDED, EnumSet.of(HA_REMOVED, FAILED, FAILED_UNPROTECTED));
                t.put(HA_REMOVED, EnumSet.of(MIGRATED, FAILED, FAILED_UNPROTECTED));
                t.put(MIGRATED, EnumSet.of(HA_ADDED, FAILED_UNPROTECTED));
                t.put(HA_ADDED, EnumSet.of(DONE, MOVED_UNVERIFIED, FAILED_AFTER_MOVE));
            }
            case S6 -> {
                t.put(PENDING, EnumSet.of(HA_RECORDED, FAILED, SKIPPED, NOT_STARTED));
                t.put(HA_RECORDED, EnumSet.of(HA_REMOVED, FAILED, FAILED_UNPROTECTED));
                t.put(HA_REMOVED, EnumSet.of(MIGRATED, FAILED, FAILED_UNPROTECTED));
                t.put(MIGRATED, EnumSet.of(DONE, MOVED_UNVERIFIED, FAILED_AFTER_MOVE));
            }
            case S7 -> {
                t.put(PENDING, EnumSet.of(MIGRATED, FAILED, SKIPPED, NOT_STARTED));
                t.put(MIGRATED, EnumSet.of(HA_ADDED, FAILED_AFTER_MOVE));
                t.put(HA_ADDED, EnumSet.of(DONE, MOVED_UNVERIFIED, FAILED_AFTER_MOVE));
            }
        }
        for (MoveState m : MoveState.values()) {
            t.putIfAbsent(m, EnumSet.noneOf(MoveState.class));
        }
        return t;
    }

    public MoveState state() {
        return state;
    }

    public Scenario scenario() {
        return scenario;
    }

    public boolean canMoveTo(MoveState next) {
        return table.get(state).contains(next);
    }

    /** @throws IllegalStateException for a transition the table does not allow */
    public MoveState moveTo(MoveState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException(scenario + ": illegal transition " + state + " → " + next);
        }
        MoveState prev = state;
        state = next;
        return prev;
    }
}
