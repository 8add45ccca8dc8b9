package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.PsList;
import io.hvmigrate.sim.ps.engine.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * New-Object for the types scripts build objects with: PSObject (with -Property), ArrayList, List[T], Hashtable.
 * Other .NET types are not modelled and fail as an unknown type would.
 */
final class NewObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("New-Object", List.of(
            Param.of("TypeName", PsType.STRING).in("Net", Param.pos(0, true)).build(),
            Param.of("ArgumentList", PsType.OBJECT_ARRAY).in("Net", Param.pos(1, false)).aliases("Args").build(),
            Param.of("ComObject", PsType.STRING).in("Com", Param.pos(0, true)).build(),
            Param.named("Property", PsType.HASHTABLE)), "Net", NewObject::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        if (ctx.isBound("ComObject")) {
            throw terminating("System.Management.Automation.PSNotSupportedException", "hvsim does not implement COM "
                    + "objects.", ErrorCategory.NotImplemented, "NotSupportedBySimulator", null);
        }
        String name = param(ctx, "TypeName", "");
        String n = name.toLowerCase(Locale.ROOT).replace(" ", "");
        Object result;
        switch (n) {
            case "psobject", "system.management.automation.psobject", "pscustomobject",
                 "system.management.automation.pscustomobject", "object", "system.object" -> result = PsObject.custom();
            case "system.collections.arraylist", "collections.arraylist" -> result = new PsList(Types.ARRAYLIST);
            case "hashtable", "system.collections.hashtable", "collections.hashtable" -> result = new PsHashtable(false);
            default -> {
                var type = io.hvmigrate.sim.ps.engine.Types.resolve(name, List.of(), 0, engine(ctx).commands());
                if (type.isPresent() && io.hvmigrate.sim.ps.engine.Types.isExceptionType(type.get(), engine(ctx).commands())) {
                    ctx.write(engine(ctx).invokeStatic(type.get(), "new", list(ctx, "ArgumentList")));
                    return;
                }
                if (n.startsWith("system.collections.generic.list[") || n.startsWith("collections.generic.list[")) {
                    String element = name.substring(name.indexOf('[') + 1, name.lastIndexOf(']'));
                    result = new PsList(new PsType.Simple("System.Collections.Generic.List`1[" + element + "]"));
                } else {
                    throw terminating("System.Management.Automation.PSArgumentException", "Cannot find type [" + name
                            + "]: verify that the assembly containing this type is loaded.", ErrorCategory.InvalidType,
                            "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand", null);
                }
            }
        }
        Object props = ctx.parameter("Property").orElse(null);
        if (props instanceof PsHashtable h) {
            if (!(result instanceof PsObject o)) {
                throw terminating("System.Management.Automation.PSNotSupportedException", "hvsim does not implement "
                        + "New-Object -Property for " + name + ".", ErrorCategory.NotImplemented,
                        "NotSupportedBySimulator", null);
            }
            for (Map.Entry<Object, Object> e : h.entrySet()) {
                o.put(engine(ctx).toStr(e.getKey()), e.getValue());
            }
        }
        ctx.write(result);
    }
}
