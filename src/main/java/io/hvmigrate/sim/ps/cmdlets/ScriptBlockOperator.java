package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.ScriptBlock;
import io.hvmigrate.sim.ps.lang.Parser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a PowerShell operator through the interpreter itself ({@code param($a, $b) $a -like $b}), so the
 * simplified Where-Object syntax has exactly the operators' semantics.
 */
final class ScriptBlockOperator {
    private static final Map<String, ScriptBlock> BLOCKS = new ConcurrentHashMap<>();
    private final EngineContext engine;

    ScriptBlockOperator(EngineContext engine) {
        this.engine = engine;
    }

    Object apply(String op, Object left, Object right) {
        ScriptBlock sb = BLOCKS.computeIfAbsent(op, o -> {
            String text = "param($a, $b) $a -" + o + " $b";
            return new ScriptBlock(Parser.parse(text), text);
        });
        List<Object> out = engine.invokeCollect(sb, EngineContext.NO_INPUT, java.util.Arrays.asList(left, right));
        return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out;
    }
}
