package io.hvmigrate.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The structure of an input file, declared once: it checks a {@link Node} tree (unknown keys with a did-you-mean,
 * missing keys, wrong types, patterns, ranges), and it is the source of the published JSON Schemas, so the schema an
 * editor uses and the validation hvmigrate runs cannot drift apart.
 */
public sealed interface Shape {

    String description();

    /** Adds every structural problem of {@code node} to {@code problems}. */
    void check(Node node, Problems problems);

    /** This shape as JSON Schema (draft 2020-12). */
    ObjectNode schema();

    JsonNodeFactory F = JsonNodeFactory.instance;

    // ---- factories ---------------------------------------------------------------------------------------------

    static Str string(String description) {
        return new Str(description, null, null, List.of(), null, false);
    }

    static Int integer(String description, long min, long max) {
        return new Int(description, min, max);
    }

    static Bool bool(String description) {
        return new Bool(description);
    }

    static ListOf list(String description, Shape item, int minItems) {
        return new ListOf(description, item, minItems);
    }

    static Obj object(String title, String description) {
        return new Obj(title, description, new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    static OneOf oneOf(String description, Shape... alternatives) {
        return new OneOf(description, List.of(alternatives));
    }

    // ---- shapes -------------------------------------------------------------------------------------------------

    /**
     * A string. Plain YAML numbers and booleans are accepted as their written text (a host called {@code 2019} or a
     * version {@code 9.0} need no quotes).
     *
     * @param pattern     a regular expression the whole value must match, or null
     * @param patternHint what the pattern means, for the error message and the schema
     * @param values      the allowed values (case-insensitive), or empty for any
     * @param check       an extra semantic check returning an error message, or null when the value is fine
     */
    record Str(String description, Pattern pattern, String patternHint, List<String> values,
               Function<String, String> check, boolean sensitive) implements Shape {

        public Str pattern(String regex, String hint) {
            return new Str(description, Pattern.compile(regex), hint, values, check, sensitive);
        }

        public Str values(String... allowed) {
            return new Str(description, pattern, patternHint, List.of(allowed), check, sensitive);
        }

        public Str check(Function<String, String> semantic) {
            return new Str(description, pattern, patternHint, values, semantic, sensitive);
        }

        /** The value may be a secret: error messages never echo it and reports never quote its line. */
        public Str secret() {
            return new Str(description, pattern, patternHint, values, check, true);
        }

        @Override
        public void check(Node node, Problems problems) {
            if (!(node instanceof Node.Scalar s) || s.isNull()) {
                problems.add(node, "expected a string (" + description + "), found " + node.kindName(),
                        values.isEmpty() ? "write a single value" : "use one of: " + String.join(", ", values));
                return;
            }
            String v = s.text();
            if (!values.isEmpty()) {
                boolean ok = values.stream().anyMatch(a -> a.equalsIgnoreCase(v));
                if (!ok) {
                    problems.add(node, "'" + v + "' is not a valid value for " + description,
                            DidYouMean.closest(v, values).map(x -> "did you mean '" + x + "'?")
                                    .orElse("use one of: " + String.join(", ", values)));
                    return;
                }
            }
            if (pattern != null && !pattern.matcher(v).matches()) {
                problems.add(node, "'" + v + "' is not " + patternHint, "write " + patternHint);
                return;
            }
            if (check != null) {
                String error = check.apply(v);
                if (error != null) {
                    int sep = error.indexOf(" | fix: ");
                    String message = sep < 0 ? error : error.substring(0, sep);
                    String fix = sep < 0 ? "" : error.substring(sep + 8);
                    if (sensitive) {
                        problems.addSensitive(node.location(), message, fix);
                    } else {
                        problems.add(node, message, fix);
                    }
                }
            }
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            o.put("description", description);
            if (!values.isEmpty()) {
                ArrayNode e = o.putArray("enum");
                values.forEach(e::add);
            } else {
                ArrayNode types = o.putArray("type");
                types.add("string");
                types.add("number");
                types.add("boolean");
            }
            if (pattern != null) {
                // JSON Schema patterns search; hvmigrate matches the whole value
                o.put("pattern", "^(?:" + pattern.pattern() + ")$");
            }
            return o;
        }
    }

    record Int(String description, long min, long max) implements Shape {
        @Override
        public void check(Node node, Problems problems) {
            if (!(node instanceof Node.Scalar s) || s.type() != Node.ScalarType.INTEGER) {
                problems.add(node, "expected a whole number (" + description + "), found " + node.kindName(),
                        "write a number between " + min + " and " + max + ", without quotes");
                return;
            }
            if (!(s.value() instanceof Long v) || v < min || v > max) {
                problems.add(node, s.text() + " is out of range for " + description, "use a number between " + min + " and " + max);
            }
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            o.put("description", description);
            o.put("type", "integer");
            o.put("minimum", min);
            o.put("maximum", max);
            return o;
        }
    }

    record Bool(String description) implements Shape {
        @Override
        public void check(Node node, Problems problems) {
            if (!(node instanceof Node.Scalar s) || s.type() != Node.ScalarType.BOOLEAN) {
                problems.add(node, "expected true or false (" + description + "), found " + node.kindName(), "write true or false");
            }
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            o.put("description", description);
            o.put("type", "boolean");
            return o;
        }
    }

    record ListOf(String description, Shape item, int minItems) implements Shape {
        @Override
        public void check(Node node, Problems problems) {
            if (!(node instanceof Node.ListNode l)) {
                problems.add(node, "expected a list (" + description + "), found " + node.kindName(), "write a YAML list: one '- item' per line, or [a, b]");
                return;
            }
            if (l.items().size() < minItems) {
                problems.add(node, description + " needs at least " + minItems + (minItems == 1 ? " entry" : " entries"), "add an entry");
            }
            l.items().forEach(i -> item.check(i, problems));
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            o.put("description", description);
            o.put("type", "array");
            if (minItems > 0) {
                o.put("minItems", minItems);
            }
            o.set("items", item.schema());
            return o;
        }
    }

    /** The first alternative whose structural check passes wins; otherwise the message names every alternative. */
    record OneOf(String description, List<Shape> alternatives) implements Shape {
        @Override
        public void check(Node node, Problems problems) {
            for (Shape s : alternatives) {
                Problems p = new Problems();
                s.check(node, p);
                if (p.isEmpty()) {
                    return;
                }
            }
            // report against the alternative of the node's own kind: it gives the most useful message
            Shape best = alternatives.get(0);
            for (Shape s : alternatives) {
                if (sameKind(s, node)) {
                    best = s;
                    break;
                }
            }
            best.check(node, problems);
        }

        private static boolean sameKind(Shape s, Node n) {
            return switch (s) {
                case Str x -> n instanceof Node.Scalar sc && sc.type() == Node.ScalarType.STRING;
                case Int x -> n instanceof Node.Scalar sc && sc.type() == Node.ScalarType.INTEGER;
                case Bool x -> n instanceof Node.Scalar sc && sc.type() == Node.ScalarType.BOOLEAN;
                case ListOf x -> n instanceof Node.ListNode;
                case Obj x -> n instanceof Node.MapNode;
                case OneOf x -> x.alternatives().stream().anyMatch(a -> sameKind(a, n));
            };
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            o.put("description", description);
            ArrayNode a = o.putArray("anyOf");
            alternatives.forEach(s -> a.add(s.schema()));
            return o;
        }
    }

    /**
     * A mapping with known keys; any other key is an error with a did-you-mean.
     *
     * @param exactlyOne groups of keys of which exactly one must be present (e.g. a move is a vm, a drain or a select)
     */
    record Obj(String title, String description, Map<String, Field> fields, List<List<String>> exactlyOne,
               Map<String, String[]> forbidden, Map<String, String> synonyms) implements Shape {

        public record Field(Shape shape, boolean required) {}

        public Obj required(String key, Shape shape) {
            fields.put(key, new Field(shape, true));
            return this;
        }

        public Obj optional(String key, Shape shape) {
            fields.put(key, new Field(shape, false));
            return this;
        }

        /** Words people write for a key (e.g. "targets" for "to"), so the did-you-mean can point at the real one. */
        public Obj synonyms(String key, String... words) {
            for (String w : words) {
                synonyms.put(w, key);
            }
            return this;
        }

        private String unknownKeyHint(String key) {
            java.util.Optional<String> direct = DidYouMean.closest(key, fields.keySet());
            if (direct.isPresent()) {
                return "did you mean '" + direct.get() + "'?";
            }
            return DidYouMean.closest(key, synonyms.keySet()).map(w -> "did you mean '" + synonyms.get(w) + "'?")
                    .orElse("valid keys here: " + String.join(", ", fields.keySet()));
        }

        /** A key that must never be written; its value is never echoed (it may be a secret). */
        public Obj forbid(String key, String message, String fix) {
            forbidden.put(key, new String[] {message, fix});
            return this;
        }

        public Obj exactlyOneOf(String... keys) {
            exactlyOne.add(List.of(keys));
            return this;
        }

        @Override
        public void check(Node node, Problems problems) {
            if (!(node instanceof Node.MapNode m)) {
                problems.add(node, "expected a mapping (" + description + "), found " + node.kindName(),
                        "write keys such as: " + String.join(", ", fields.keySet()));
                return;
            }
            for (Node.Entry e : m.entries()) {
                Field f = fields.get(e.key());
                String[] no = forbidden.get(e.key());
                if (no != null) {
                    problems.addSensitive(e.keyLocation(), no[0], no[1]);
                } else if (f == null) {
                    problems.add(e.keyLocation(), "unknown key '" + e.key() + "' in " + description, unknownKeyHint(e.key()));
                } else if (!f.required() && e.value() instanceof Node.Scalar sc && sc.isNull()) {
                    // "key:" with nothing after it reads as not given
                } else {
                    f.shape().check(e.value(), problems);
                }
            }
            fields.forEach((k, f) -> {
                if (f.required() && m.entry(k).isEmpty()) {
                    problems.add(m, "missing key '" + k + "' in " + description, "add '" + k + ":' (" + f.shape().description() + ")");
                }
            });
            for (List<String> group : exactlyOne) {
                List<String> present = group.stream().filter(k -> m.entry(k).isPresent()).toList();
                if (present.isEmpty()) {
                    problems.add(m, description + " needs one of: " + String.join(", ", group), "add exactly one of them");
                } else if (present.size() > 1) {
                    problems.add(m.entry(present.get(1)).orElseThrow().keyLocation(),
                            description + " can have only one of " + String.join(", ", group) + "; found " + String.join(" and ", present),
                            "split it into separate entries");
                }
            }
        }

        @Override
        public ObjectNode schema() {
            ObjectNode o = F.objectNode();
            if (title != null) {
                o.put("title", title);
            }
            o.put("description", description);
            o.put("type", "object");
            ObjectNode props = o.putObject("properties");
            fields.forEach((k, f) -> props.set(k, f.shape().schema()));
            ArrayNode req = F.arrayNode();
            fields.forEach((k, f) -> {
                if (f.required()) {
                    req.add(k);
                }
            });
            if (!req.isEmpty()) {
                o.set("required", req);
            }
            if (!exactlyOne.isEmpty()) {
                ArrayNode all = o.putArray("allOf");
                for (List<String> group : exactlyOne) {
                    ObjectNode one = F.objectNode();
                    ArrayNode alts = one.putArray("oneOf");
                    for (String k : group) {
                        ObjectNode r = F.objectNode();
                        r.putArray("required").add(k);
                        alts.add(r);
                    }
                    all.add(one);
                }
            }
            o.put("additionalProperties", false);
            return o;
        }
    }
}
