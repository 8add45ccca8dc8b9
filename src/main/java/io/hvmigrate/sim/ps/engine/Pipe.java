package io.hvmigrate.sim.ps.engine;

import java.util.ArrayList;
import java.util.List;

/** Where a command's output objects go: the next command in the pipeline, a variable being assigned, the host. */
@FunctionalInterface
interface Pipe {
    void write(Object value);

    Pipe NULL = v -> { };

    /** Collects output, e.g. for {@code $x = Get-Thing} or {@code $( ... )}. */
    final class Collector implements Pipe {
        final List<Object> items = new ArrayList<>();

        @Override
        public void write(Object value) {
            items.add(value);
        }

        /** Nothing becomes AutomationNull, one object itself, more a list (object[]). */
        Object value() {
            return items.isEmpty() ? AutomationNull.VALUE : items.size() == 1 ? items.get(0) : new ArrayList<>(items);
        }
    }
}
