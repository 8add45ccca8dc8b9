package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.model.ApprovedPlan;
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
        return execute(cmd, inv, pb, skip, null);
    }

    /** @param approved an approved plan to run exactly (run --plan), or null to run the playbook */
    static Integer execute(BaseCommand cmd, Inventory inv, Playbook pb, boolean skip, ApprovedPlan approved) throws IOException {
        boolean json = "json".equalsIgnoreCase(cmd.settings().get("output"));
        RunEvents events;
        ConsoleEvents console = null;
        if (json) {
            events = new JsonLinesEvents(cmd.out(), Clock.systemUTC());
        } else {
            console = new ConsoleEvents(cmd.out(), Clock.systemUTC(), System.console() != null && !"never".equals(cmd.settings().get("color")));
            events = console;
        }
        Scheduler.Control control = new Scheduler.Control();
        Interrupts.install(control, cmd.err());
        try (EngineSetup engine = new EngineSetup(inv, cmd.settings(), cmd.root().environment, events, cmd.err(), skip)) {
            RunService.Outcome o = approved == null ? engine.service.run(pb, control) : engine.service.runApproved(approved, pb, control);
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
            case RunService.Outcome.WindowNotOpen w -> {
                cmd.err().println("hvmigrate: the maintenance window has not opened: it opens at " + RunService.local(w.window().start(), null)
                        + "; nothing was done (--no-wait). Run again then, or without --no-wait to wait for it.");
                yield ExitCode.WINDOW_NOT_OPEN.code();
            }
            case RunService.Outcome.WindowOver w -> {
                cmd.err().println("hvmigrate: the maintenance window closed at " + RunService.local(w.window().end(), null)
                        + "; nothing was started, no host contacted.");
                yield ExitCode.WINDOW_CLOSED.code();
            }
            case RunService.Outcome.StoppedBeforeStart s -> {
                cmd.err().println("hvmigrate: stopped while waiting for the maintenance window; nothing was done.");
                yield ExitCode.INTERRUPTED.code();
            }
            case RunService.Outcome.Unreachable u -> {
                cmd.err().println("hvmigrate: no host could be read; nothing was changed:");
                u.hosts().forEach(h -> cmd.err().println("  " + h.describe()));
                yield ExitCode.HOSTS_UNREACHABLE.code();
            }
            case RunService.Outcome.ApprovalExpired x -> {
                cmd.err().println("hvmigrate: the approved plan expired at " + RunService.local(x.plan().expiresAt(), null)
                        + " while the run waited for the window; nothing was changed, no host contacted. Make a new plan and have it approved.");
                yield ExitCode.INVALID_INPUT.code();
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
