package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Group-Object: groups in order of first appearance, case-insensitively; -NoElement, -AsHashTable, -AsString. */
final class GroupObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Group-Object", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.named("NoElement", PsType.SWITCH),
            Param.named("AsHashTable", PsType.SWITCH, "AHT"),
            Param.named("AsString", PsType.SWITCH),
            Param.named("CaseSensitive", PsType.SWITCH),
            Param.inputObject()), null, GroupObject::new);

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
        boolean cs = ctx.isBound("CaseSensitive");
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        Map<String, Object> keyValues = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object item : items) {
            List<String> parts = new ArrayList<>();
            Object keyValue = null;
            if (props.isEmpty()) {
                parts.add(e.toStr(item));
                keyValue = item;
            } else {
                for (PropertySpec p : props) {
                    Object v = p.value(e, item);
                    parts.add(e.toStr(v));
                    keyValue = keyValue == null ? v : keyValue;
                }
            }
            String name = String.join(", ", parts);
            String key = cs ? name : name.toLowerCase(Locale.ROOT);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
            keyValues.putIfAbsent(key, keyValue);
            names.putIfAbsent(key, name);
        }
        if (ctx.isBound("AsHashTable")) {
            PsHashtable h = new PsHashtable(false);
            for (Map.Entry<String, List<Object>> g : groups.entrySet()) {
                Object k = ctx.isBound("AsString") ? names.get(g.getKey()) : keyValues.get(g.getKey());
                h.put(k, g.getValue().size() == 1 ? g.getValue().get(0) : new ArrayList<>(g.getValue()));
            }
            ctx.write(h);
            return;
        }
        for (Map.Entry<String, List<Object>> g : groups.entrySet()) {
            PsObject info = PsObject.of(ctx.isBound("NoElement") ? "Microsoft.PowerShell.Commands.GroupInfoNoElement"
                    : "Microsoft.PowerShell.Commands.GroupInfo");
            info.put("Count", g.getValue().size());
            info.put("Name", names.get(g.getKey()));
            if (!ctx.isBound("NoElement")) {
                info.put("Group", new ArrayList<>(g.getValue()));
            }
            info.put("Values", new ArrayList<>(List.of(keyValues.get(g.getKey()) == null ? "" : keyValues.get(g.getKey()))));
            ctx.write(info);
        }
    }
}
