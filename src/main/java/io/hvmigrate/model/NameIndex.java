package io.hvmigrate.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Things found by any of their names (a host by name, FQDN or NetBIOS name; a cluster by name or FQDN) without a scan:
 * each name in the one normalisation {@link Names#key}. In list order, the first thing that answers to a name keeps
 * it, as a scan of the list would find it. Built when first asked.
 *
 * @param <T> what is indexed
 */
public final class NameIndex<T> {
    private final List<T> items;
    private final Function<T, List<String>> names;
    private volatile Map<String, T> map;

    public NameIndex(List<T> items, Function<T, List<String>> names) {
        this.items = items;
        this.names = names;
    }

    public Optional<T> get(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Map<String, T> m = map;
        if (m == null) {
            m = new HashMap<>(items.size() * 4);
            for (T item : items) {
                for (String n : names.apply(item)) {
                    if (n != null) {
                        m.putIfAbsent(Names.key(n), item);
                    }
                }
            }
            map = m;
        }
        return Optional.ofNullable(m.get(Names.key(name)));
    }

    /** Every index equals every other: a record holding one compares by its other components alone. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NameIndex;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "NameIndex";
    }
}
