package io.hvmigrate.cli;

import io.hvmigrate.load.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", header = "Prints or writes the JSON Schemas of playbooks, inventories and facts files.",
        description = {"Prints the JSON Schemas of playbooks, inventories and facts files (the ones published in schema/), "
                + "or writes them to a folder, for editors that validate YAML."})
@ExitCodes({})
final class SchemaCommand extends BaseCommand {

    @Option(names = "--write", paramLabel = "DIR", description = "write <name>.schema.json files into DIR instead of printing")
    Path dir;

    @Override
    public Integer call() throws IOException {
        for (var e : Schemas.all().entrySet()) {
            String text = Json.MAPPER.writeValueAsString(e.getValue()) + "\n";
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(e.getKey()), text, StandardCharsets.UTF_8);
                out().println("wrote " + dir.resolve(e.getKey()));
            } else {
                out().println("# " + e.getKey());
                out().print(text);
            }
        }
        return ExitCode.OK.code();
    }
}
