package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Test-Path [-Path] <String[]> | -LiteralPath <String[]> [-PathType Any|Container|Leaf]: whether the path exists as
 * seen from the local host (its volumes, its cluster's CSVs, the shares it may open, the VMs' files on them). A UNC path
 * the shell's user cannot open (a second hop without delegation, {@code World.userMayOpen}) is {@code False}, as
 * Test-Path answers for a path it may not read.
 */
final class TestPath implements Cmdlet {
    static final String TYPE = "Microsoft.PowerShell.Commands.TestPathCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Test-Path", List.of(
                Param.of("Path", PsType.STRING_ARRAY).in(new io.hvmigrate.sim.ps.ParameterInfo.Binding(true, 0, true,
                        true), "Path").build(),
                Param.of("LiteralPath", PsType.STRING_ARRAY).aliases("PSPath", "LP")
                        .in(Param.byPropertyName(-1, true), "LiteralPath").build(),
                Param.of("PathType", PsType.enumOf(Types.TEST_PATH_TYPE)).aliases("Type").optional(),
                Param.of("IsValid", PsType.SWITCH).optional()),
                "Path", TestPath::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> paths = in.has("LiteralPath") ? in.strings("LiteralPath") : in.strings("Path");
        String type = in.enumName("PathType").orElse("Any");
        for (String p : paths) {
            if (in.has("IsValid")) {
                in.write(!p.isBlank());
                continue;
            }
            try {
                boolean exists = in.world.userMayOpen(in.session.computerName(), in.session.caller(), p)
                        && in.world.pathExists(in.session.computerName(), p);
                boolean leaf = p.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(vhdx?|avhdx?|iso|vmcx|vmrs|xml)$");
                in.write(exists && switch (type) {
                    case "Leaf" -> leaf;
                    case "Container" -> !leaf;
                    default -> true;
                });
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
