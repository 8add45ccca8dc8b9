package io.hvmigrate.report;

import io.hvmigrate.check.Finding;
import io.hvmigrate.engine.Discovery;
import io.hvmigrate.engine.MoveState;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunSummary;
import io.hvmigrate.plan.MoveJob;
import java.util.List;

/** The same events to several watchers: the terminal or JSON lines, and the log file. */
public final class TeeEvents implements RunEvents {
    private final List<RunEvents> to;

    public TeeEvents(List<RunEvents> to) {
        this.to = List.copyOf(to);
    }

    @Override
    public void phase(String phase, boolean started, String detail) {
        to.forEach(e -> e.phase(phase, started, detail));
    }

    @Override
    public void hostUnreadable(Discovery.Unreachable host) {
        to.forEach(e -> e.hostUnreadable(host));
    }

    @Override
    public void finding(Finding finding) {
        to.forEach(e -> e.finding(finding));
    }

    @Override
    public void moveRefused(String move, String vm, String why) {
        to.forEach(e -> e.moveRefused(move, vm, why));
    }

    @Override
    public void runEnded(String outcome, int exitCode, String why) {
        to.forEach(e -> e.runEnded(outcome, exitCode, why));
    }

    @Override
    public void runStarted(String runId, int moves) {
        to.forEach(e -> e.runStarted(runId, moves));
    }

    @Override
    public void moveStarted(MoveJob job) {
        to.forEach(e -> e.moveStarted(job));
    }

    @Override
    public void stepStarted(MoveJob job, String step, String host) {
        to.forEach(e -> e.stepStarted(job, step, host));
    }

    @Override
    public void stepFinished(MoveJob job, String step, String host, boolean ok, String detail) {
        to.forEach(e -> e.stepFinished(job, step, host, ok, detail));
    }

    @Override
    public void progress(MoveJob job, int percent) {
        to.forEach(e -> e.progress(job, percent));
    }

    @Override
    public void moveFinished(MoveJob job, MoveState state, String detail) {
        to.forEach(e -> e.moveFinished(job, state, detail));
    }

    @Override
    public void notice(String message) {
        to.forEach(e -> e.notice(message));
    }

    @Override
    public void runFinished(RunSummary summary) {
        to.forEach(e -> e.runFinished(summary));
    }

    @Override
    public void reportWritten(java.nio.file.Path report) {
        to.forEach(e -> e.reportWritten(report));
    }
}
