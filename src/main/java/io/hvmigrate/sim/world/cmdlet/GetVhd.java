package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Get-VHD [-Path] <String[]> [-ComputerName <String[]>] (windows-powershell-docs, docset/winserver2022-ps/hyper-v/
 * Get-VHD.md: "Gets the virtual hard disk object associated with a virtual hard disk"; output
 * Microsoft.Vhd.PowerShell.VirtualHardDisk). The Virtual Machine Management Service opens the file, as the host's
 * computer account, the account Hyper-V over SMB grants the share to: a VM's disk on {@code \\server\share} is read
 * without a second hop, unlike Get-Item in the same shell. The disks are fixed VHDX files: FileSize equals Size. A
 * path that is no disk of a VM, or that the host cannot reach, is "not an existing virtual hard disk file" (the text
 * administrators report for that case; not printed in Microsoft's documentation).
 */
final class GetVhd implements Cmdlet {
    static final String TYPE = "Microsoft.Vhd.PowerShell.Cmdlets.GetVHD";

    static CmdletInfo info() {
        return new CmdletInfo("Get-VHD", List.of(
                Param.of("Path", PsType.STRING_ARRAY).in(Param.at(0, true), "Path").aliases("FullName").build(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional()),
                "Path", GetVhd::new, TYPE);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> computers = in.computers();
        for (String computer : computers) {
            for (String path : in.strings("Path")) {
                OptionalLong len;
                try {
                    len = in.world.fileLength(computer, path);
                } catch (WorldException e) {
                    throw in.fail(e);
                }
                if (len.isPresent()) {
                    in.write(WorldObjects.vhd(computer, path, len.getAsLong()));
                } else {
                    ctx.writeError(new ErrorRecord("Microsoft.HyperV.PowerShell.VirtualizationException",
                            "'" + path + "' is not an existing virtual hard disk file.", 0x80070002,
                            ErrorCategory.ObjectNotFound, "InvalidParameter," + TYPE, path));
                }
            }
        }
    }
}
