package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.List;

/** Set-ADObject [-Identity] <ADObject> [-Add|-Remove|-Replace <Hashtable>] [-Clear <String[]>] [-PassThru]. */
final class SetAdObject implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.SetADObject";

    static CmdletInfo info() {
        return new CmdletInfo("Set-ADObject", List.of(
                Param.of("Identity", Types.AD_OBJECT).in(Param.pipeline(0, true)).build(),
                Param.of("Add", PsType.HASHTABLE).optional(),
                Param.of("Remove", PsType.HASHTABLE).optional(),
                Param.of("Replace", PsType.HASHTABLE).optional(),
                Param.of("Clear", PsType.STRING_ARRAY).optional(),
                Param.of("PassThru", PsType.SWITCH).optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                null, SetAdObject::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            ComputerAccount c = AdIdentity.target(in);
            AttributeChange.apply(in, c.samAccountName());
            AdIdentity.passThru(in, c);
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
