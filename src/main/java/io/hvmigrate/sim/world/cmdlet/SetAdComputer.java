package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.AccountControl;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * Set-ADComputer [-Identity] <ADComputer> [-Add|-Remove|-Replace <Hashtable>] [-Clear <String[]>]
 * [-PrincipalsAllowedToDelegateToAccount <ADPrincipal[]>] [-TrustedForDelegation <Boolean>] [-PassThru].
 * PrincipalsAllowedToDelegateToAccount replaces the whole list; $null clears it. Only msDS-AllowedToDelegateTo is
 * modelled among the hashtable attributes.
 */
final class SetAdComputer implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.SetADComputer";

    static CmdletInfo info() {
        return new CmdletInfo("Set-ADComputer", List.of(
                Param.of("Identity", Types.AD_COMPUTER).in(Param.pipeline(0, true)).build(),
                Param.of("Add", PsType.HASHTABLE).optional(),
                Param.of("Remove", PsType.HASHTABLE).optional(),
                Param.of("Replace", PsType.HASHTABLE).optional(),
                Param.of("Clear", PsType.STRING_ARRAY).optional(),
                Param.of("PrincipalsAllowedToDelegateToAccount", Types.AD_PRINCIPAL_ARRAY).optional(),
                Param.of("TrustedForDelegation", PsType.BOOLEAN).optional(),
                Param.of("PassThru", PsType.SWITCH).optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                null, SetAdComputer::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            ComputerAccount c = AdIdentity.target(in);
            AttributeChange.apply(in, c.samAccountName());
            if (in.has("PrincipalsAllowedToDelegateToAccount")) {
                List<String> principals = new ArrayList<>();
                Object v = in.raw("PrincipalsAllowedToDelegateToAccount").orElse(null);
                for (Object p : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                    principals.add(AdIdentity.principal(in.world, p));
                }
                in.world.adSetPrincipalsAllowedToDelegateToAccount(c.samAccountName(), principals);
            }
            if (in.has("TrustedForDelegation")) {
                in.world.adSetAccountControl(c.samAccountName(), AccountControl.TRUSTED_FOR_DELEGATION,
                        in.bool("TrustedForDelegation").orElseThrow());
            }
            AdIdentity.passThru(in, c);
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
