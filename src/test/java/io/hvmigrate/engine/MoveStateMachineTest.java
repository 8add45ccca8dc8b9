package io.hvmigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.plan.Scenario;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MoveStateMachineTest {

    @Test
    void crossClusterMovesGoThroughEveryStepInOrder() {
        MoveStateMachine sm = new MoveStateMachine(Scenario.S5, MoveState.PENDING);
        for (MoveState s : new MoveState[] {MoveState.HA_RECORDED, MoveState.HA_REMOVED, MoveState.MIGRATED, MoveState.HA_ADDED, MoveState.DONE}) {
            sm.moveTo(s);
        }
        assertThat(sm.state()).isEqualTo(MoveState.DONE);
    }

    @Test
    void illegalTransitionsFailLoudly() {
        MoveStateMachine sm = new MoveStateMachine(Scenario.S5, MoveState.PENDING);
        assertThatThrownBy(() -> sm.moveTo(MoveState.MIGRATED)).isInstanceOf(IllegalStateException.class)
                .hasMessage("S5: illegal transition PENDING → MIGRATED");
        MoveStateMachine s1 = new MoveStateMachine(Scenario.S1, MoveState.PENDING);
        assertThatThrownBy(() -> s1.moveTo(MoveState.HA_REMOVED)).isInstanceOf(IllegalStateException.class);
        MoveStateMachine done = new MoveStateMachine(Scenario.S3, MoveState.DONE);
        assertThatThrownBy(() -> done.moveTo(MoveState.FAILED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onceTheRoleIsRemovedTheOnlyWayToAPlainFailureIsBackOnTheSource() {
        for (Scenario s : EnumSet.of(Scenario.S5, Scenario.S6)) {
            Map<MoveState, Set<MoveState>> t = MoveStateMachine.table(s);
            // from HA_REMOVED: forward, compensated (FAILED), or loudly unprotected — never NOT_STARTED or SKIPPED
            assertThat(t.get(MoveState.HA_REMOVED)).containsExactlyInAnyOrder(MoveState.MIGRATED, MoveState.FAILED, MoveState.FAILED_UNPROTECTED);
        }
        // after the migration of a VM that was highly available, failing to protect it again is never a quiet failure
        assertThat(MoveStateMachine.table(Scenario.S5).get(MoveState.MIGRATED)).doesNotContain(MoveState.FAILED, MoveState.FAILED_AFTER_MOVE);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyStateReachesAnEnd(Scenario scenario) {
        Map<MoveState, Set<MoveState>> t = MoveStateMachine.table(scenario);
        for (MoveState start : MoveState.values()) {
            if (t.get(start).isEmpty()) {
                continue;
            }
            Set<MoveState> seen = EnumSet.noneOf(MoveState.class);
            Deque<MoveState> todo = new ArrayDeque<>();
            todo.add(start);
            boolean terminal = false;
            while (!todo.isEmpty()) {
                MoveState s = todo.poll();
                if (!seen.add(s)) {
                    continue;
                }
                terminal |= s.terminal();
                todo.addAll(t.get(s));
            }
            assertThat(terminal).as("%s from %s", scenario, start).isTrue();
            assertThat(seen).as("%s from %s can reach DONE", scenario, start).contains(MoveState.DONE);
        }
    }
}
