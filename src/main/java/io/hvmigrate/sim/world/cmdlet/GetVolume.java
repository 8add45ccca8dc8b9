package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.Map;

/** Get-Volume [[-DriveLetter] <Char[]>]: the host's local NTFS volumes with a drive letter. */
final class GetVolume implements Cmdlet {
    static final String TYPE = "Get-Volume";

    static CmdletInfo info() {
        return new CmdletInfo("Get-Volume", List.of(
                Param.of("DriveLetter", PsType.STRING_ARRAY).in(Param.at(0, false)).build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, GetVolume::new, "Get-Volume");
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> letters = in.strings("DriveLetter");
        try {
            for (Map.Entry<String, long[]> v : in.world.localVolumes(in.session.computerName()).entrySet()) {
                String letter = v.getKey().substring(0, 1).toUpperCase(java.util.Locale.ROOT);
                if (letters.isEmpty() || letters.stream().anyMatch(l -> l.equalsIgnoreCase(letter))) {
                    in.write(WorldObjects.volume(letter, v.getValue()[0], v.getValue()[1]));
                }
            }
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
