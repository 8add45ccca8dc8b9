package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.ArrayList;
import java.util.List;

/** Sort-Object: a stable sort by the objects or by properties; values that do not compare sort as strings. */
final class SortObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Sort-Object", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.named("Descending", PsType.SWITCH),
            Param.named("Unique", PsType.SWITCH),
            Param.named("CaseSensitive", PsType.SWITCH),
            Param.inputObject()), null, SortObject::new);

    private final List<Object> items = new ArrayList<>();

    @Override
    public void process(CommandContext ctx, Object input) {
        if (ctx.isBound("InputObject")) {
            items.add(ctx.parameter("InputObject").orElse(null));
        }
    }

    @Override
    public void end(CommandContext ctx) throws PsException {
        EngineContext e = engine(ctx);
        List<PropertySpec> props = PropertySpec.parse(e, list(ctx, "Property"));
        boolean descending = ctx.isBound("Descending");
        boolean cs = ctx.isBound("CaseSensitive");
        List<Object[]> keyed = new ArrayList<>();
        for (Object item : items) {
            Object[] keys = new Object[Math.max(1, props.size())];
            if (props.isEmpty()) {
                keys[0] = item;
            } else {
                for (int i = 0; i < props.size(); i++) {
                    keys[i] = props.get(i).value(e, item);
                }
            }
            keyed.add(new Object[] {item, keys});
        }
        keyed.sort((a, b) -> {
            Object[] ka = (Object[]) a[1];
            Object[] kb = (Object[]) b[1];
            for (int i = 0; i < ka.length; i++) {
                int c = compare(e, ka[i], kb[i], cs);
                boolean desc = props.isEmpty() ? descending
                        : props.get(i).hasDescending() ? props.get(i).descending() : descending;
                if (c != 0) {
                    return desc ? -c : c;
                }
            }
            return 0;
        });
        Object previous = null;
        boolean first = true;
        for (Object[] k : keyed) {
            if (ctx.isBound("Unique") && !first && compare(e, ((Object[]) k[1])[0], previous, cs) == 0) {
                continue;
            }
            previous = ((Object[]) k[1])[0];
            first = false;
            ctx.write(k[0]);
        }
    }

    private static int compare(EngineContext e, Object a, Object b, boolean cs) {
        try {
            return e.compare(a, b, cs);
        } catch (PsException x) {
            return e.toStr(a).compareToIgnoreCase(e.toStr(b));
        }
    }
}
