package io.hvmigrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", header = "Checks playbook, inventory and facts files; every problem with file:line:column.",
        description = {"Checks a playbook against its inventory (and a facts snapshot, if given) and reports every problem with "
                + "file:line:column. Contacts nothing."})
@ExitCodes({})
final class ValidateCommand extends BaseCommand {

    @Mixin
    PlaybookArgument playbook;

    @Mixin
    InventoryOption inventory;

    @Mixin
    FactsOption facts;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        settings(); // a setting run would refuse (runs.dir naming a file, a duration past ten years) is refused here too
        Inputs in = Inputs.load(playbook.file, inventory.orSetting(this), facts.file, false);
        if (jsonOutput()) {
            var o = Json.MAPPER.createObjectNode();
            o.put("valid", true);
            o.put("playbook", in.playbook().name());
            o.put("moves", in.playbook().moves().size());
            out().println(o.toPrettyString());
        } else {
            out().println(playbook.file + ": valid (" + in.playbook().moves().size() + " move entries, " + in.inventory().hosts().size() + " hosts in the inventory)");
        }
        return ExitCode.OK.code();
    }
}
