package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import io.hvmigrate.sim.ps.output.ObjectFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-String, Out-Default/Out-Host, Format-Table and Format-List, on top of the console formatter. Format-* write
 * the formatted lines (as strings) rather than PowerShell's format objects; what reaches a console reads the same.
 */
final class Formatting {
    private Formatting() {}

    static final CmdletInfo OUT_STRING = new CmdletInfo("Out-String", List.of(
            Param.named("Stream", PsType.SWITCH),
            Param.named("Width", PsType.INT32),
            Param.inputObject()), null, OutString::new);

    static final CmdletInfo OUT_DEFAULT = new CmdletInfo("Out-Default", List.of(Param.inputObject()), null,
            OutDefault::new);

    static final CmdletInfo OUT_HOST = new CmdletInfo("Out-Host", List.of(Param.named("Paging", PsType.SWITCH),
            Param.inputObject()), null, OutDefault::new);

    static final CmdletInfo FORMAT_TABLE = new CmdletInfo("Format-Table", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.named("AutoSize", PsType.SWITCH),
            Param.named("Wrap", PsType.SWITCH),
            Param.named("HideTableHeaders", PsType.SWITCH),
            Param.inputObject()), null, () -> new FormatObjects(false));

    static final CmdletInfo FORMAT_LIST = new CmdletInfo("Format-List", List.of(
            Param.positional("Property", PsType.OBJECT_ARRAY, 0),
            Param.inputObject()), null, () -> new FormatObjects(true));

    static final class OutString extends BuiltinCmdlet {
        private ObjectFormatter formatter;
        private final List<String> lines = new ArrayList<>();

        @Override
        public void begin(CommandContext ctx) {
            formatter = new ObjectFormatter(param(ctx, "Width", 120));
        }

        @Override
        public void process(CommandContext ctx, Object input) {
            if (!ctx.isBound("InputObject")) {
                return;
            }
            List<String> out = formatter.format(ctx.parameter("InputObject").orElse(null));
            if (ctx.isBound("Stream")) {
                out.forEach(ctx::write);
            } else {
                lines.addAll(out);
            }
        }

        @Override
        public void end(CommandContext ctx) {
            List<String> tail = formatter.finish();
            if (ctx.isBound("Stream")) {
                tail.forEach(ctx::write);
                return;
            }
            lines.addAll(tail);
            StringBuilder b = new StringBuilder();
            for (String l : lines) {
                b.append(l).append("\r\n");
            }
            ctx.write(b.toString());
        }
    }

    /** Sends its input to the console as the end of the pipeline would. */
    static final class OutDefault extends BuiltinCmdlet {
        @Override
        public void process(CommandContext ctx, Object input) {
            if (ctx.isBound("InputObject")) {
                engine(ctx).outDefault(ctx.parameter("InputObject").orElse(null));
            }
        }
    }

    static final class FormatObjects extends BuiltinCmdlet {
        private final boolean list;
        private ObjectFormatter formatter;

        FormatObjects(boolean list) {
            this.list = list;
        }

        @Override
        public void begin(CommandContext ctx) {
            formatter = new ObjectFormatter(120);
        }

        @Override
        public void process(CommandContext ctx, Object input) throws io.hvmigrate.sim.ps.PsException {
            if (!ctx.isBound("InputObject")) {
                return;
            }
            EngineContext e = engine(ctx);
            Object item = ctx.parameter("InputObject").orElse(null);
            List<Object> props = list(ctx, "Property");
            Object shown = item;
            if (!props.isEmpty() || list) {
                PsObject o = PsObject.of(list ? "FormatList" : "FormatTable");
                if (props.isEmpty() && item instanceof PsObject src) {
                    for (String n : src.propertyNames()) {
                        o.put(n, src.get(n).orElse(null));
                    }
                } else {
                    for (PropertySpec p : PropertySpec.parse(e, props)) {
                        if (p.isWildcard()) {
                            for (String n : p.expand(item)) {
                                o.put(n, e.member(item, n));
                            }
                        } else {
                            o.put(p.name(), p.value(e, item));
                        }
                    }
                }
                shown = o;
            }
            List<String> out = list && shown instanceof PsObject po ? formatter.formatList(po) : formatter.format(shown);
            out.forEach(ctx::write);
        }

        @Override
        public void end(CommandContext ctx) {
            formatter.finish().forEach(ctx::write);
        }
    }
}
