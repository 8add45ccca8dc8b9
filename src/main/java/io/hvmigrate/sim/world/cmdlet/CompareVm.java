package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.world.WorldException;

/** Compare-VM in Move-VM's parameter sets (the import sets are not modelled): a VMCompatibilityReport. */
final class CompareVm implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.CompareVM";

    static CmdletInfo info() {
        return new CmdletInfo("Compare-VM", MoveArguments.parameters(false), MoveArguments.NAME_SINGLE,
                CompareVm::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            in.write(WorldObjects.compatibilityReport(in.world.compareVm(MoveArguments.request(in,
                    ctx.parameterSetName()))));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
