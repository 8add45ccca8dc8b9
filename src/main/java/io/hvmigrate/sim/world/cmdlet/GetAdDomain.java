package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Get-ADDomain [[-Identity] &lt;ADDomain&gt;] [-Server &lt;String&gt;]: the domain of the host it runs on, or the one
 * -Identity/-Server names (DNS or NetBIOS name), with its forest (DNSRoot, NetBIOSName, Forest, DistinguishedName…).
 */
final class GetAdDomain implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.GetADDomain";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ADDomain", List.of(
                Param.of("Identity", PsType.STRING).in(Param.pipeline(0, false), "Identity").build(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                "Identity", GetAdDomain::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            String server = in.string("Identity").or(() -> in.string("Server")).orElse(null);
            in.write(AdTopologyObjects.domain(in.world, in.adDomain(server)));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
