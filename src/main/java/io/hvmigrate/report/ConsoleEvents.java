package io.hvmigrate.report;

import io.hvmigrate.engine.MoveState;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunSummary;
import io.hvmigrate.plan.MoveJob;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a person sees. On a terminal: a progress bar per running move (percent and ETA) and the wave's total, redrawn in
 * place; finished moves scroll above it. Elsewhere (a pipe, a log file): one plain line per event.
 */
public final class ConsoleEvents implements RunEvents, AutoCloseable {
    private final PrintWriter out;
    private final Clock clock;
    private final boolean live;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private int total;
    private int finished;
    private int drawnLines;
    private final ScheduledExecutorService redraw;

    private static final class Running {
        final MoveJob job;
        final Instant started;
        int percent = -1;
        String step = "";
        Instant percentSince;

        Running(MoveJob job, Instant started) {
            this.job = job;
            this.started = started;
        }
    }

    public ConsoleEvents(PrintWriter out, Clock clock, boolean live) {
        this.out = out;
        this.clock = clock;
        this.live = live;
        if (live) {
            redraw = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress-display");
                t.setDaemon(true);
                return t;
            });
            redraw.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            redraw = null;
        }
    }

    @Override
    public synchronized void runStarted(String runId, int moves) {
        total = moves;
        line("run " + runId + ": " + moves + (moves == 1 ? " move" : " moves"));
    }

    @Override
    public synchronized void moveStarted(MoveJob job) {
        running.put(job.id(), new Running(job, clock.instant()));
        if (!live) {
            line(prefix(job) + "started (" + job.scenario() + " " + job.scenario().title() + ")");
        }
    }

    @Override
    public synchronized void stepStarted(MoveJob job, String step, String host) {
        Running r = running.get(job.id());
        if (r != null) {
            r.step = step;
        }
        if (!live) {
            line(prefix(job) + step + " on " + host);
        }
    }

    @Override
    public synchronized void stepFinished(MoveJob job, String step, String host, boolean ok, String detail) {
        if (!ok) {
            line(prefix(job) + step + " on " + host + " failed: " + detail);
        }
    }

    @Override
    public synchronized void progress(MoveJob job, int percent) {
        Running r = running.get(job.id());
        if (r != null && percent != r.percent) {
            if (r.percent < 0) {
                r.percentSince = clock.instant();
            }
            r.percent = percent;
            if (!live && percent % 25 == 0) {
                line(prefix(job) + percent + "%");
            }
        }
    }

    @Override
    public synchronized void moveFinished(MoveJob job, MoveState state, String detail) {
        Running r = running.remove(job.id());
        finished++;
        String took = r == null ? "" : " in " + human(Duration.between(r.started, clock.instant()));
        line(prefix(job) + word(state) + took + " — " + detail);
    }

    @Override
    public synchronized void notice(String message) {
        line("note: " + message);
    }

    @Override
    public synchronized void runFinished(RunSummary s) {
        clearBlock();
        out.println();
        out.println(SummaryTable.render(s));
        out.flush();
    }

    private static String word(MoveState s) {
        return switch (s) {
            case DONE -> "done";
            case SKIPPED -> "already in place";
            case NOT_STARTED -> "not started";
            case FAILED -> "FAILED";
            case FAILED_AFTER_MOVE -> "FAILED after the move";
            case FAILED_UNPROTECTED -> "FAILED, VM UNPROTECTED";
            default -> s.name();
        };
    }

    private static String prefix(MoveJob j) {
        return j.id() + " " + j.vmName() + " " + j.source() + "→" + j.destination() + ": ";
    }

    private void line(String s) {
        clearBlock();
        out.println(s);
        drawBlock();
        out.flush();
    }

    private synchronized void draw() {
        clearBlock();
        drawBlock();
        out.flush();
    }

    private void clearBlock() {
        if (!live) {
            return;
        }
        // the cursor is at the start of the line below the block, unless the terminal echoed a ^C there: clear it
        out.print("\r\u001b[2K");
        for (int i = 0; i < drawnLines; i++) {
            out.print("\u001b[1A\u001b[2K");
        }
        drawnLines = 0;
    }

    private void drawBlock() {
        if (!live || running.isEmpty() && finished == 0) {
            return;
        }
        List<String> lines = new ArrayList<>();
        Instant now = clock.instant();
        for (Running r : running.values()) {
            int p = Math.max(0, r.percent);
            int filled = p * 24 / 100;
            String eta = "";
            if (r.percent > 0 && r.percent < 100 && r.percentSince != null) {
                Duration spent = Duration.between(r.percentSince, now);
                eta = " ETA " + human(spent.multipliedBy(100 - r.percent).dividedBy(Math.max(1, r.percent)));
            }
            lines.add(String.format("  %-5s %-18s [%s%s] %3s %-10s%s", r.job.id(), trim(r.job.vmName(), 18), "#".repeat(filled), "-".repeat(24 - filled),
                    r.percent < 0 ? "" : p + "%", r.step, eta));
        }
        lines.add(String.format("  wave: %d/%d finished, %d running", finished, total, running.size()));
        for (String l : lines) {
            out.println(l);
        }
        drawnLines = lines.size();
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (redraw != null) {
            redraw.shutdownNow();
        }
    }
}
