package io.hvmigrate.cli;

import io.hvmigrate.plan.Plan;
import io.hvmigrate.plan.Planner;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", header = "Shows what a playbook would do: scenario, steps, hosts and PowerShell. Contacts nothing.",
        description = {"Shows what a playbook would do: each move's scenario (S1-S7) and why, its steps, the host each runs on, "
                + "and its PowerShell. It plans against a facts snapshot (--facts, or the facts setting) and contacts nothing."})
@ExitCodes(ExitCode.REFUSED)
final class PlanCommand extends BaseCommand {

    @Mixin
    PlaybookArgument playbook;

    @Mixin
    InventoryOption inventory;

    @Mixin
    FactsOption facts;

    @Mixin
    OutputOption output;

    @Option(names = "--full-scripts", description = "in text output, print each script with its envelope (JSON output always has them in full)")
    boolean fullScripts;

    @Override
    public Integer call() {
        var settings = settings();
        Path inv = inventory.orSetting(this);
        Path f = facts.file != null ? facts.file : pathSetting("facts");
        Inputs in = Inputs.load(playbook.file, inv, f, true);
        Plan plan = new Planner(in.inventory(), in.facts()).plan(in.playbook());
        if (jsonOutput()) {
            out().println(PlanOutput.json(plan, inv, f).toPrettyString());
        } else {
            PlanOutput.text(plan, inv, f, fullScripts, Colors.of(settings.get("color")), out());
        }
        out().flush();
        return plan.anyRefused() ? ExitCode.REFUSED.code() : ExitCode.OK.code();
    }
}
