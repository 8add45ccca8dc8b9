package io.hvmigrate.sim.ps.cmdlets;

import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A terse way to declare a built-in cmdlet's parameters. */
final class Param {
    private final String name;
    private final PsType type;
    private final Map<String, ParameterInfo.Binding> sets = new LinkedHashMap<>();
    private Set<String> aliases = Set.of();

    private Param(String name, PsType type) {
        this.name = name;
        this.type = type;
    }

    static Param of(String name, PsType type) {
        return new Param(name, type);
    }

    Param aliases(String... a) {
        aliases = Set.of(a);
        return this;
    }

    /** In every parameter set. */
    Param all(ParameterInfo.Binding b) {
        sets.put(ParameterInfo.ALL_SETS, b);
        return this;
    }

    Param in(String set, ParameterInfo.Binding b) {
        sets.put(set, b);
        return this;
    }

    ParameterInfo build() {
        if (sets.isEmpty()) {
            sets.put(ParameterInfo.ALL_SETS, ParameterInfo.Binding.OPTIONAL_NAMED);
        }
        return new ParameterInfo(name, type, aliases, sets);
    }

    static ParameterInfo named(String name, PsType type, String... aliases) {
        return of(name, type).aliases(aliases).build();
    }

    static ParameterInfo positional(String name, PsType type, int position) {
        return of(name, type).all(ParameterInfo.Binding.positional(position, false)).build();
    }

    /** The pipeline input parameter most cmdlets have: {@code -InputObject}, by value. */
    static ParameterInfo inputObject() {
        return of("InputObject", PsType.OBJECT).all(new ParameterInfo.Binding(false, -1, true, false)).build();
    }

    static ParameterInfo.Binding pos(int position, boolean mandatory) {
        return ParameterInfo.Binding.positional(position, mandatory);
    }

    static ParameterInfo.Binding flag(boolean mandatory) {
        return mandatory ? ParameterInfo.Binding.MANDATORY_NAMED : ParameterInfo.Binding.OPTIONAL_NAMED;
    }
}
