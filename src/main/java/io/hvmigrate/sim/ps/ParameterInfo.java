package io.hvmigrate.sim.ps;

import java.util.Map;
import java.util.Set;

/**
 * One declared parameter of a cmdlet.
 *
 * @param name    canonical name, e.g. {@code DestinationStoragePath}
 * @param type    the declared .NET type, e.g. {@link PsType#STRING}, {@link PsType#SWITCH}, an array or an enum type
 * @param aliases other names the parameter answers to (e.g. {@code SnapshotFileLocation})
 * @param sets    the parameter sets this parameter belongs to, with how it binds in each; use {@link #ALL_SETS} as
 *                the key for a parameter that is in every set
 */
public record ParameterInfo(String name, PsType type, Set<String> aliases, Map<String, Binding> sets) {

    /** The name PowerShell uses for "all parameter sets". */
    public static final String ALL_SETS = "__AllParameterSets";

    public ParameterInfo {
        aliases = Set.copyOf(aliases);
        sets = Map.copyOf(sets);
    }

    /**
     * -WhatIf and -Confirm, which cmdlets that support ShouldProcess (Move-VM, Set-VMHost, Remove-ClusterGroup, ...)
     * accept and others reject; declare them on such cmdlets (scripts often pass {@code -Confirm:$false}).
     */
    public static java.util.List<ParameterInfo> shouldProcess() {
        return java.util.List.of(
                new ParameterInfo("WhatIf", PsType.SWITCH, Set.of("wi"), Map.of(ALL_SETS, Binding.OPTIONAL_NAMED)),
                new ParameterInfo("Confirm", PsType.SWITCH, Set.of("cf"), Map.of(ALL_SETS, Binding.OPTIONAL_NAMED)));
    }

    /**
     * How a parameter binds within one parameter set.
     *
     * @param mandatory                       required in this set
     * @param position                        0-based position for positional binding, or -1 when named only
     * @param valueFromPipeline               takes the whole pipeline object
     * @param valueFromPipelineByPropertyName takes the pipeline object's property of the same name (or an alias)
     * @param valueFromRemainingArguments     takes the positional arguments no other parameter takes (an array)
     */
    public record Binding(boolean mandatory, int position, boolean valueFromPipeline,
                          boolean valueFromPipelineByPropertyName, boolean valueFromRemainingArguments) {

        public Binding(boolean mandatory, int position, boolean valueFromPipeline,
                       boolean valueFromPipelineByPropertyName) {
            this(mandatory, position, valueFromPipeline, valueFromPipelineByPropertyName, false);
        }

        public static final Binding OPTIONAL_NAMED = new Binding(false, -1, false, false);
        public static final Binding MANDATORY_NAMED = new Binding(true, -1, false, false);

        public static Binding positional(int position, boolean mandatory) {
            return new Binding(mandatory, position, false, false);
        }
    }
}
