package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.load.Units;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.report.ConsoleEvents;
import io.hvmigrate.report.JsonLinesEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", header = "Continues a run that did not finish, from what the hosts say.",
        description = {"Resumes a run that did not finish (a crash, a kill, a lost connection): asks the hosts where each unfinished "
                + "move's VM is, and goes on from there. Moves that had ended are left as they are. For a run that had ended it "
                + "does nothing and exits with that run's exit code."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED, ExitCode.WINDOW_CLOSED, ExitCode.BUSY, ExitCode.HOSTS_UNREACHABLE, ExitCode.WINDOW_NOT_OPEN, ExitCode.INTERRUPTED})
final class ResumeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id (hvmigrate status lists them)")
    String runId;

    // not the InventoryOption mixin: the default here is the inventory the run used, not the inventory setting
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the one the run used")
    Path inventory;

    @Mixin
    OutputOption output;

    @Option(names = "--no-wait", description = "when the run's window has not opened, exit 7 at once instead of waiting for it")
    boolean noWait;

    @Mixin
    StopGraceOption stopGrace;

    @Override
    Map<String, String[]> settingFlags() {
        Map<String, String[]> flags = new java.util.LinkedHashMap<>(super.settingFlags());
        flags.put("window.wait", new String[] {noWait ? "false" : null, "--no-wait"});
        flags.put("stop.grace", stopGrace.flag());
        return flags;
    }

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path runsDir = EngineSetup.runsDir(settings, root().environment);
        Path dir = runsDir.resolve(runId);
        if (!Files.isDirectory(dir)) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no run " + runId + " in " + runsDir + " (hvmigrate status lists the runs)");
        }
        RunRecord record = RunRecord.read(dir);
        // a run stopped by Ctrl-C or SIGTERM ended with moves not started: resuming it carries them out
        boolean stopped = record.finished() && record.runEnd().path("exitCode").asInt() == ExitCode.INTERRUPTED.code();
        if (record.finished() && !stopped) {
            // a scheduler that resumes a run that had ended learns how it ended: its exit code, not a blanket 0
            int ended = record.runEnd().path("exitCode").asInt(ExitCode.OK.code());
            out().println("run " + runId + " finished already with exit code " + ended + "; nothing to resume"
                    + (ended == ExitCode.OK.code() ? "" : " (run the playbook again to retry its failed moves)"));
            return ended;
        }
        Inventory inv = InventoryFormat.load(inventory != null ? inventory : Path.of(record.inventoryFile()));
        Scheduler.Control control = new Scheduler.Control(Clock.systemUTC(), Units.duration(settings.get("stop.grace")));
        try (Runs.Watchers w = Runs.Watchers.of(this);
             EngineSetup engine = new EngineSetup(inv, settings, root().environment, w.events, err(), false);
             StopSignals stop = StopSignals.install(control, w.events)) {
            RunService.Outcome o = engine.service.resume(record, control);
            int code = Runs.report(this, o, w.events);
            OnFinish.run(settings.get("run.onFinish"), o, code, err());
            return code;
        }
    }
}
