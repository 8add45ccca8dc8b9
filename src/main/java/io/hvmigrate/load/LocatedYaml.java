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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML (or JSON, which is YAML too, but read with the JSON parser for exact JSON errors) into a {@link Node} tree
 * that remembers where every key and value was written. Duplicate keys are reported, not silently overwritten. The
 * document is held to its {@link Document} kind's bounds (size, nesting, aliases, and the values it expands to through
 * aliases and merge keys), so a hostile file fails at once instead of exhausting memory.
 */
public final class LocatedYaml {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final java.util.Map<Document, YAMLFactory> YAML = new java.util.concurrent.ConcurrentHashMap<>();

    private LocatedYaml() {}

    /** Parses a file of the given kind; syntax errors, duplicate keys and exceeded bounds become problems with locations. */
    public static Node read(Path file, Document kind) {
        return parse(file, BoundedText.read(file, kind), kind);
    }

    /** Parses text as a playbook's is parsed. */
    public static Node parse(Path file, String text) {
        return parse(file, text, Document.PLAYBOOK);
    }

    public static Node parse(Path file, String text, Document kind) {
        boolean json = file != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        if (text.length() > kind.maxBytes()) {
            throw InvalidInputException.of(Location.unknown(file), "the document is larger than " + kind.maxSize()
                    + ", the limit of " + kind.words(), "check that this is the right file: " + kind.words() + " is never this large");
        }
        if (!json) {
            checkLines(file, text, kind);
        }
        Problems problems = new Problems();
        try (Reader r = new StringReader(text); JsonParser p = (json ? JSON : yaml(kind)).createParser(r)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw InvalidInputException.of(new Location(file, 1, 1), "the file is empty", "see the examples shipped in config/ and playbooks/");
            }
            Node root = new TreeReader(file, problems, kind).value(p, 1);
            if (p.nextToken() != null) {
                throw InvalidInputException.of(here(p, file), "a second document: hvmigrate reads one document per file, and would"
                        + " ignore this one", "remove the '---' line and what follows it, or put that document in a file of its own");
            }
            problems.throwIfAny();
            return root;
        } catch (JsonProcessingException e) {
            throw SyntaxErrors.of(file, e, json, kind);
        } catch (IOException e) {
            throw InvalidInputException.of(Location.unknown(file), "cannot read: " + e.getClass().getSimpleName(), "");
        }
    }

    /**
     * Refuses a line longer than the document's bound, before the YAML parser spends the square of its length, and a
     * character YAML does not allow (a control character), at its line and column.
     */
    private static void checkLines(Path file, String text, Document kind) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '\n' : text.charAt(i);
            if (c == '\n') {
                if (i - start > kind.maxLine()) {
                    throw InvalidInputException.of(new Location(file, line, kind.maxLine() + 1), "line " + line + " is "
                            + (i - start) + " characters long, longer than " + kind.maxLine() + ", the limit of " + kind.words(),
                            "break the line up; no name or value in " + kind.words() + " is this long");
                }
                line++;
                start = i + 1;
            } else if (!yamlPrintable(c)) {
                throw InvalidInputException.of(new Location(file, line, text.codePointCount(start, i) + 1),
                        String.format(java.util.Locale.ROOT, "a control character (U+%04X), which YAML does not allow", (int) c),
                        "remove it; inside double quotes, a character can be written as an escape such as \\t or \\x07");
            }
        }
    }

    /** YAML's printable characters (YAML 1.1, 5.1), UTF-16 surrogates included: Java holds astral characters as pairs. */
    private static boolean yamlPrintable(char c) {
        return c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xfffd);
    }

    /** A YAML parser whose own code-point bound is the document's size bound (SnakeYAML's default, 3 MB, is too small for facts). */
    private static YAMLFactory yaml(Document kind) {
        return YAML.computeIfAbsent(kind, k -> {
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, k.maxBytes()));
            options.setNestingDepthLimit(k.maxDepth() + 1);
            options.setMaxAliasesForCollections(Math.max(1, k.maxAliases()));
            options.setAllowDuplicateKeys(true); // reported by the tree reader, with both places
            return YAMLFactory.builder().loaderOptions(options).enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
        });
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
        private final Document kind;
        private final Map<String, Node> anchors = new HashMap<>();
        /** How many values each anchored node stands for, its aliases and merges expanded. */
        private final Map<Node, Long> weights = new java.util.IdentityHashMap<>();
        private int aliases;
        /** Values read so far, every alias counted as the values it stands for. */
        private long expanded;

        TreeReader(Path file, Problems problems, Document kind) {
            this.file = file;
            this.problems = problems;
            this.kind = kind;
        }

        Node value(JsonParser p, int depth) throws IOException {
            if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                Node target = anchors.get(p.getText());
                if (target == null) {
                    throw new JsonParseFailure(p, (kind.holdsSecrets() ? "an alias" : "alias *" + p.getText())
                            + " refers to no anchor defined before it");
                }
                if (++aliases > kind.maxAliases()) {
                    throw bound(p, "more than " + kind.maxAliases() + " aliases (*name), the limit of " + kind.words(),
                            "write the values out instead of referring to them");
                }
                count(p, weights.getOrDefault(target, 1L));
                return target;
            }
            String anchor = p instanceof YAMLParser y ? y.getCurrentAnchor() : null;
            long before = expanded;
            Node n = read(p, depth);
            if (anchor != null) {
                anchors.put(anchor, n);
                weights.put(n, Math.max(1, expanded - before));
            }
            return n;
        }

        private void count(JsonParser p, long values) {
            expanded = expanded > Long.MAX_VALUE - values ? Long.MAX_VALUE : expanded + values;
            if (expanded > kind.maxNodes()) {
                throw bound(p, "the document stands for more than " + kind.maxNodes() + " values once its aliases (*name) and "
                        + "merge keys (<<) are expanded, the limit of " + kind.words(), "write the values out; nest fewer aliases");
            }
        }

        private InvalidInputException bound(JsonParser p, String message, String fix) {
            return InvalidInputException.of(here(p, file), message, fix);
        }

        private Node read(JsonParser p, int depth) throws IOException {
            JsonToken t = p.currentToken();
            Location at = here(p, file);
            count(p, 1);
            if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > kind.maxDepth()) {
                throw bound(p, "mappings and lists nest deeper than " + kind.maxDepth() + " levels, the limit of " + kind.words(),
                        "nest less deeply; a mapping or list that never closes also nests without end");
            }
            switch (t) {
                case START_OBJECT -> {
                    List<Node.Entry> entries = new ArrayList<>();
                    List<Node.Entry> merged = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        Location keyAt = here(p, file);
                        p.nextToken();
                        Node value = value(p, depth + 1);
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
                        items.add(value(p, depth + 1));
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
            } else if (value instanceof Node.ListNode l && l.items().stream().allMatch(i -> i instanceof Node.MapNode)) {
                l.items().forEach(i -> merged.addAll(((Node.MapNode) i).entries()));
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
