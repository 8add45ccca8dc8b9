package io.hvmigrate.sim.ps;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the command table knows of a cmdlet: its name, its parameters and parameter sets (as {@code Get-Command
 * -Syntax} shows them), and how to make an instance. Parameter binding (named, positional, unambiguous prefixes,
 * aliases, switches, pipeline input by value and by property name, parameter-set resolution, type conversion) is done
 * by the interpreter from this description, with PowerShell's error messages when it fails.
 *
 * @param name                canonical name, e.g. {@code Move-VM}
 * @param parameters          every parameter the cmdlet declares (common parameters such as -ErrorAction are added by
 *                            the interpreter)
 * @param defaultParameterSet the set chosen when the bound parameters fit several; {@code null} when there is only the
 *                            implicit set {@link ParameterInfo#ALL_SETS}
 * @param factory             makes a fresh instance for each invocation
 * @param implementingType    the .NET class behind the cmdlet, which PowerShell appends to error ids
 *                            ({@code NamedParameterNotFound,Microsoft.HyperV.PowerShell.Commands.MoveVM})
 */
public record CmdletInfo(String name, List<ParameterInfo> parameters, String defaultParameterSet,
                         Supplier<? extends Cmdlet> factory, String implementingType) {
    public CmdletInfo {
        parameters = List.copyOf(parameters);
        if (implementingType == null) {
            implementingType = defaultImplementingType(name);
        }
    }

    /** With the implementing type PowerShell's own cmdlets follow: {@code Get-Thing} → {@code ...Commands.GetThingCommand}. */
    public CmdletInfo(String name, List<ParameterInfo> parameters, String defaultParameterSet,
                      Supplier<? extends Cmdlet> factory) {
        this(name, parameters, defaultParameterSet, factory, null);
    }

    private static String defaultImplementingType(String name) {
        return "Microsoft.PowerShell.Commands." + name.replace("-", "") + "Command";
    }
}
