package io.hvmigrate.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", header = "Checks playbook, inventory and facts files; every problem with file:line:column.",
        description = {"Checks a playbook against its inventory (and a facts file, if given) and reports every problem with",
                "file:line:column. Contacts nothing. Exit codes: 0 valid, 2 invalid."})
final class ValidateCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook (YAML)")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path inventory;

    @Option(names = "--facts", paramLabel = "FILE", description = "a facts snapshot to check too")
    Path facts;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json")
    String output;

    @Override
    Map<String, String[]> settingFlags() {
        return Map.of("output", new String[] {output, "--output"});
    }

    @Override
    public Integer call() {
        var settings = settings();
        Inputs in = Inputs.load(playbook, inventory != null ? inventory : pathSetting("inventory"), facts, false);
        if ("json".equalsIgnoreCase(settings.get("output"))) {
            var o = Json.MAPPER.createObjectNode();
            o.put("valid", true);
            o.put("playbook", in.playbook().name());
            o.put("moves", in.playbook().moves().size());
            out().println(o.toPrettyString());
        } else {
            out().println(playbook + ": valid (" + in.playbook().moves().size() + " move entries, " + in.inventory().hosts().size() + " hosts in the inventory)");
        }
        return ExitCode.OK.code();
    }
}
