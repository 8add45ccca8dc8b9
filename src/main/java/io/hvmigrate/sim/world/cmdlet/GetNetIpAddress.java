package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Get-NetIPAddress [[-IPAddress] <String[]>] [-AddressFamily]: the host's addresses — loopback, the management address
 * and the live-migration addresses of the fleet file (each in a /24, as the documentation ranges are laid out).
 */
final class GetNetIpAddress implements Cmdlet {
    static final String TYPE = "GetNetIPAddress";

    static CmdletInfo info() {
        return new CmdletInfo("Get-NetIPAddress", List.of(
                Param.of("IPAddress", PsType.STRING_ARRAY).in(Param.at(0, false)).build(),
                Param.of("AddressFamily", PsType.STRING_ARRAY).optional(),
                Param.of("InterfaceAlias", PsType.STRING_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, GetNetIpAddress::new, "Get-NetIPAddress");
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> wanted = in.strings("IPAddress");
        List<String> families = in.strings("AddressFamily");
        try {
            HostInfo h = in.world.vmHost(in.session.computerName());
            emit(in, wanted, families, "127.0.0.1", 8, "Loopback Pseudo-Interface 1");
            if (h.managementAddress() != null) {
                emit(in, wanted, families, h.managementAddress(), 24, "Management");
            }
            int i = 1;
            for (String a : h.migrationAddresses()) {
                emit(in, wanted, families, a, 24, "LiveMigration" + (h.migrationAddresses().size() > 1 ? " " + i++ : ""));
            }
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }

    private static void emit(Invocation in, List<String> wanted, List<String> families, String address, int prefix,
                             String alias) {
        String family = address.contains(":") ? "IPv6" : "IPv4";
        if ((wanted.isEmpty() || wanted.contains(address))
                && (families.isEmpty() || families.stream().anyMatch(f -> f.equalsIgnoreCase(family)))) {
            in.write(WorldObjects.netIpAddress(address, prefix, family, alias));
        }
    }
}
