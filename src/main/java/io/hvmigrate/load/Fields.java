package io.hvmigrate.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads from a mapping that {@link Shape} has already checked. A value of the wrong type reads as absent:
 * the structural check has reported it, and binding goes on so that semantic problems are reported in the same pass.
 */
public final class Fields {
    private Fields() {}

    public static Optional<Node> node(Node.MapNode m, String key) {
        return m == null ? Optional.empty() : m.get(key);
    }

    public static Optional<Node.MapNode> map(Node.MapNode m, String key) {
        return node(m, key).filter(Node.MapNode.class::isInstance).map(Node.MapNode.class::cast);
    }

    public static List<Node> list(Node.MapNode m, String key) {
        return node(m, key).filter(Node.ListNode.class::isInstance).map(n -> ((Node.ListNode) n).items()).orElse(List.of());
    }

    public static Optional<Node.Scalar> scalar(Node.MapNode m, String key) {
        return node(m, key).filter(Node.Scalar.class::isInstance).map(Node.Scalar.class::cast).filter(s -> !s.isNull());
    }

    public static Optional<String> string(Node.MapNode m, String key) {
        return scalar(m, key).map(Node.Scalar::text);
    }

    public static String string(Node.MapNode m, String key, String fallback) {
        return string(m, key).orElse(fallback);
    }

    public static Optional<Long> integer(Node.MapNode m, String key) {
        return scalar(m, key).filter(s -> s.value() instanceof Long).map(s -> (Long) s.value());
    }

    public static Optional<Boolean> bool(Node.MapNode m, String key) {
        return scalar(m, key).filter(s -> s.value() instanceof Boolean).map(s -> (Boolean) s.value());
    }

    public static boolean bool(Node.MapNode m, String key, boolean fallback) {
        return bool(m, key).orElse(fallback);
    }

    /** A value that may be written as one string or as a list of strings. */
    public static List<Node.Scalar> stringOrList(Node.MapNode m, String key) {
        Optional<Node> n = node(m, key);
        if (n.isEmpty()) {
            return List.of();
        }
        List<Node.Scalar> out = new ArrayList<>();
        if (n.get() instanceof Node.Scalar s && !s.isNull()) {
            out.add(s);
        } else if (n.get() instanceof Node.ListNode l) {
            for (Node i : l.items()) {
                if (i instanceof Node.Scalar s && !s.isNull()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * An enum constant named by the text (case-insensitive, '-' read as '_'), or the fallback when the text is absent or
     * names none — the shape check has reported that already.
     */
    public static <E extends Enum<E>> E choice(Optional<String> text, Class<E> type, E fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        String want = text.get().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(want)) {
                return e;
            }
        }
        return fallback;
    }

    /** Location of a key's value, or of the mapping when the key is absent. */
    public static Location at(Node.MapNode m, String key) {
        return node(m, key).map(Node::location).orElse(m.location());
    }

    public static List<String> strings(Node.MapNode m, String key) {
        return stringOrList(m, key).stream().map(Node.Scalar::text).toList();
    }
}
