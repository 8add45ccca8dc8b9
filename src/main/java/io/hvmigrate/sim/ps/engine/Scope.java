package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A variable and function scope. PowerShell scopes are dynamic: a function's scope is a child of its caller's.
 * Names are case-insensitive.
 */
final class Scope {
    final Scope parent;
    /** Set-StrictMode's version in this scope (0 = off), or null to inherit. */
    Integer strictMode;
    private final Map<String, Variable> variables = new HashMap<>();
    private final Map<String, FunctionInfo> functions = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A variable: its value and, after {@code [int]$x = ...}, the type every later assignment converts to. */
    static final class Variable {
        final String name;
        Object value;
        PsType constraint;
        boolean readOnly;

        Variable(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    Variable local(String name) {
        return variables.get(key(name));
    }

    Variable find(String name) {
        String k = key(name);
        for (Scope s = this; s != null; s = s.parent) {
            Variable v = s.variables.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    Variable define(String name, Object value) {
        Variable v = variables.get(key(name));
        if (v == null) {
            v = new Variable(name, value);
            variables.put(key(name), v);
        } else {
            v.value = value;
        }
        return v;
    }

    void remove(String name) {
        variables.remove(key(name));
    }

    int strictMode() {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.strictMode != null) {
                return s.strictMode;
            }
        }
        return 0;
    }

    FunctionInfo findFunction(String name) {
        String k = key(name);
        for (Scope s = this; s != null; s = s.parent) {
            FunctionInfo f = s.functions.get(k);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    void defineFunction(FunctionInfo f) {
        functions.put(key(f.name()), f);
    }
}
