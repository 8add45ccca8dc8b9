package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.List;

/**
 * The object Format-Table and Format-List render: the selected properties (names, wildcards, calculated), or the
 * object as it is. PowerShell writes format objects; these cmdlets write the rendered lines, which read the same on a
 * console and through Out-String.
 */
final class FormattedView {
    private FormattedView() {}

    static Object of(CommandContext ctx, Object item, boolean allProperties) throws PsException {
        EngineContext e = BuiltinCmdlet.engine(ctx);
        List<Object> props = BuiltinCmdlet.list(ctx, "Property");
        if (props.isEmpty() && !allProperties) {
            return item;
        }
        PsObject o = PsObject.of("FormattedView");
        if (props.isEmpty() && item instanceof PsObject src) {
            for (String n : src.propertyNames()) {
                o.put(n, src.get(n).orElse(null));
            }
            return o;
        }
        for (PropertySpec p : PropertySpec.parse(e, props)) {
            if (p.isWildcard()) {
                for (String n : p.expand(item)) {
                    o.put(n, e.member(item, n));
                }
            } else {
                o.put(p.name(), p.value(e, item));
            }
        }
        return o;
    }
}
