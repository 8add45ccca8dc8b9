package io.hvmigrate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.engine.MoveState;
import io.hvmigrate.engine.RunEvents;
import io.hvmigrate.engine.RunSummary;
import io.hvmigrate.plan.MoveJob;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON object per line on standard output, for schedulers: {@code {"event":"move-started",...}}. Progress events
 * are sent when the percentage changes by at least five points, so a long wave does not flood the log.
 */
public final class JsonLinesEvents implements RunEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final Clock clock;
    private final Map<String, Integer> lastPercent = new ConcurrentHashMap<>();

    public JsonLinesEvents(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    private ObjectNode event(String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", name);
        o.put("ts", clock.instant().toString());
        return o;
    }

    private static ObjectNode move(ObjectNode o, MoveJob j) {
        o.put("move", j.id());
        o.put("vm", j.vmName());
        o.put("vmId", j.vmId());
        o.put("source", j.source());
        o.put("destination", j.destination());
        o.put("scenario", j.scenario().name());
        return o;
    }

    private synchronized void emit(ObjectNode o) {
        try {
            out.println(JSON.writeValueAsString(o));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void phase(String phase, boolean started, String detail) {
        emit(event(started ? "phase-started" : "phase-finished").put("phase", phase).put("detail", detail));
    }

    @Override
    public void hostUnreadable(io.hvmigrate.engine.Discovery.Unreachable h) {
        emit(event("host-unreadable").put("host", h.host()).put("cause", h.cause().name()).put("reason", h.reason()).put("fix", h.fix()));
    }

    @Override
    public void finding(io.hvmigrate.check.Finding f) {
        ObjectNode o = event("finding").put("id", f.id()).put("severity", f.severity().name().toLowerCase(Locale.ROOT))
                .put("move", f.move()).put("host", f.host()).put("message", f.message()).put("fix", f.fix());
        f.evidence().forEach(o.putArray("evidence")::add);
        emit(o);
    }

    @Override
    public void moveRefused(String move, String vm, String why) {
        emit(event("move-refused").put("move", move).put("vm", vm).put("why", why));
    }

    @Override
    public void runEnded(String outcome, int exitCode, String why) {
        // the same last event as a run that executed, so a scheduler reads one shape in every outcome
        emit(event("run-finished").putNull("run").put("outcome", outcome).put("exitCode", exitCode).put("why", why));
    }

    @Override
    public void runStarted(String runId, int moves) {
        emit(event("run-started").put("run", runId).put("moves", moves));
    }

    @Override
    public void moveStarted(MoveJob job) {
        emit(move(event("move-started"), job));
    }

    @Override
    public void stepStarted(MoveJob job, String step, String host) {
        emit(move(event("step-started"), job).put("step", step).put("host", host));
    }

    @Override
    public void stepFinished(MoveJob job, String step, String host, boolean ok, String detail) {
        emit(move(event("step-finished"), job).put("step", step).put("host", host).put("ok", ok).put("detail", detail));
    }

    @Override
    public void progress(MoveJob job, int percent) {
        Integer last = lastPercent.get(job.id());
        if (last != null && percent - last < 5 && percent != 100) {
            return;
        }
        lastPercent.put(job.id(), percent);
        emit(move(event("progress"), job).put("percent", percent));
    }

    @Override
    public void moveFinished(MoveJob job, MoveState state, String detail) {
        emit(move(event("move-finished"), job).put("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-')).put("detail", detail));
    }

    @Override
    public void notice(String message) {
        emit(event("notice").put("message", message));
    }

    @Override
    public void runFinished(RunSummary s) {
        ObjectNode o = event("run-finished").put("run", s.runId()).put("outcome", s.interrupted() ? "interrupted" : "executed").put("exitCode", s.exitCode()).put("elapsedSeconds", s.elapsed().toMillis() / 1000.0)
                .put("roundTrips", s.roundTrips());
        ObjectNode counts = o.putObject("states");
        s.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT).replace('_', '-'), v));
        emit(o);
    }
}
