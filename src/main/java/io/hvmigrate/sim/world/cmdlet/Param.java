package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.ParameterInfo.Binding;
import io.hvmigrate.sim.ps.PsType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A small builder for parameter declarations, so each cmdlet's syntax block reads like its help page. */
final class Param {
    private final String name;
    private final PsType type;
    private Set<String> aliases = Set.of();
    private final Map<String, Binding> sets = new LinkedHashMap<>();

    private Param(String name, PsType type) {
        this.name = name;
        this.type = type;
    }

    static Param of(String name, PsType type) {
        return new Param(name, type);
    }

    Param aliases(String... a) {
        this.aliases = Set.of(a);
        return this;
    }

    /** Named, optional, in every set. */
    ParameterInfo optional() {
        return in(Binding.OPTIONAL_NAMED, ParameterInfo.ALL_SETS).build();
    }

    /** The same binding in each of the named sets (or every set when none is named). */
    Param in(Binding binding, String... setNames) {
        if (setNames.length == 0) {
            sets.put(ParameterInfo.ALL_SETS, binding);
        }
        for (String s : setNames) {
            sets.put(s, binding);
        }
        return this;
    }

    ParameterInfo build() {
        if (sets.isEmpty()) {
            sets.put(ParameterInfo.ALL_SETS, Binding.OPTIONAL_NAMED);
        }
        return new ParameterInfo(name, type, aliases, sets);
    }

    static Binding named() {
        return Binding.OPTIONAL_NAMED;
    }

    static Binding mandatory() {
        return Binding.MANDATORY_NAMED;
    }

    static Binding at(int position, boolean mandatory) {
        return Binding.positional(position, mandatory);
    }

    static Binding pipeline(int position, boolean mandatory) {
        return new Binding(mandatory, position, true, false);
    }

    static Binding byPropertyName(int position, boolean mandatory) {
        return new Binding(mandatory, position, false, true);
    }
}
