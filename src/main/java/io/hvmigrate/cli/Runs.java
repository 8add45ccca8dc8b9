package io.hvmigrate.cli;

import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunService;
import io.hvmigrate.engine.Scheduler;
import io.hvmigrate.load.Units;
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
        Scheduler.Control control = new Scheduler.Control(Clock.systemUTC(), Units.duration(cmd.settings().get("stop.grace")));
        try (Watchers w = Watchers.of(cmd);
             EngineSetup engine = new EngineSetup(inv, cmd.settings(), cmd.root().environment, w.events, cmd.err(), skip);
             StopSignals stop = StopSignals.install(control, w.events)) {
            RunService.Outcome o = approved == null ? engine.service.run(pb, control) : engine.service.runApproved(approved, pb, control);
            int code = report(cmd, o, w.events);
            OnFinish.run(cmd.settings().get("run.onFinish"), o, code, cmd.err());
            return code;
        }
    }

    /** Who watches a run: the terminal (bars or plain lines) or JSON lines, and the log file when one is set. */
    static final class Watchers implements AutoCloseable {
        final RunEvents events;
        private final ConsoleEvents console;
        private final ConsoleEvents log;
        private final java.io.PrintWriter logWriter;

        private Watchers(RunEvents events, ConsoleEvents console, ConsoleEvents log, java.io.PrintWriter logWriter) {
            this.events = events;
            this.console = console;
            this.log = log;
            this.logWriter = logWriter;
        }

        static Watchers of(BaseCommand cmd) throws IOException {
            var settings = cmd.settings();
            ConsoleEvents console = "json".equalsIgnoreCase(settings.get("output")) ? null : console(cmd.out(), settings);
            RunEvents main = console != null ? console : new JsonLinesEvents(cmd.out(), Clock.systemUTC());
            String file = settings.get("log.file");
            if (file == null || file.isBlank()) {
                return new Watchers(main, console, null, null);
            }
            java.io.PrintWriter w = new java.io.PrintWriter(new io.hvmigrate.report.RotatingLogWriter(java.nio.file.Path.of(file),
                    io.hvmigrate.load.Units.bytes(settings.get("log.fileMaxSize")), Integer.parseInt(settings.get("log.fileKeep"))), true);
            ConsoleEvents log = new ConsoleEvents(w, Clock.systemUTC(), false,
                    io.hvmigrate.load.Units.duration(settings.get("report.progressEvery")), io.hvmigrate.load.Units.duration(settings.get("report.stallAfter")));
            return new Watchers(new io.hvmigrate.report.TeeEvents(java.util.List.of(main, log)), console, log, w);
        }

        @Override
        public void close() {
            if (console != null) {
                console.close();
            }
            if (log != null) {
                log.close();
                logWriter.close();
            }
        }
    }

    /** Whether a person watches live progress bars: a terminal, and colours not turned off. */
    static boolean liveBars(io.hvmigrate.settings.EngineSettings settings) {
        return System.console() != null && !"never".equals(settings.get("color"));
    }

    /** What a person sees of a run in plain text or on a terminal, as the settings say. */
    static ConsoleEvents console(java.io.PrintWriter out, io.hvmigrate.settings.EngineSettings settings) {
        return new ConsoleEvents(out, Clock.systemUTC(), liveBars(settings),
                io.hvmigrate.load.Units.duration(settings.get("report.progressEvery")), io.hvmigrate.load.Units.duration(settings.get("report.stallAfter")));
    }

    /**
     * How the run ended, told to the user and as the exit code. A run that ended before executing anything still ends
     * its JSON events with {@code run-finished} (its outcome, exit code and why), so a scheduler reads one shape always.
     */
    static Integer report(BaseCommand cmd, RunService.Outcome o, RunEvents events) {
        int code = outcome(cmd, o);
        String why = switch (o) {
            case RunService.Outcome.Finished f -> null;
            case RunService.Outcome.Refused r -> r.plan().count(io.hvmigrate.plan.Classification.Refused.class) + " moves cannot be made as asked; nothing was changed";
            case RunService.Outcome.PreflightRefused r -> r.report().count(io.hvmigrate.check.Finding.Severity.BLOCKING) + " blocking preflight findings; nothing was changed";
            case RunService.Outcome.Unreachable u -> "no host could be read; nothing was changed";
            case RunService.Outcome.WindowNotOpen w -> "the maintenance window opens at " + w.window().start() + "; nothing was done";
            case RunService.Outcome.WindowOver w -> "the maintenance window closed at " + w.window().end() + "; nothing was started";
            case RunService.Outcome.StoppedBeforeStart s -> "stopped while waiting for the maintenance window; nothing was done";
            case RunService.Outcome.ApprovalExpired x -> "the approved plan expired while the run waited for the window; nothing was done";
            case RunService.Outcome.Busy b -> b.message();
        };
        if (o instanceof RunService.Outcome.Finished f) {
            events.reportWritten(f.runDir().resolve("report.json"));
        }
        if (why != null) {
            if (o instanceof RunService.Outcome.Refused r && "json".equalsIgnoreCase(cmd.settings().get("output"))) {
                for (io.hvmigrate.plan.PlannedMove m : r.plan().moves()) {
                    if (m.outcome() instanceof io.hvmigrate.plan.Classification.Refused x) {
                        events.moveRefused(m.id(), m.vmName(), x.code() + ": " + x.reason() + (x.fix() == null ? "" : "; fix: " + x.fix()));
                    }
                }
            }
            events.runEnded(outcomeName(o), code, why);
        }
        return code;
    }

    /**
     * How a run ended, in one word, as the run-finished event and the on-finish hook give it: {@code executed} or
     * {@code interrupted} for a run that executed, else the outcome's name ({@code refused}, {@code window-not-open}, …).
     */
    static String outcomeName(RunService.Outcome o) {
        if (o instanceof RunService.Outcome.Finished f) {
            return f.summary().interrupted() ? "interrupted" : "executed";
        }
        String n = o.getClass().getSimpleName();
        return n.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Integer outcome(BaseCommand cmd, RunService.Outcome o) {
        return switch (o) {
            case RunService.Outcome.Refused r -> {
                if (!"json".equalsIgnoreCase(cmd.settings().get("output"))) {
                    cmd.out().println("Refused: nothing was changed. Moves that cannot be made as asked:");
                    PlanOutput.refusals(r.plan(), cmd.out());
                    cmd.out().println("Fix them (or pass --skip-refused to run the others).");
                }
                yield ExitCode.REFUSED.code();
            }
            case RunService.Outcome.PreflightRefused r -> {
                if (!"json".equalsIgnoreCase(cmd.settings().get("output"))) {   // in JSON, each finding was an event
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
                yield f.summary().exitCode();
            }
        };
    }
}
