package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Get-ADForest [[-Identity] &lt;ADForest&gt;] [-Server &lt;String&gt;]: the forest of the host's domain (or of the
 * domain named): Name, RootDomain, Domains, ForestMode…
 */
final class GetAdForest implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.GetADForest";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ADForest", List.of(
                Param.of("Identity", PsType.STRING).in(Param.pipeline(0, false), "Identity").build(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                "Identity", GetAdForest::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            String server = in.string("Identity").or(() -> in.string("Server")).orElse(null);
            String domain = in.adDomain(server);
            in.write(AdTopologyObjects.forest(in.world, in.world.topology().forestOf(domain)));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
