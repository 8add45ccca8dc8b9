package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.load.Units;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Playbook;
import io.hvmigrate.report.ConsoleEvents;
import io.hvmigrate.report.JsonLinesEvents;
import java.io.IOException;
import java.time.Clock;

/** Carrying a playbook out, as {@code run} and {@code lab} do: events to the terminal or as JSON lines, then the outcome. */
final class Runs {
    private Runs() {}

    static Integer execute(BaseCommand cmd, Inventory inv, Playbook pb, boolean skip) throws IOException {
        boolean json = "json".equalsIgnoreCase(cmd.settings().get("output"));
        RunEvents events;
        ConsoleEvents console = null;
        if (json) {
            events = new JsonLinesEvents(cmd.out(), Clock.systemUTC());
        } else {
            console = new ConsoleEvents(cmd.out(), Clock.systemUTC(), System.console() != null && !"never".equals(cmd.settings().get("color")));
            events = console;
        }
        Scheduler.Control control = new Scheduler.Control(Clock.systemUTC(), Units.duration(cmd.settings().get("stop.grace")));
        try (EngineSetup engine = new EngineSetup(inv, cmd.settings(), cmd.root().environment, events, cmd.err(), skip);
             StopSignals stop = StopSignals.install(control, events)) {
            RunService.Outcome o = engine.service.run(pb, control);
            return report(cmd, o, inv);
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    private static Integer report(BaseCommand cmd, RunService.Outcome o, Inventory inv) {
        return switch (o) {
            case RunService.Outcome.Refused r -> {
                if ("json".equalsIgnoreCase(cmd.settings().get("output"))) {
                    cmd.out().println(PlanOutput.json(r.plan(), inv.file(), null).toString());
                } else {
                    cmd.out().println("Refused: nothing was changed. Moves that cannot be made as asked:");
                    PlanOutput.refusals(r.plan(), cmd.out());
                    cmd.out().println("Fix them (or pass --skip-refused to run the others).");
                }
                yield ExitCode.REFUSED.code();
            }
            case RunService.Outcome.PreflightRefused r -> {
                if ("json".equalsIgnoreCase(cmd.settings().get("output"))) {
                    cmd.out().println(CheckOutput.json(r.report()).toString());
                } else {
                    cmd.out().println("Refused: nothing was changed. Preflight found what would make moves fail:");
                    CheckOutput.text(r.report(), cmd.out());
                    cmd.out().println("Fix them (hvmigrate check PLAYBOOK shows the same), then run again.");
                }
                yield ExitCode.REFUSED.code();
            }
            case RunService.Outcome.Busy b -> {
                cmd.err().println("hvmigrate: " + b.message() + "; try again when it has finished");
                yield ExitCode.BUSY.code();
            }
            case RunService.Outcome.Finished f -> {
                if (!"json".equalsIgnoreCase(cmd.settings().get("output"))) {
                    cmd.out().println("report: " + f.runDir().resolve("report.json"));
                }
                yield f.summary().exitCode();
            }
        };
    }
}
