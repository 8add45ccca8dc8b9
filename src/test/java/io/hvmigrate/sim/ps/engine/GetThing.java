package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.ParameterInfo.Binding;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-only cmdlet with parameter sets like Get-VM's: it writes what it was bound with, so binding can be checked
 * through a script.
 */
final class GetThing implements Cmdlet {
    static final PsEnum KIND = new PsEnum("Test.ThingKind", kinds());

    private static Map<String, Long> kinds() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Small", 1L);
        m.put("Large", 2L);
        return m;
    }

    static ParameterInfo p(String name, PsType type, Map<String, Binding> sets, String... aliases) {
        return new ParameterInfo(name, type, Set.of(aliases), sets);
    }

    static final CmdletInfo INFO = new CmdletInfo("Get-Thing", List.of(
            p("Name", PsType.STRING_ARRAY, Map.of("ByName", new Binding(false, 0, false, true)), "ThingName"),
            p("Id", PsType.GUID, Map.of("ById", new Binding(true, 0, false, true))),
            p("Thing", PsType.arrayOf(PsType.objectOf("Test.Thing")), Map.of("ByObject", new Binding(true, 0, true, false))),
            p("Count", PsType.INT32, Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Number", PsType.INT32, Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Noise", PsType.STRING, Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Kind", PsType.enumOf(KIND), Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Force", PsType.SWITCH, Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Enabled", PsType.BOOLEAN, Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("Options", PsType.objectOf("System.Collections.IDictionary"), Map.of(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED)),
            p("ComputerName", PsType.STRING_ARRAY, Map.of(ParameterInfo.ALL_SETS, new Binding(false, -1, false, true)),
                    "CN")), "ByName", GetThing::new);

    /** A cmdlet whose only parameter set makes -Path mandatory. */
    static final CmdletInfo NEEDS_PATH = new CmdletInfo("Set-Thing", List.of(
            p("Path", PsType.STRING, Map.of(ParameterInfo.ALL_SETS, Binding.positional(0, true))),
            p("Value", PsType.STRING, Map.of(ParameterInfo.ALL_SETS, Binding.MANDATORY_NAMED))), null, GetThing::new);

    /** Two sets and no default: naming a parameter of both leaves the set undecided. */
    static final CmdletInfo TWO_SETS = new CmdletInfo("Move-Thing", List.of(
            p("Name", PsType.STRING, Map.of("A", Binding.positional(0, false), "B", Binding.positional(0, false))),
            p("Alpha", PsType.SWITCH, Map.of("A", Binding.OPTIONAL_NAMED)),
            p("Beta", PsType.SWITCH, Map.of("B", Binding.OPTIONAL_NAMED))), null, GetThing::new);

    /** Writes a Test.Thing object, the type Get-Thing takes from the pipeline by value. */
    static final CmdletInfo NEW_THING = new CmdletInfo("New-Thing", List.of(
            p("Name", PsType.STRING, Map.of(ParameterInfo.ALL_SETS, Binding.positional(0, true)))), null,
            () -> (ctx, in) -> ctx.write(thing((String) ctx.parameter("Name").orElseThrow())));

    @Override
    public void process(CommandContext ctx, Object input) {
        PsObject o = PsObject.of("Test.Result");
        o.put("Set", ctx.parameterSetName());
        for (String n : List.of("Name", "Id", "Thing", "Count", "Number", "Noise", "Kind", "Force", "Enabled", "Options",
                "ComputerName", "Path", "Value", "Alpha", "Beta")) {
            if (ctx.isBound(n)) {
                o.put(n, ctx.parameter(n).orElse(null));
            }
        }
        ctx.write(o);
    }

    static PsObject thing(String name) {
        return PsObject.of("Test.Thing").put("Name", name).toStringValue(name);
    }
}
