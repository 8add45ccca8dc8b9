package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.load.DidYouMean;
import io.hvmigrate.load.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schema", header = "Prints or writes the JSON Schemas of playbooks, inventories and facts files.",
        description = {"Prints the JSON Schemas of playbooks, inventories and facts files (the ones published in schema/), for "
                + "editors that validate YAML: all three as one JSON object keyed by name (playbook, inventory, facts), or the "
                + "one NAME names. With --write DIR it writes them as NAME.schema.json files instead."})
@ExitCodes({})
final class SchemaCommand extends BaseCommand {

    private static final String SUFFIX = ".schema.json";

    /** The schema names, for shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return byName().keySet().iterator();
        }
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", completionCandidates = Names.class,
            description = "playbook, inventory or facts; without it, all three")
    String name;

    @Option(names = "--write", paramLabel = "DIR", description = "write NAME.schema.json files into DIR instead of printing")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Map<String, ObjectNode> chosen = chosen();
        if (dir != null) {
            Files.createDirectories(dir);
            for (var e : chosen.entrySet()) {
                Path file = dir.resolve(e.getKey() + SUFFIX);
                Files.writeString(file, Json.MAPPER.writeValueAsString(e.getValue()) + "\n", StandardCharsets.UTF_8);
                out().println("wrote " + file);
            }
        } else if (name != null) {
            out().println(Json.MAPPER.writeValueAsString(chosen.values().iterator().next()));
        } else {
            ObjectNode all = Json.MAPPER.createObjectNode();
            chosen.forEach(all::set);
            out().println(Json.MAPPER.writeValueAsString(all));
        }
        return ExitCode.OK.code();
    }

    /** The schemas asked for, by name: all of them, or the one NAME names. */
    private Map<String, ObjectNode> chosen() {
        Map<String, ObjectNode> all = byName();
        if (name == null) {
            return all;
        }
        String key = name.toLowerCase(Locale.ROOT);
        key = key.endsWith(SUFFIX) ? key.substring(0, key.length() - SUFFIX.length()) : key;
        if (!all.containsKey(key)) {
            String hint = DidYouMean.closest(key, all.keySet()).map(s -> "did you mean '" + s + "'? ").orElse("");
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no schema '" + name + "': " + hint + "the schemas are "
                    + String.join(", ", all.keySet()));
        }
        return Map.of(key, all.get(key));
    }

    /** The published schemas by name: playbook.schema.json is playbook. */
    static Map<String, ObjectNode> byName() {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        Schemas.all().forEach((file, schema) -> all.put(file.substring(0, file.length() - SUFFIX.length()), schema));
        return all;
    }
}
