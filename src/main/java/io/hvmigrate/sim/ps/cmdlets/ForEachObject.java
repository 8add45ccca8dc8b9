package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.engine.ScriptBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * ForEach-Object: runs its script block for each input in the caller's scope ({@code $sum += $_} sticks), or reads a
 * member of each input ({@code ForEach-Object -MemberName Name}, {@code % Name}).
 */
final class ForEachObject extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("ForEach-Object", List.of(
            Param.of("Process", PsType.arrayOf(PsType.SCRIPTBLOCK)).in("ScriptBlockSet", Param.pos(0, true)).build(),
            Param.of("Begin", PsType.SCRIPTBLOCK).in("ScriptBlockSet", Param.flag(false)).build(),
            Param.of("End", PsType.SCRIPTBLOCK).in("ScriptBlockSet", Param.flag(false)).build(),
            Param.of("RemainingScripts", PsType.arrayOf(PsType.SCRIPTBLOCK))
                    .in("ScriptBlockSet", new ParameterInfo.Binding(false, -1, false, false, true)).build(),
            Param.of("MemberName", PsType.STRING).in("PropertyAndMethodSet", Param.pos(0, true)).build(),
            Param.of("ArgumentList", PsType.OBJECT_ARRAY).in("PropertyAndMethodSet", Param.flag(false))
                    .aliases("Args").build(),
            Param.inputObject()), "ScriptBlockSet", ForEachObject::new);

    private List<ScriptBlock> process = List.of();

    @Override
    public void begin(CommandContext ctx) {
        EngineContext e = engine(ctx);
        List<ScriptBlock> blocks = new ArrayList<>();
        for (Object o : list(ctx, "Process")) {
            blocks.add((ScriptBlock) o);
        }
        List<Object> remaining = list(ctx, "RemainingScripts");
        for (Object o : remaining) {
            blocks.add((ScriptBlock) o);
        }
        ScriptBlock begin = (ScriptBlock) ctx.parameter("Begin").orElse(null);
        ScriptBlock end = (ScriptBlock) ctx.parameter("End").orElse(null);
        // % {a} {b} [{c}]: with more than one positional block the first is begin, and with three or more the last
        // is end (ForEachObjectCommand's handling of -RemainingScripts)
        if (!remaining.isEmpty() && begin == null && end == null) {
            begin = blocks.get(0);
            if (blocks.size() >= 3) {
                end = blocks.get(blocks.size() - 1);
                blocks = blocks.subList(1, blocks.size() - 1);
            } else {
                blocks = blocks.subList(1, blocks.size());
            }
        }
        process = blocks;
        this.end = end;
        if (begin != null) {
            e.invoke(begin, EngineContext.NO_INPUT, List.of(), false, ctx::write);
        }
    }

    private ScriptBlock end;

    @Override
    public void process(CommandContext ctx, Object input) {
        EngineContext e = engine(ctx);
        Object item = ctx.parameter("InputObject").orElse(null);
        if (ctx.parameterSetName().equals("PropertyAndMethodSet")) {
            if (!ctx.isBound("InputObject")) {
                return;
            }
            String name = param(ctx, "MemberName", "");
            Object v = ctx.isBound("ArgumentList") || !e.hasProperty(item, name)
                    ? e.invokeMethod(item, name, list(ctx, "ArgumentList")) : e.member(item, name);
            if (v instanceof List<?> l) {
                l.forEach(ctx::write);
            } else if (v != io.hvmigrate.sim.ps.engine.AutomationNull.VALUE) {
                ctx.write(v);
            }
            return;
        }
        Object dollarUnder = ctx.isBound("InputObject") ? item : null;
        for (ScriptBlock sb : process) {
            e.invoke(sb, dollarUnder, List.of(), false, ctx::write);
        }
    }

    @Override
    public void end(CommandContext ctx) {
        if (end != null) {
            engine(ctx).invoke(end, EngineContext.NO_INPUT, List.of(), false, ctx::write);
        }
    }
}
