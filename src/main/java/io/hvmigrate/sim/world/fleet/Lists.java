package io.hvmigrate.sim.world.fleet;

import java.util.List;

/** Absent lists in the fleet file read as empty ones. */
final class Lists {
    private Lists() {}

    static <T> List<T> of(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
