package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.ScriptBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where-Object: with a script block ({@code Where-Object { $_.State -eq 'Running' }}) or the simplified syntax
 * ({@code Where-Object State -eq Running}, {@code Where-Object IsClustered}).
 */
final class WhereObject extends BuiltinCmdlet {
    /** Operator switch parameter name → the set it selects, as in 5.1 (EQ is optional so a bare property works). */
    private static final Map<String, String> OPERATORS = new LinkedHashMap<>();

    static {
        for (String op : List.of("EQ", "CEQ", "NE", "CNE", "GT", "CGT", "LT", "CLT", "GE", "CGE", "LE", "CLE", "Like",
                "CLike", "NotLike", "CNotLike", "Match", "CMatch", "NotMatch", "CNotMatch", "Contains", "CContains",
                "NotContains", "CNotContains", "In", "CIn", "NotIn", "CNotIn", "Is", "IsNot")) {
            OPERATORS.put(op, op.equals("EQ") ? "EqualSet" : op + "Set");
        }
    }

    static final CmdletInfo INFO = build();

    private static CmdletInfo build() {
        List<ParameterInfo> params = new ArrayList<>();
        params.add(Param.of("FilterScript", PsType.SCRIPTBLOCK).in("ScriptBlockSet", Param.pos(0, true)).build());
        Param property = Param.of("Property", PsType.STRING);
        Param value = Param.of("Value", PsType.OBJECT);
        for (Map.Entry<String, String> e : OPERATORS.entrySet()) {
            property.in(e.getValue(), Param.pos(0, true));
            value.in(e.getValue(), Param.pos(1, false));
            params.add(Param.of(e.getKey(), PsType.SWITCH).in(e.getValue(), Param.flag(!e.getKey().equals("EQ")))
                    .build());
        }
        params.add(property.build());
        params.add(value.build());
        params.add(Param.inputObject());
        return new CmdletInfo("Where-Object", params, "EqualSet", WhereObject::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        EngineContext e = engine(ctx);
        Object item = ctx.parameter("InputObject").orElse(null);
        if (!ctx.isBound("InputObject")) {
            return;
        }
        Object filter = ctx.parameter("FilterScript").orElse(null);
        if (filter instanceof ScriptBlock sb) {
            List<Object> r = new ArrayList<>();
            e.invoke(sb, item, List.of(), false, r::add);
            Object verdict = r.isEmpty() ? null : r.size() == 1 ? r.get(0) : r;
            if (e.isTrue(verdict)) {
                ctx.write(item);
            }
            return;
        }
        String property = param(ctx, "Property", "");
        Object actual = e.member(item, property);
        String op = null;
        for (String name : OPERATORS.keySet()) {
            if (ctx.isBound(name)) {
                op = name;
            }
        }
        if (op == null && !ctx.isBound("Value")) {
            if (e.isTrue(actual)) {
                ctx.write(item);
            }
            return;
        }
        if (op == null) {
            op = "EQ";
        }
        Object expected = ctx.parameter("Value").orElse(null);
        if (test(e, op, actual, expected)) {
            ctx.write(item);
        }
    }

    private static boolean test(EngineContext e, String op, Object actual, Object expected) throws PsException {
        String o = op.toLowerCase(Locale.ROOT);
        boolean cs = o.startsWith("c") && !o.equals("contains");
        String base = cs ? o.substring(1) : o;
        return switch (base) {
            case "eq" -> e.equal(actual, expected, cs);
            case "ne" -> !e.equal(actual, expected, cs);
            case "gt" -> actual != null && e.compare(actual, expected, cs) > 0;
            case "ge" -> actual != null && e.compare(actual, expected, cs) >= 0;
            case "lt" -> actual != null && e.compare(actual, expected, cs) < 0;
            case "le" -> actual != null && e.compare(actual, expected, cs) <= 0;
            default -> e.isTrue(operatorResult(e, base, cs, actual, expected));
        };
    }

    private static Object operatorResult(EngineContext e, String base, boolean cs, Object actual, Object expected) {
        ScriptBlockOperator f = new ScriptBlockOperator(e);
        return f.apply((cs ? "c" : "") + base, actual, expected);
    }
}
