package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.AccountControl;
import io.hvmigrate.sim.world.ad.ComputerAccount;
import java.util.List;

/**
 * Set-ADAccountControl [-Identity] <ADAccount> [-TrustedToAuthForDelegation <Boolean>] [-TrustedForDelegation
 * <Boolean>] [-AccountNotDelegated <Boolean>] [-PassThru]: sets or clears the userAccountControl flags.
 */
final class SetAdAccountControl implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.SetADAccountControl";

    static CmdletInfo info() {
        return new CmdletInfo("Set-ADAccountControl", List.of(
                Param.of("Identity", Types.AD_ACCOUNT).in(Param.pipeline(0, true)).build(),
                Param.of("TrustedToAuthForDelegation", PsType.BOOLEAN).optional(),
                Param.of("TrustedForDelegation", PsType.BOOLEAN).optional(),
                Param.of("AccountNotDelegated", PsType.BOOLEAN).optional(),
                Param.of("PassThru", PsType.SWITCH).optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                null, SetAdAccountControl::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            ComputerAccount c = AdIdentity.target(in);
            if (in.has("TrustedToAuthForDelegation")) {
                in.world.adSetAccountControl(c.samAccountName(), AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION,
                        in.bool("TrustedToAuthForDelegation").orElseThrow());
            }
            if (in.has("TrustedForDelegation")) {
                in.world.adSetAccountControl(c.samAccountName(), AccountControl.TRUSTED_FOR_DELEGATION,
                        in.bool("TrustedForDelegation").orElseThrow());
            }
            if (in.has("AccountNotDelegated")) {
                in.world.adSetAccountControl(c.samAccountName(), AccountControl.NOT_DELEGATED,
                        in.bool("AccountNotDelegated").orElseThrow());
            }
            AdIdentity.passThru(in, c);
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
