package io.hvmigrate.plan;

import io.hvmigrate.model.Playbook;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every move of a playbook, classified and, where possible, broken into steps. */
public record Plan(Playbook playbook, List<PlannedMove> moves, List<String> warnings) {

    public Plan {
        moves = List.copyOf(moves);
        warnings = List.copyOf(warnings);
    }

    public long count(Class<? extends Classification> kind) {
        return moves.stream().filter(m -> kind.isInstance(m.outcome())).count();
    }

    public Map<Scenario, Long> byScenario() {
        Map<Scenario, Long> out = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            out.put(s, 0L);
        }
        for (PlannedMove m : moves) {
            if (m.outcome() instanceof Classification.Planned p) {
                out.merge(p.scenario(), 1L, Long::sum);
            }
        }
        return out;
    }

    public boolean anyRefused() {
        return count(Classification.Refused.class) > 0;
    }
}
