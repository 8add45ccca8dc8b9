package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.CmdletInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cmdlets and aliases every simulated host has, by lower-case name, and the module each comes from. */
public final class Builtins {
    private Builtins() {}

    private static final String CORE = "Microsoft.PowerShell.Core";
    private static final String UTILITY = "Microsoft.PowerShell.Utility";

    private static final Map<String, CmdletInfo> CMDLETS = new LinkedHashMap<>();
    private static final Map<String, String> MODULES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("?", "Where-Object"), Map.entry("where", "Where-Object"),
            Map.entry("%", "ForEach-Object"), Map.entry("foreach", "ForEach-Object"),
            Map.entry("select", "Select-Object"), Map.entry("sort", "Sort-Object"),
            Map.entry("measure", "Measure-Object"), Map.entry("group", "Group-Object"),
            Map.entry("echo", "Write-Output"), Map.entry("write", "Write-Output"),
            Map.entry("sleep", "Start-Sleep"), Map.entry("ft", "Format-Table"), Map.entry("fl", "Format-List"),
            Map.entry("gcm", "Get-Command"), Map.entry("ipmo", "Import-Module"), Map.entry("oh", "Out-Host"));

    static {
        register(CORE, WhereObject.INFO, ForEachObject.INFO, OutNull.INFO, OutDefault.INFO, OutHost.INFO,
                GetCommand.INFO, ImportModule.INFO, SetStrictMode.INFO);
        register(UTILITY, WriteOutput.INFO, WriteError.INFO, WriteWarning.INFO, WriteVerbose.INFO, WriteDebug.INFO,
                WriteHost.INFO, WriteProgress.INFO, SelectObject.INFO, SortObject.INFO, MeasureObject.INFO,
                GroupObject.INFO, GetDate.INFO, StartSleep.INFO, ConvertToJson.INFO, ConvertFromJson.INFO,
                OutString.INFO, FormatTable.INFO, FormatList.INFO, NewObject.INFO, AddMember.INFO);
    }

    private static void register(String module, CmdletInfo... infos) {
        for (CmdletInfo i : infos) {
            CMDLETS.put(i.name().toLowerCase(Locale.ROOT), i);
            MODULES.put(i.name().toLowerCase(Locale.ROOT), module);
        }
    }

    public static Map<String, CmdletInfo> cmdlets() {
        return CMDLETS;
    }

    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** The module of a built-in cmdlet, or null for the host's. */
    public static String module(String name) {
        return MODULES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Commands of the core snap-in are loaded with the shell; the first other command loads a module. */
    public static boolean isCore(String name) {
        return CORE.equals(module(name));
    }

    static List<CmdletInfo> all() {
        return List.copyOf(CMDLETS.values());
    }
}
