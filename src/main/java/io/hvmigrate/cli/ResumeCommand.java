package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.report.ConsoleEvents;
import io.hvmigrate.report.JsonLinesEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", header = "Continues a run that did not finish, from what the hosts say.",
        description = {"Resumes a run that did not finish (a crash, a kill, a lost connection): asks the hosts where each unfinished "
                + "move's VM is, and goes on from there. Moves that had ended are left as they are. For a run that had ended it "
                + "does nothing and exits with that run's exit code."})
@ExitCodes({ExitCode.FAILED, ExitCode.REFUSED, ExitCode.WINDOW_CLOSED, ExitCode.BUSY, ExitCode.INTERRUPTED})
final class ResumeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id (hvmigrate status lists them)")
    String runId;

    // not the InventoryOption mixin: the default here is the inventory the run used, not the inventory setting
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory (YAML); default: the one the run used")
    Path inventory;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path runsDir = EngineSetup.runsDir(settings, root().environment);
        Path dir = runsDir.resolve(runId);
        if (!Files.isDirectory(dir)) {
            throw new CommandFailure(ExitCode.INVALID_INPUT, "no run " + runId + " in " + runsDir + " (hvmigrate status lists the runs)");
        }
        RunRecord record = RunRecord.read(dir);
        if (record.finished()) {
            // a scheduler that resumes a run that had ended learns how it ended: its exit code, not a blanket 0
            int ended = record.runEnd().path("exitCode").asInt(ExitCode.OK.code());
            out().println("run " + runId + " finished already with exit code " + ended + "; nothing to resume"
                    + (ended == ExitCode.OK.code() ? "" : " (run the playbook again to retry its failed moves)"));
            return ended;
        }
        Inventory inv = InventoryFormat.load(inventory != null ? inventory : Path.of(record.inventoryFile()));
        boolean json = jsonOutput();
        RunEvents events = json ? new JsonLinesEvents(out(), Clock.systemUTC())
                : new ConsoleEvents(out(), Clock.systemUTC(), System.console() != null && !"never".equals(settings.get("color")));
        Scheduler.Control control = new Scheduler.Control();
        Interrupts.install(control, err());
        try (EngineSetup engine = new EngineSetup(inv, settings, root().environment, events, err(), false)) {
            RunService.Outcome o = engine.service.resume(record, control);
            return switch (o) {
                case RunService.Outcome.Busy b -> {
                    err().println("hvmigrate: " + b.message());
                    yield ExitCode.BUSY.code();
                }
                case RunService.Outcome.Finished f -> f.summary().exitCode();
                case RunService.Outcome.Refused r -> ExitCode.REFUSED.code();
                case RunService.Outcome.PreflightRefused r -> {
                    CheckOutput.text(r.report(), out());
                    yield ExitCode.REFUSED.code();
                }
            };
        } finally {
            if (events instanceof ConsoleEvents c) {
                c.close();
            }
        }
    }
}
