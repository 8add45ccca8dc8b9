package io.hvmigrate.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML (or JSON, which is YAML too, but read with the JSON parser for exact JSON errors) into a {@link Node} tree
 * that remembers where every key and value was written. Duplicate keys are reported, not silently overwritten.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private LocatedYaml() {}

    /** Parses a file; syntax errors and duplicate keys become problems with locations. */
    public static Node read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(Location.unknown(file), "file not found", "check the path: " + file.toAbsolutePath());
        } catch (java.nio.charset.MalformedInputException e) {
            throw InvalidInputException.of(Location.unknown(file), "the file is not valid UTF-8", "save it as UTF-8");
        } catch (IOException e) {
            throw InvalidInputException.of(Location.unknown(file), "cannot read the file: " + e.getMessage(), "check its permissions");
        }
        return parse(file, text);
    }

    public static Node parse(Path file, String text) {
        boolean json = file != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        Problems problems = new Problems();
        try (Reader r = new StringReader(text); JsonParser p = (json ? JSON : YAML).createParser(r)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw InvalidInputException.of(new Location(file, 1, 1), "the file is empty", "see the examples shipped in config/ and playbooks/");
            }
            Node root = new TreeReader(file, problems).value(p);
            problems.throwIfAny();
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location loc = at == null ? Location.unknown(file) : new Location(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            throw InvalidInputException.of(loc, "syntax error: " + e.getOriginalMessage(), json ? "fix the JSON syntax at this place" : "fix the YAML syntax at this place (indentation, a missing ':' or an unclosed quote)");
        } catch (IOException e) {
            throw InvalidInputException.of(Location.unknown(file), "cannot read: " + e.getMessage(), "");
        }
    }

    private static Location here(JsonParser p, Path file) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    /**
     * Reads one document. YAML anchors and aliases ({@code &base} / {@code *base}) and merge keys ({@code <<: *base})
     * are resolved here, since Jackson's streaming parser leaves them to the caller.
     */
    private static final class TreeReader {
        private final Path file;
        private final Problems problems;
        private final Map<String, Node> anchors = new HashMap<>();

        TreeReader(Path file, Problems problems) {
            this.file = file;
            this.problems = problems;
        }

        Node value(JsonParser p) throws IOException {
            if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                Node target = anchors.get(p.getText());
                if (target == null) {
                    throw new JsonParseFailure(p, "alias *" + p.getText() + " refers to no anchor defined before it");
                }
                return target;
            }
            String anchor = p instanceof YAMLParser y ? y.getCurrentAnchor() : null;
            Node n = read(p);
            if (anchor != null) {
                anchors.put(anchor, n);
            }
            return n;
        }

        private Node read(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            Location at = here(p, file);
            switch (t) {
                case START_OBJECT -> {
                    List<Node.Entry> entries = new ArrayList<>();
                    List<Node.Entry> merged = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        Location keyAt = here(p, file);
                        p.nextToken();
                        Node value = value(p);
                        if (key.equals("<<") && p instanceof YAMLParser) {
                            merge(value, keyAt, merged);
                        } else if (!seen.add(key)) {
                            problems.add(keyAt, "key '" + key + "' appears twice in this mapping", "keep one of them");
                        } else {
                            entries.add(new Node.Entry(key, keyAt, value));
                        }
                    }
                    for (Node.Entry e : merged) {
                        if (seen.add(e.key())) {
                            entries.add(e);
                        }
                    }
                    return new Node.MapNode(at, entries);
                }
                case START_ARRAY -> {
                    List<Node> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(value(p));
                    }
                    return new Node.ListNode(at, items);
                }
                case VALUE_STRING -> {
                    return new Node.Scalar(at, Node.ScalarType.STRING, p.getText(), p.getText());
                }
                case VALUE_NUMBER_INT -> {
                    Object v = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
                    return new Node.Scalar(at, Node.ScalarType.INTEGER, p.getText(), v);
                }
                case VALUE_NUMBER_FLOAT -> {
                    return new Node.Scalar(at, Node.ScalarType.DECIMAL, p.getText(), p.getDoubleValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Node.Scalar(at, Node.ScalarType.BOOLEAN, p.getText(), t == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL -> {
                    return new Node.Scalar(at, Node.ScalarType.NULL, p.getText() == null ? "" : p.getText(), null);
                }
                default -> throw new JsonParseFailure(p, "unexpected " + t);
            }
        }

        private void merge(Node value, Location at, List<Node.Entry> merged) {
            if (value instanceof Node.MapNode m) {
                merged.addAll(m.entries());
            } else if (value instanceof Node.ListNode l) {
                l.items().forEach(i -> merge(i, at, merged));
            } else {
                problems.add(at, "a merge key (<<) needs a mapping or a list of mappings", "write <<: *anchor where &anchor names a mapping");
            }
        }
    }

    private static final class JsonParseFailure extends JsonProcessingException {
        JsonParseFailure(JsonParser p, String message) {
            super(message, p.currentTokenLocation());
        }
    }
}
