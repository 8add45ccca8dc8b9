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
 * Get-Item [-Path] <String[]> | -LiteralPath <String[]>: the files hvsim knows are VM disks (a System.IO.FileInfo with
 * its Length); anything else is "Cannot find path" as the FileSystem provider reports it. A UNC path on another computer
 * is opened as the shell's user: from a WinRM network logon that is a second hop ({@code World.userMayOpen}), refused
 * as the provider reports a refused open: "Access is denied" (UnauthorizedAccessException, PermissionDenied).
 */
final class GetItem implements Cmdlet {
    static final String TYPE = "Microsoft.PowerShell.Commands.GetItemCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Get-Item", List.of(
                Param.of("Path", PsType.STRING_ARRAY).in(Param.at(0, true), "Path").build(),
                Param.of("LiteralPath", PsType.STRING_ARRAY).in(Param.mandatory(), "LiteralPath").aliases("PSPath", "LP").build()),
                "Path", GetItem::new, TYPE);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        List<String> paths = in.has("LiteralPath") ? in.strings("LiteralPath") : in.strings("Path");
        for (String path : paths) {
            OptionalLong len;
            try {
                if (!in.world.userMayOpen(in.session.computerName(), in.session.caller(), path)) {
                    ctx.writeError(new ErrorRecord("System.UnauthorizedAccessException", "Access is denied",
                            0x80070005, ErrorCategory.PermissionDenied, "ItemExistsUnauthorizedAccessError," + TYPE,
                            path));
                    continue;
                }
                len = in.world.fileLength(in.session.computerName(), path);
            } catch (WorldException e) {
                throw in.fail(e);
            }
            if (len.isPresent()) {
                in.write(WorldObjects.file(path, len.getAsLong()));
            } else {
                ctx.writeError(new ErrorRecord("System.Management.Automation.ItemNotFoundException",
                        "Cannot find path '" + path + "' because it does not exist.", 0x80131500,
                        ErrorCategory.ObjectNotFound, "PathNotFound," + TYPE, path));
            }
        }
    }
}
