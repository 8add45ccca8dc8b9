package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.engine.EngineContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Get-Command for a cmdlet or native application by name: Name, CommandType, Source and Parameters (so scripts can
 * probe {@code (Get-Command Set-VMProcessor).Parameters.Keys}).
 */
final class GetCommand extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Get-Command", List.of(
            Param.of("Name", PsType.STRING_ARRAY).all(new ParameterInfo.Binding(false, 0, true, true)).build(),
            Param.named("Module", PsType.STRING_ARRAY),
            Param.named("CommandType", PsType.STRING)), null, GetCommand::new);

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        EngineContext e = engine(ctx);
        for (Object o : list(ctx, "Name")) {
            String name = e.toStr(o);
            Optional<CmdletInfo> info = e.commands().cmdlet(name).or(() -> Optional.ofNullable(
                    Builtins.cmdlets().get(name.toLowerCase(Locale.ROOT))));
            String alias = e.commands().alias(name).orElse(Builtins.aliases().get(name.toLowerCase(Locale.ROOT)));
            if (info.isEmpty() && alias != null) {
                info = e.commands().cmdlet(alias).or(() -> Optional.ofNullable(
                        Builtins.cmdlets().get(alias.toLowerCase(Locale.ROOT))));
            }
            if (info.isPresent()) {
                ctx.write(describe(info.get()));
            } else if (e.commands().nativeCommand(name).isPresent()) {
                PsObject app = PsObject.of("System.Management.Automation.ApplicationInfo");
                String exe = name.toLowerCase(Locale.ROOT).endsWith(".exe") ? name : name + ".exe";
                app.put("Name", exe).put("CommandType", "Application")
                        .put("Source", "C:\\Windows\\system32\\" + exe)
                        .put("Definition", "C:\\Windows\\system32\\" + exe);
                app.toStringValue(exe);
                ctx.write(app);
            } else {
                ctx.writeError(new ErrorRecord("System.Management.Automation.CommandNotFoundException",
                        "The term '" + name + "' is not recognized as the name of a cmdlet, function, script file, or "
                                + "operable program. Check the spelling of the name, or if a path was included, verify "
                                + "that the path is correct and try again.", 0x80131501, ErrorCategory.ObjectNotFound,
                        "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand", name));
            }
        }
    }

    private static PsObject describe(CmdletInfo info) {
        PsObject o = PsObject.of("System.Management.Automation.CmdletInfo");
        o.put("Name", info.name());
        o.put("CommandType", "Cmdlet");
        String module = Builtins.module(info.name());
        o.put("Source", module == null ? "" : module);
        o.put("ModuleName", module == null ? "" : module);
        o.put("ImplementingType", info.implementingType());
        PsHashtable params = new PsHashtable(false);
        List<ParameterInfo> all = new ArrayList<>(info.parameters());
        for (ParameterInfo p : all) {
            PsObject meta = PsObject.of("System.Management.Automation.ParameterMetadata");
            meta.put("Name", p.name());
            meta.put("ParameterType", p.type());
            meta.put("Aliases", new ArrayList<Object>(p.aliases()));
            meta.put("SwitchParameter", p.type().equals(PsType.SWITCH));
            meta.toStringValue(p.name());
            params.put(p.name(), meta);
        }
        for (String common : List.of("Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
                "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer",
                "PipelineVariable")) {
            PsObject meta = PsObject.of("System.Management.Automation.ParameterMetadata");
            meta.put("Name", common);
            meta.toStringValue(common);
            params.put(common, meta);
        }
        o.put("Parameters", params);
        List<Object> sets = new ArrayList<>();
        for (ParameterInfo p : info.parameters()) {
            for (String s : p.sets().keySet()) {
                if (!s.equals(ParameterInfo.ALL_SETS) && !sets.contains(s)) {
                    sets.add(s);
                }
            }
        }
        o.put("ParameterSets", sets);
        o.put("DefaultParameterSet", info.defaultParameterSet());
        o.toStringValue(info.name());
        return o;
    }
}
