package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.ScriptBlock;
import io.hvmigrate.sim.ps.engine.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A -Property entry of Select-Object, Sort-Object, Group-Object: a name (wildcards allowed) or a calculated property
 * {@code @{Name='x'; Expression={...}}} (keys n/Name/l/Label and e/Expression, abbreviations allowed).
 */
record PropertySpec(String name, ScriptBlock expression, String expressionProperty, boolean descending,
                    boolean hasDescending) {

    static List<PropertySpec> parse(EngineContext e, List<Object> specs) throws PsException {
        List<PropertySpec> out = new ArrayList<>();
        for (Object s : specs) {
            if (s instanceof PsHashtable h) {
                String name = null;
                ScriptBlock expr = null;
                String exprProp = null;
                boolean desc = false;
                boolean hasDesc = false;
                for (Map.Entry<Object, Object> en : h.entrySet()) {
                    String k = e.toStr(en.getKey()).toLowerCase(java.util.Locale.ROOT);
                    if (!k.isEmpty() && ("name".startsWith(k) || "label".startsWith(k))) {
                        name = e.toStr(en.getValue());
                    } else if (!k.isEmpty() && "expression".startsWith(k)) {
                        if (en.getValue() instanceof ScriptBlock sb) {
                            expr = sb;
                        } else {
                            exprProp = e.toStr(en.getValue());
                        }
                    } else if (!k.isEmpty() && "descending".startsWith(k) && k.length() > 1) {
                        desc = e.isTrue(en.getValue());
                        hasDesc = true;
                    } else if (!k.isEmpty() && "ascending".startsWith(k)) {
                        desc = !e.isTrue(en.getValue());
                        hasDesc = true;
                    } else {
                        throw BuiltinCmdlet.terminating("System.NotSupportedException", "The " + e.toStr(en.getKey())
                                + " key is not valid.", io.hvmigrate.sim.ps.ErrorCategory.InvalidArgument,
                                "DictionaryKeyIllegal", null);
                    }
                }
                if (name == null) {
                    name = expr != null ? expr.toString().strip() : exprProp;
                }
                out.add(new PropertySpec(name, expr, exprProp, desc, hasDesc));
            } else if (s instanceof ScriptBlock sb) {
                out.add(new PropertySpec(sb.toString().strip(), sb, null, false, false));
            } else {
                out.add(new PropertySpec(e.toStr(s), null, null, false, false));
            }
        }
        return out;
    }

    boolean isWildcard() {
        return expression == null && expressionProperty == null && Wildcard.hasWildcards(name);
    }

    /** The value of this property for an object. */
    Object value(EngineContext e, Object item) {
        if (expression != null) {
            List<Object> r = e.invokeCollect(expression, item, List.of());
            return r.isEmpty() ? null : r.size() == 1 ? r.get(0) : r;
        }
        return e.member(item, expressionProperty != null ? expressionProperty : name);
    }

    /** The names a wildcard property stands for on this object. */
    List<String> expand(Object item) {
        List<String> out = new ArrayList<>();
        if (item instanceof PsObject o) {
            for (String n : o.propertyNames()) {
                if (Wildcard.matches(name, n, true)) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
