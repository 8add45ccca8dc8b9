package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.VmInfo;
import io.hvmigrate.sim.ps.engine.Wildcard;
import io.hvmigrate.sim.world.WindowsErrors;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;

/**
 * Get-VMDvdDrive [-VMName] <String[]> [-ControllerNumber <Int32>] [-ControllerLocation <Int32>]
 * [-ComputerName <String[]>] [-Credential] [-CimSession] (the VMName set; the -VM and -VMDriveController sets are not
 * modelled): the VM's DVD drives, empty ones included (Path null).
 */
final class GetVmDvdDrive implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.GetVMDvdDrive";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VMDvdDrive", List.of(
                Param.of("VMName", PsType.STRING_ARRAY).in(Param.at(0, true)).build(),
                Param.of("ControllerNumber", PsType.INT32).optional(),
                Param.of("ControllerLocation", PsType.INT32).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                null, GetVmDvdDrive::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        Integer number = in.number("ControllerNumber").map(Long::intValue).orElse(null);
        Integer location = in.number("ControllerLocation").map(Long::intValue).orElse(null);
        for (String host : in.computers()) {
            try {
                List<VmInfo> all = in.world.vms(host);
                for (String n : in.strings("VMName")) {
                    List<VmInfo> hits;
                    try {
                        hits = GetVm.named(all, n);
                    } catch (WorldException e) {
                        in.error(e);
                        continue;
                    }
                    for (VmInfo v : hits) {
                        v.dvdDrives().stream()
                                .filter(d -> number == null || d.controllerNumber() == number)
                                .filter(d -> location == null || d.controllerLocation() == location)
                                .forEach(d -> in.write(WorldObjects.dvdDrive(v, d)));
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }
}
