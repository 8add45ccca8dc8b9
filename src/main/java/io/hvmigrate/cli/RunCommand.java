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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", header = "Runs a playbook: discovery, preflight, moves within caps and window, with a journal.",
        description = {"Runs a playbook: discovers the fleet, plans, and carries the moves out within the policy's caps and window, "
                + "with a journal that lets an interrupted run be resumed. Re-running a finished playbook does nothing; re-running "
                + "an interrupted one resumes it. With --plan it carries out the moves of an approved plan (plan --out) and no "
                + "others, refusing each one the fleet no longer matches.", "",
                "Text output is progress for people; JSON output is one event per line."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED, ExitCode.WINDOW_CLOSED, ExitCode.BUSY, ExitCode.HOSTS_UNREACHABLE, ExitCode.WINDOW_NOT_OPEN, ExitCode.INTERRUPTED})
final class RunCommand extends BaseCommand {

    // not the PlaybookArgument mixin: with --plan, the playbook is the one the approved plan names
    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK", description = "the playbook (YAML); with --plan, the one the plan names unless given")
    Path playbook;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "run exactly the moves of an approved plan (plan --out), each checked against the fleet now")
    Path approvedPlan;

    @Mixin
    InventoryOption inventory;

    @Mixin
    OutputOption output;

    @Option(names = "--skip-refused", description = "leave out the moves that are refused (planning) or blocked (preflight), each reported with its reason, and run the others")
    boolean skipRefused;

    @Option(names = "--no-wait", description = "when the playbook's window has not opened, exit 7 at once (nothing contacted) instead of waiting for it")
    boolean noWait;

    @Option(names = "--log-file", paramLabel = "FILE", description = "also write the run's plain output, each line time-stamped, to FILE (rotated at log.fileMaxSize)")
    String logFile;

    @Option(names = "--on-finish", paramLabel = "CMD", description = "run CMD through the shell when the run ends, with HVMIGRATE_EXIT_CODE, HVMIGRATE_REPORT, HVMIGRATE_RUN_ID and HVMIGRATE_OUTCOME set")
    String onFinish;

    @Mixin
    StopGraceOption stopGrace;

    @Override
    Map<String, String[]> settingFlags() {
        Map<String, String[]> flags = new java.util.LinkedHashMap<>(super.settingFlags());
        flags.put("window.wait", new String[] {noWait ? "false" : null, "--no-wait"});
        flags.put("log.file", new String[] {logFile, "--log-file"});
        flags.put("run.onFinish", new String[] {onFinish, "--on-finish"});
        flags.put("stop.grace", stopGrace.flag());
        return flags;
    }

    @Override
    public Integer call() throws IOException {
        settings();
        Path invFile = inventory.orSetting(this);
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
