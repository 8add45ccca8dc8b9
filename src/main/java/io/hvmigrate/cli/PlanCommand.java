package io.hvmigrate.cli;

import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", header = "Shows what a playbook would do: scenario, steps, hosts and PowerShell. Contacts nothing.",
        description = {"Shows what a playbook would do: each move's scenario (S1-S7) and why, its steps, the host each runs on,",
                "and its PowerShell. Contacts nothing.", "",
                "Exit codes: 0 every move can be planned (or is already done), 2 invalid input, 3 some moves are refused."})
final class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook (YAML)")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path inventory;

    @Option(names = "--facts", paramLabel = "FILE", description = "a facts snapshot (YAML or JSON) to plan against")
    Path facts;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json; default: the output setting")
    String output;

    @Option(names = "--full-scripts", description = "in text output, print each script with its envelope (JSON output always has them in full)")
    boolean fullScripts;

    @Override
    Map<String, String[]> settingFlags() {
        return Map.of("output", new String[] {output, "--output"});
    }

    @Override
    public Integer call() {
        var settings = settings();
        Path inv = inventory != null ? inventory : pathSetting("inventory");
        Path f = facts != null ? facts : pathSetting("facts");
        Inputs in = Inputs.load(playbook, inv, f, true);
        Plan plan = new Planner(in.inventory(), in.facts()).plan(in.playbook());
        if ("json".equalsIgnoreCase(settings.get("output"))) {
            out().println(PlanOutput.json(plan, inv, f).toPrettyString());
        } else {
            PlanOutput.text(plan, inv, f, fullScripts, Colors.of(settings.get("color")), out());
        }
        out().flush();
        return plan.anyRefused() ? ExitCode.REFUSED.code() : ExitCode.OK.code();
    }
}
