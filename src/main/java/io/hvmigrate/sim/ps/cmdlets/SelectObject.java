package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.Types;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/** Select-Object: -Property (names, wildcards, calculated properties), -ExpandProperty, -First, -Last, -Skip, -Unique. */
final class SelectObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Select-Object", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.named("ExcludeProperty", PsType.STRING_ARRAY),
            Param.named("ExpandProperty", PsType.STRING),
            Param.named("Unique", PsType.SWITCH),
            Param.named("First", PsType.INT32),
            Param.named("Last", PsType.INT32),
            Param.named("Skip", PsType.INT32),
            Param.named("Index", PsType.arrayOf(PsType.INT32)),
            Param.inputObject()), null, SelectObject::new);

    private List<PropertySpec> properties;
    private int seen;
    private final LinkedList<Object> last = new LinkedList<>();
    private final List<Object> unique = new ArrayList<>();

    @Override
    public void begin(CommandContext ctx) throws PsException {
        properties = PropertySpec.parse(engine(ctx), list(ctx, "Property"));
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        if (!ctx.isBound("InputObject")) {
            return;
        }
        Object item = ctx.parameter("InputObject").orElse(null);
        int index = seen++;
        int skip = param(ctx, "Skip", 0);
        if (index < skip) {
            return;
        }
        if (ctx.isBound("Index") && !list(ctx, "Index").contains(index)) {
            return;
        }
        if (ctx.isBound("Last")) {
            last.add(item);
            int n = param(ctx, "Last", 0);
            while (last.size() > n) {
                last.removeFirst();
            }
            return;
        }
        if (ctx.isBound("First") && index - skip >= (Integer) param(ctx, "First", 0)) {
            return;
        }
        emit(ctx, item);
    }

    @Override
    public void end(CommandContext ctx) throws PsException {
        for (Object item : last) {
            emit(ctx, item);
        }
    }

    private void emit(CommandContext ctx, Object item) throws PsException {
        EngineContext e = engine(ctx);
        Object result = item;
        if (ctx.isBound("ExpandProperty")) {
            String name = param(ctx, "ExpandProperty", "");
            if (item instanceof PsObject o && !o.has(name) || item == null) {
                ctx.writeError(new io.hvmigrate.sim.ps.ErrorRecord("System.ArgumentException", "Property \"" + name
                        + "\" cannot be found.", 0x80070057, ErrorCategory.InvalidArgument,
                        "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand", item));
                return;
            }
            Object v = e.member(item, name);
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    write(ctx, e, o);
                }
            } else {
                write(ctx, e, v);
            }
            return;
        }
        if (!properties.isEmpty()) {
            String type = item instanceof PsObject o && !o.typeNames().isEmpty() ? o.typeNames().get(0)
                    : Types.typeOf(item).fullName();
            PsObject selected = new PsObject(List.of("Selected." + type, "System.Management.Automation.PSCustomObject",
                    "System.Object"));
            List<Object> exclude = list(ctx, "ExcludeProperty");
            for (PropertySpec p : properties) {
                if (p.isWildcard()) {
                    for (String n : p.expand(item)) {
                        if (exclude.stream().noneMatch(x -> e.toStr(x).equalsIgnoreCase(n))) {
                            selected.put(n, e.member(item, n));
                        }
                    }
                } else {
                    selected.put(p.name(), p.value(e, item));
                }
            }
            result = selected;
        }
        write(ctx, e, result);
    }

    private void write(CommandContext ctx, EngineContext e, Object v) {
        if (ctx.isBound("Unique")) {
            for (Object u : unique) {
                if (e.equal(u, v, true) || (u instanceof PsObject && e.toStr(u).equals(e.toStr(v)))) {
                    return;
                }
            }
            unique.add(v);
        }
        ctx.write(v);
    }
}
