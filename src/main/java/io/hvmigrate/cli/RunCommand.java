package io.hvmigrate.cli;

import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", header = "Runs a playbook: discovery, preflight, moves within caps and window, with a journal.",
        description = {"Runs a playbook: discovers the fleet, plans, and carries the moves out within the policy's caps and window,",
                "with a journal that lets an interrupted run be resumed. Re-running a finished playbook does nothing; re-running",
                "an interrupted one resumes it. With --plan it carries out the moves of an approved plan (plan --out) and no",
                "others, refusing each one the fleet no longer matches.", "",
                "Exit codes: 0 done, 1 some moves failed, 2 invalid input, 3 refused (nothing changed), 4 the window closed with",
                "moves left, 5 another run holds a host, 130 interrupted."})
final class RunCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "the playbook (YAML); with --plan, the one the plan names unless given")
    Path playbook;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "run exactly the moves of an approved plan (plan --out), each checked against the fleet now")
    Path approvedPlan;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path inventory;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (progress for people) or json (one event per line)")
    String output;

    @Option(names = "--skip-refused", description = "leave out the moves that are refused (planning) or blocked (preflight), each reported with its reason, and run the others")
    boolean skipRefused;

    @Option(names = "--no-wait", description = "when the playbook's window has not opened, exit 7 at once (nothing contacted) instead of waiting for it")
    boolean noWait;

    @Override
    Map<String, String[]> settingFlags() {
        return Map.of("output", new String[] {output, "--output"}, "window.wait", new String[] {noWait ? "false" : null, "--no-wait"});
    }

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path invFile = inventory != null ? inventory : pathSetting("inventory");
        if (approvedPlan != null) {
            ApprovedInputs in = ApprovedInputs.load(approvedPlan, playbook, invFile, Instant.now());
            return Runs.execute(this, in.inventory(), in.playbook(), skipRefused, in.plan());
        }
        if (playbook == null) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "run needs a PLAYBOOK, or --plan PLAN.json (an approved plan)");
        }
        Inputs in = Inputs.load(playbook, invFile, null, false);
        return execute(in.inventory(), in.playbook(), skipRefused);
    }

    Integer execute(Inventory inv, Playbook pb, boolean skip) throws IOException {
        return Runs.execute(this, inv, pb, skip);
    }

    static Inventory loadInventory(Path file) {
        return InventoryFormat.load(file);
    }

    static Playbook loadPlaybook(Path file, Inventory inv) {
        return PlaybookFormat.load(file, inv);
    }
}
