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
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", header = "Continues a run that did not finish, from what the hosts say.",
        description = {"Resumes a run that did not finish (a crash, a kill, a lost connection): asks the hosts where each unfinished",
                "move's VM is, and goes on from there. Moves that had ended are left as they are.", "",
                "Exit codes as for run."})
final class ResumeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id (hvmigrate status lists them)")
    String runId;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "the inventory; default: the one the run used")
    Path inventory;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json")
    String output;

    @Option(names = "--no-wait", description = "when the run's window has not opened, exit 7 at once instead of waiting for it")
    boolean noWait;

    @Override
    Map<String, String[]> settingFlags() {
        return Map.of("output", new String[] {output, "--output"}, "window.wait", new String[] {noWait ? "false" : null, "--no-wait"});
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
        if (record.finished()) {
            // a scheduler that resumes a run that had ended learns how it ended: its exit code, not a blanket 0
            int ended = record.runEnd().path("exitCode").asInt(ExitCode.OK.code());
            out().println("run " + runId + " finished already with exit code " + ended + "; nothing to resume"
                    + (ended == ExitCode.OK.code() ? "" : " (run the playbook again to retry its failed moves)"));
            return ended;
        }
        Inventory inv = InventoryFormat.load(inventory != null ? inventory : Path.of(record.inventoryFile()));
        boolean json = "json".equalsIgnoreCase(settings.get("output"));
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
                case RunService.Outcome.ApprovalExpired x -> throw new IllegalStateException("a resume has no approved plan to expire");
                case RunService.Outcome.WindowNotOpen w -> {
                err().println("hvmigrate: the maintenance window has not opened: it opens at " + RunService.local(w.window().start(), null)
                        + "; nothing was done (--no-wait). Run again then, or without --no-wait to wait for it.");
                yield ExitCode.WINDOW_NOT_OPEN.code();
            }
                case RunService.Outcome.WindowOver w -> {
                err().println("hvmigrate: the maintenance window closed at " + RunService.local(w.window().end(), null)
                        + "; nothing was started, no host contacted.");
                yield ExitCode.WINDOW_CLOSED.code();
            }
                case RunService.Outcome.StoppedBeforeStart s -> {
                err().println("hvmigrate: stopped while waiting for the maintenance window; nothing was done.");
                yield ExitCode.INTERRUPTED.code();
            }
                case RunService.Outcome.Unreachable u -> {
                    u.hosts().forEach(h -> err().println("hvmigrate: could not read " + h.describe()));
                    yield ExitCode.HOSTS_UNREACHABLE.code();
                }
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
