package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.HostSettings;
import io.hvmigrate.sim.world.MigrationAuthenticationType;
import io.hvmigrate.sim.world.MigrationPerformance;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/** Set-VMHost: the migration settings and default paths of a host (the parameters hvsim models). */
final class SetVmHost implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.SetVMHost";

    static CmdletInfo info() {
        return new CmdletInfo("Set-VMHost", List.of(
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.at(0, false), "ComputerName").build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.named(), "ComputerName").build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.named(), "CimSession").build(),
                Param.of("MaximumStorageMigrations", PsType.UINT32).optional(),
                Param.of("MaximumVirtualMachineMigrations", PsType.UINT32).optional(),
                Param.of("VirtualMachineMigrationAuthenticationType", PsType.enumOf(Types.MIGRATION_AUTH)).optional(),
                Param.of("UseAnyNetworkForMigration", PsType.BOOLEAN).optional(),
                Param.of("VirtualMachineMigrationPerformanceOption", PsType.enumOf(Types.MIGRATION_PERFORMANCE))
                        .optional(),
                Param.of("VirtualHardDiskPath", PsType.STRING).optional(),
                Param.of("VirtualMachinePath", PsType.STRING).optional(),
                Param.of("NumaSpanningEnabled", PsType.BOOLEAN).optional(),
                Param.of("EnableEnhancedSessionMode", PsType.BOOLEAN).optional(),
                Param.of("Passthru", PsType.SWITCH).optional()),
                "ComputerName", SetVmHost::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        HostSettings change = new HostSettings(
                in.enumName("VirtualMachineMigrationAuthenticationType").map(MigrationAuthenticationType::valueOf)
                        .orElse(null),
                in.enumName("VirtualMachineMigrationPerformanceOption").map(MigrationPerformance::valueOf)
                        .orElse(null),
                in.bool("UseAnyNetworkForMigration").orElse(null),
                in.number("MaximumVirtualMachineMigrations").orElse(null),
                in.number("MaximumStorageMigrations").orElse(null),
                in.string("VirtualMachinePath").orElse(null),
                in.string("VirtualHardDiskPath").orElse(null));
        for (String host : in.computers()) {
            try {
                HostInfo h = in.world.setVmHost(host, change);
                if (in.has("Passthru")) {
                    in.write(WorldObjects.vmHost(h));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
