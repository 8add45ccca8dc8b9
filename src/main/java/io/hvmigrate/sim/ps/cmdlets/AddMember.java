package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.List;
import java.util.Map;

/** Add-Member for note properties (the common use: decorating a custom object). */
final class AddMember extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Add-Member", List.of(
            Param.of("InputObject", PsType.OBJECT).all(new ParameterInfo.Binding(true, -1, true, false)).build(),
            Param.of("MemberType", PsType.STRING).in("TypeNameSet", Param.pos(0, true)).aliases("Type").build(),
            Param.of("Name", PsType.STRING).in("TypeNameSet", Param.pos(1, true)).build(),
            Param.of("Value", PsType.OBJECT).in("TypeNameSet", Param.pos(2, false)).build(),
            Param.of("NotePropertyName", PsType.STRING).in("NotePropertySingleMemberSet", Param.pos(0, true)).build(),
            Param.of("NotePropertyValue", PsType.OBJECT).in("NotePropertySingleMemberSet", Param.pos(1, true)).build(),
            Param.of("NotePropertyMembers", PsType.HASHTABLE).in("NotePropertyMultiMemberSet", Param.pos(0, true))
                    .build(),
            Param.named("PassThru", PsType.SWITCH),
            Param.named("Force", PsType.SWITCH)), "TypeNameSet", AddMember::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        EngineContext e = engine(ctx);
        Object target = ctx.parameter("InputObject").orElse(null);
        if (!(target instanceof PsObject o)) {
            throw terminating("System.Management.Automation.PSNotSupportedException", "hvsim does not implement "
                    + "Add-Member on objects other than PSObjects.", ErrorCategory.NotImplemented,
                    "NotSupportedBySimulator", target);
        }
        switch (ctx.parameterSetName()) {
            case "NotePropertySingleMemberSet" -> add(ctx, o, param(ctx, "NotePropertyName", ""),
                    ctx.parameter("NotePropertyValue").orElse(null));
            case "NotePropertyMultiMemberSet" -> {
                PsHashtable h = param(ctx, "NotePropertyMembers", new PsHashtable(false));
                for (Map.Entry<Object, Object> en : h.entrySet()) {
                    add(ctx, o, e.toStr(en.getKey()), en.getValue());
                }
            }
            default -> {
                String type = param(ctx, "MemberType", "");
                if (!type.equalsIgnoreCase("NoteProperty")) {
                    throw terminating("System.Management.Automation.PSNotSupportedException", "hvsim does not "
                            + "implement Add-Member -MemberType " + type + ".", ErrorCategory.NotImplemented,
                            "NotSupportedBySimulator", target);
                }
                add(ctx, o, param(ctx, "Name", ""), ctx.parameter("Value").orElse(null));
            }
        }
        if (ctx.isBound("PassThru")) {
            ctx.write(o);
        }
    }

    private static void add(CommandContext ctx, PsObject o, String name, Object value) throws PsException {
        if (o.has(name) && !ctx.isBound("Force")) {
            ctx.writeError(new io.hvmigrate.sim.ps.ErrorRecord("System.InvalidOperationException",
                    "Cannot add a member with the name \"" + name + "\" because a member with that name already "
                            + "exists. To overwrite the member anyway, add the Force parameter to your command.",
                    0x80131509, ErrorCategory.InvalidOperation,
                    "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand", o));
            return;
        }
        o.put(name, value);
    }
}
