package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Set-VMDvdDrive [-VMName] <String> [[-ControllerNumber] <Int32>] [[-ControllerLocation] <Int32>] [-Path <String>]
 * [-Passthru] [-ComputerName <String[]>] [-Credential] [-CimSession] (the VMName set of the help page; the
 * -VMDvdDrive set, -ToController*, -ResourcePoolName and -AllowUnverifiedPaths are not modelled). {@code -Path $null}
 * ejects the media; without a controller number or location every DVD drive of the VM is set, as administrators'
 * {@code Set-VMDvdDrive -ComputerName H -VMName V -Path $null} relies on.
 */
final class SetVmDvdDrive implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.SetVMDvdDrive";

    static CmdletInfo info() {
        return new CmdletInfo("Set-VMDvdDrive", List.of(
                Param.of("VMName", PsType.STRING).in(Param.at(0, true)).build(),
                Param.of("ControllerNumber", PsType.INT32).in(Param.at(1, false)).build(),
                Param.of("ControllerLocation", PsType.INT32).in(Param.at(2, false)).build(),
                Param.of("Path", PsType.STRING).optional(),
                Param.of("Passthru", PsType.SWITCH).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, SetVmDvdDrive::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String vmName = in.string("VMName").orElseThrow();
        Integer number = in.number("ControllerNumber").map(Long::intValue).orElse(null);
        Integer location = in.number("ControllerLocation").map(Long::intValue).orElse(null);
        String path = in.raw("Path").map(Invocation::text).orElse(null);
        for (String host : in.computers()) {
            try {
                List<VmInfo.DvdInfo> changed = in.world.setDvdDrive(host, vmName, number, location, path);
                if (in.has("Passthru")) {
                    VmInfo vm = in.world.vm(host, vmName);
                    changed.forEach(d -> in.write(WorldObjects.dvdDrive(vm, d)));
                }
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }
}
