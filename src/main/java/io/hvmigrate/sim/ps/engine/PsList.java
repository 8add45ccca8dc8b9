package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsType;
import java.util.ArrayList;
import java.util.Collection;

/**
 * A growable collection ({@code System.Collections.ArrayList}, {@code List[T]}): unlike an array ({@code object[]},
 * a plain {@link java.util.List}) its {@code Add} works, and {@code ArrayList.Add} returns the new index.
 */
public final class PsList extends ArrayList<Object> {
    private final transient PsType type;

    public PsList(PsType type) {
        this.type = type;
    }

    public PsList(PsType type, Collection<?> items) {
        super(items);
        this.type = type;
    }

    public PsType type() {
        return type;
    }
}
