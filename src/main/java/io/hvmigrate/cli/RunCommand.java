package io.hvmigrate.cli;

import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.PlaybookFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", header = "Runs a playbook: discovery, preflight, moves within caps and window, with a journal.",
        description = {"Runs a playbook: discovers the fleet, plans, and carries the moves out within the policy's caps and window,",
                "with a journal that lets an interrupted run be resumed. Re-running a finished playbook does nothing; re-running",
                "an interrupted one resumes it.", "",
                "Exit codes: 0 done, 1 some moves failed, 2 invalid input, 3 refused (nothing changed), 4 the window closed with",
                "moves left, 5 another run holds a host, 130 interrupted."})
final class RunCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook (YAML)")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the inventory setting")
    Path inventory;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (progress for people) or json (one event per line)")
    String output;

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
        return Map.of("output", new String[] {output, "--output"}, "window.wait", new String[] {noWait ? "false" : null, "--no-wait"},
                "log.file", new String[] {logFile, "--log-file"}, "run.onFinish", new String[] {onFinish, "--on-finish"},
                "stop.grace", stopGrace.flag());
    }

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path invFile = inventory != null ? inventory : pathSetting("inventory");
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
