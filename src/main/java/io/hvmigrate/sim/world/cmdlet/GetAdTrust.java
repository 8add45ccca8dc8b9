package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Get-ADTrust -Filter * | [-Identity] &lt;ADTrust&gt; [-Server &lt;String&gt;]: the trusted domain objects of the
 * domain (the host's, or the one -Server names), as AD holds them: one per partner, Direction seen from this domain.
 * Only the filter {@code *} is understood.
 */
final class GetAdTrust implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.GetADTrust";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ADTrust", List.of(
                Param.of("Identity", PsType.STRING).in(Param.pipeline(0, true), "Identity").build(),
                Param.of("Filter", PsType.STRING).in(Param.mandatory(), "Filter").build(),
                Param.of("Properties", PsType.STRING_ARRAY).aliases("Property").optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                "Filter", GetAdTrust::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            String domain = in.adDomain();
            List<PsObject> trusts = AdTopologyObjects.trusts(in.world, domain);
            if (in.has("Filter")) {
                String filter = in.string("Filter").orElseThrow().trim();
                if (!filter.equals("*")) {
                    throw in.invalid("hvsim understands only Get-ADTrust -Filter *", filter);
                }
                trusts.forEach(in::write);
                return;
            }
            String id = in.string("Identity").orElseThrow();
            PsObject t = trusts.stream().filter(x -> x.get("Name").map(n -> n.toString().equalsIgnoreCase(id)).orElse(false)
                    || x.get("DistinguishedName").map(n -> n.toString().equalsIgnoreCase(id)).orElse(false))
                    .findFirst().orElseThrow(() -> in.fail(io.hvmigrate.sim.world.WindowsErrors.adIdentityNotFound(id,
                            AdTopologyObjects.dn(domain))));
            in.write(t);
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
