package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WindowsErrors;
import io.hvmigrate.sim.world.WorldException;
import io.hvmigrate.sim.world.ad.AccountControl;
import io.hvmigrate.sim.world.ad.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Get-ADUser [-Identity] &lt;ADUser&gt; [-Properties &lt;String[]&gt;] [-Server &lt;String&gt;]: a user of the domain
 * (the host's, or the one -Server names). Beyond the default properties, {@code AccountNotDelegated} ("account is
 * sensitive and cannot be delegated", userAccountControl NOT_DELEGATED), {@code userAccountControl} and
 * {@code MemberOf} (Protected Users among them) when asked for.
 */
final class GetAdUser implements Cmdlet {
    static final String TYPE = "Microsoft.ActiveDirectory.Management.Commands.GetADUser";

    static CmdletInfo info() {
        return new CmdletInfo("Get-ADUser", List.of(
                Param.of("Identity", PsType.STRING).in(Param.pipeline(0, true), "Identity").build(),
                Param.of("Properties", PsType.STRING_ARRAY).aliases("Property").optional(),
                Param.of("Server", PsType.STRING).optional(),
                Param.of("Credential", Types.CREDENTIAL).optional()),
                "Identity", GetAdUser::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        try {
            String domain = in.adDomain();
            String id = in.string("Identity").orElseThrow();
            UserAccount u = in.world.adUser(id, domain)
                    .orElseThrow(() -> WindowsErrors.adIdentityNotFound(id, AdTopologyObjects.dn(domain)));
            in.write(user(u, in.strings("Properties")));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }

    static PsObject user(UserAccount u, List<String> properties) {
        PsObject o = new PsObject(List.of("Microsoft.ActiveDirectory.Management.ADUser",
                "Microsoft.ActiveDirectory.Management.ADAccount", "Microsoft.ActiveDirectory.Management.ADPrincipal",
                "Microsoft.ActiveDirectory.Management.ADObject", "Microsoft.ActiveDirectory.Management.ADEntity",
                "System.Object"));
        UUID guid = UUID.nameUUIDFromBytes(u.distinguishedName().toLowerCase(java.util.Locale.ROOT)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        o.put("DistinguishedName", u.distinguishedName()).put("Enabled", true).put("GivenName", null)
                .put("Name", u.samAccountName()).put("ObjectClass", "user").put("ObjectGUID", guid)
                .put("SamAccountName", u.samAccountName())
                .put("SID", "S-1-5-21-" + Math.abs(guid.getMostSignificantBits() % 1_000_000_000L))
                .put("Surname", null).put("UserPrincipalName", u.samAccountName() + "@" + u.domain());
        boolean all = properties.stream().anyMatch(p -> p.equals("*"));
        for (String prop : List.of("AccountNotDelegated", "MemberOf", "userAccountControl")) {
            if (!all && properties.stream().noneMatch(p -> p.equalsIgnoreCase(prop))) {
                continue;
            }
            Object value = switch (prop) {
                case "AccountNotDelegated" -> (u.userAccountControl() & AccountControl.NOT_DELEGATED) != 0;
                case "MemberOf" -> {
                    List<Object> groups = new ArrayList<>();
                    if (u.protectedUsers()) {
                        groups.add("CN=Protected Users,CN=Users," + AdTopologyObjects.dn(u.domain()));
                    }
                    yield groups;
                }
                default -> u.userAccountControl();
            };
            o.put(prop, value);
        }
        o.toStringValue(u.distinguishedName());
        return o;
    }
}
