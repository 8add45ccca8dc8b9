package io.hvmigrate.load;

import java.util.List;
import java.util.Optional;

/**
 * A YAML/JSON value with the place it came from. The loaders keep locations on every node so that validation can say
 * file:line:col for each problem, which a plain Jackson tree cannot.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    Location location();

    /** What the node is, in words a user understands ("a mapping", "a list", "a string"...). */
    String kindName();

    /** A mapping; keys keep their order and their own locations. */
    record MapNode(Location location, List<Entry> entries) implements Node {
        public MapNode {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        public Optional<Node> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }

    record Entry(String key, Location keyLocation, Node value) {}

    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kindName() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param type  what YAML/JSON made of it
     * @param text  the text as written (for a string, its value)
     * @param value String, Long, java.math.BigInteger, Double, Boolean, or null
     */
    record Scalar(Location location, ScalarType type, String text, Object value) implements Node {
        @Override
        public String kindName() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER -> "a whole number";
                case DECIMAL -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "nothing (null)";
            };
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }
    }

    enum ScalarType { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
}
