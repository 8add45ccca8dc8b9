package io.hvmigrate.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found in one pass, so the user sees all of them at once. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Location at, String message, String fix) {
        list.add(new Problem(at, message, fix));
    }

    /** A problem whose location may hold a secret (a password written where a reference belongs). */
    public void addSensitive(Location at, String message, String fix) {
        list.add(new Problem(at, message, fix, true));
    }

    public void add(Node at, String message, String fix) {
        add(at.location(), message, fix);
    }

    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** In file order, then line and column. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing((Problem p) -> String.valueOf(p.location().file()))
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return copy;
    }

    /** Throws {@link InvalidInputException} carrying every problem when there is at least one. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(sorted());
        }
    }
}
