package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Import-Module for the modules a Hyper-V host has (their commands are always available here); any other name
 * fails as a missing module does on Windows.
 */
final class ImportModule extends BuiltinCmdlet {
    static final CmdletInfo INFO = new CmdletInfo("Import-Module", List.of(
            Param.of("Name", PsType.STRING_ARRAY).all(new ParameterInfo.Binding(true, 0, true, false)).build(),
            Param.named("Force", PsType.SWITCH),
            Param.named("PassThru", PsType.SWITCH),
            Param.named("Global", PsType.SWITCH),
            Param.named("DisableNameChecking", PsType.SWITCH),
            Param.named("Prefix", PsType.STRING),
            Param.named("Function", PsType.STRING_ARRAY),
            Param.named("Cmdlet", PsType.STRING_ARRAY)), null, ImportModule::new);

    static final Set<String> KNOWN = Set.of("hyper-v", "failoverclusters", "activedirectory", "cimcmdlets",
            "microsoft.powershell.management", "microsoft.powershell.utility", "microsoft.powershell.security",
            "microsoft.powershell.core", "nettcpip", "smbshare", "storage", "dnsclient", "netadapter",
            "netsecurity", "servermanager", "clusterawareupdating", "dism", "pki");

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        for (Object o : list(ctx, "Name")) {
            String name = engine(ctx).toStr(o);
            if (!KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                ctx.writeError(new ErrorRecord("System.IO.FileNotFoundException", "The specified module '" + name
                        + "' was not loaded because no valid module file was found in any module directory.",
                        0x80070002, ErrorCategory.ResourceUnavailable,
                        "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand", name));
            }
        }
    }
}
