package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.List;

/**
 * Get-ADComputer [-Identity] <ADComputer> [-Properties <String[]>] [-Server <String>] | -Filter <String> (only
 * {@code *} and {@code Name -like 'x*'} forms). As in AD, it searches one domain: the one -Server names, or the domain
 * of the host it runs on; an account of another domain is not found without {@code -Server <its domain>}.
 */
final class GetAdComputer implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.GetADComputer";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ADComputer", List.of(
                Param.of("Identity", Types.AD_COMPUTER).in(Param.pipeline(0, true), "Identity").build(),
                Param.of("Filter", PsType.STRING).in(Param.mandatory(), "Filter").build(),
                Param.of("Properties", PsType.STRING_ARRAY).aliases("Property").optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                "Identity", GetAdComputer::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> properties = in.strings("Properties");
        try {
            String domain = in.adDomain();
            if (in.has("Filter")) {
                String filter = in.string("Filter").orElseThrow().trim();
                String pattern = filter.equals("*") ? "*"
                        : filter.replaceAll("(?i)^\\s*name\\s+-like\\s+['\"](.*)['\"]\\s*$", "$1");
                for (ComputerAccount c : in.world.directory().computers()) {
                    if (c.domain().equalsIgnoreCase(domain)
                            && Wildcard.matches(pattern, c.name())) {
                        in.write(WorldObjects.adComputer(c, properties, in.world.adWhenChanged(c)));
                    }
                }
                return;
            }
            ComputerAccount c = AdIdentity.computer(in.world, in.raw("Identity").orElseThrow(), domain);
            in.write(WorldObjects.adComputer(c, properties, in.world.adWhenChanged(c)));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
