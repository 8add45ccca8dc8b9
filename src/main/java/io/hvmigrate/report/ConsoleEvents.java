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
 * place; finished moves and notices scroll above it. Elsewhere (a pipe, a log file, a scheduler's console): one plain
 * line per event, each stamped with the local time and its offset, and each running move's progress every
 * {@code progressEvery}. On both, a migration whose progress has not moved for {@code stallAfter} is warned of once.
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
    private final Duration progressEvery;
    private final Duration stallAfter;
    private final java.time.ZoneId zone;
    private static final java.time.format.DateTimeFormatter STAMP = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").appendOffsetId().toFormatter(java.util.Locale.ROOT);

    private static final class Running {
        final MoveJob job;
        final Instant started;
        int percent = -1;
        String step = "";
        Instant percentSince;
        Instant changed;       // when the percentage last moved (or the move started)
        Instant printed;       // when its progress line was last printed (plain output)
        boolean stallTold;

        Running(MoveJob job, Instant started) {
            this.job = job;
            this.started = started;
            this.changed = started;
            this.printed = started;
        }
    }

    public ConsoleEvents(PrintWriter out, Clock clock, boolean live) {
        this(out, clock, live, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /**
     * @param progressEvery how often plain output prints each running move's progress
     * @param stallAfter    how long a migration's progress may stand still before a warning
     */
    public ConsoleEvents(PrintWriter out, Clock clock, boolean live, Duration progressEvery, Duration stallAfter) {
        this.out = out;
        this.clock = clock;
        this.live = live;
        this.progressEvery = progressEvery;
        this.stallAfter = stallAfter;
        this.zone = java.time.ZoneId.systemDefault();
        redraw = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-display");
            t.setDaemon(true);
            return t;
        });
        redraw.scheduleAtFixedRate(this::tick, 250, live ? 250 : 1000, TimeUnit.MILLISECONDS);
    }

    /** The timer: the bars redrawn (terminal), progress lines due (plain), stalls told (both). */
    private synchronized void tick() {
        Instant now = clock.instant();
        for (Running r : running.values()) {
            if (!r.stallTold && r.percent >= 0 && r.percent < 100 && Duration.between(r.changed, now).compareTo(stallAfter) >= 0) {
                r.stallTold = true;
                line("WARNING: " + prefix(r.job) + "the migration's progress has not moved from " + r.percent + "% for "
                        + human(Duration.between(r.changed, now)) + " (" + r.step + "); check the hosts and the migration network");
            }
            if (!live && Duration.between(r.printed, now).compareTo(progressEvery) >= 0) {
                r.printed = now;
                line(prefix(r.job) + (r.percent < 0 ? "" : r.percent + "%, ") + r.step + ", running for " + human(Duration.between(r.started, now)));
            }
        }
        if (live) {
            clearBlock();
            drawBlock();
            out.flush();
        }
    }

    @Override
    public synchronized void phase(String phase, boolean started, String detail) {
        line(phase + (started ? ": " : " done: ") + detail);
    }

    @Override
    public synchronized void hostUnreadable(io.hvmigrate.engine.Discovery.Unreachable h) {
        line("could not read " + h.describe());
    }

    @Override
    public synchronized void finding(io.hvmigrate.check.Finding f) {
        if (f.severity() != io.hvmigrate.check.Finding.Severity.INFO) {
            line("preflight: " + f.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + f.id() + " [" + f.host() + "]"
                    + (f.move() == null ? "" : " " + f.move()) + ": " + f.message());
        }
    }

    @Override
    public synchronized void moveRefused(String move, String vm, String why) {
        line(move + " " + vm + ": refused, left out (--skip-refused): " + why);
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
            r.changed = clock.instant();
            if (r.stallTold) {
                r.stallTold = false;
                line(prefix(job) + "the migration moves again: " + percent + "%");
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
        if (live) {
            out.println();
            out.println(SummaryTable.render(s));
        } else {
            // plain output: the table's lines are stamped like every other, so a log keeps them in order with the rest
            SummaryTable.render(s).lines().filter(l -> !l.isBlank()).forEach(this::line);
        }
        out.flush();
    }

    @Override
    public synchronized void reportWritten(java.nio.file.Path report) {
        line("report: " + report);
    }

    private static String word(MoveState s) {
        return switch (s) {
            case DONE -> "done";
            case SKIPPED -> "already in place";
            case NOT_STARTED -> "not started";
            case REFUSED -> "refused, left out";
            case FAILED -> "FAILED";
            case MOVED_UNVERIFIED -> "moved, not verified";
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
        // plain output is read later, by people and schedulers' logs: each line says when, in local time with its offset
        out.println(live ? s : STAMP.format(clock.instant().atZone(zone)) + " " + s);
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
