package io.hvmigrate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hvmigrate.engine.MoveState;
import io.hvmigrate.engine.RunRecord;
import io.hvmigrate.plan.MoveJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", header = "Lists the runs, or shows how one run's moves stand.",
        description = {"Lists the runs (or shows one): when, which playbook, whether it finished, how its moves stand. A run that "
                + "did not finish can be resumed with hvmigrate resume RUN."})
@ExitCodes({})
final class StatusCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "a run id; without it, every run")
    String runId;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        var settings = settings();
        Path runsDir = EngineSetup.runsDir(settings, root().environment);
        boolean json = jsonOutput();
        if (runId != null) {
            Path dir = runsDir.resolve(runId);
            if (!Files.isDirectory(dir)) {
                throw new CommandFailure(ExitCode.INVALID_INPUT, "no run " + runId + " in " + runsDir);
            }
            RunRecord r = RunRecord.read(dir);
            if (json) {
                out().println(runJson(r, true).toPrettyString());
            } else {
                out().println("run " + r.runId() + " of playbook " + r.playbookName() + ", started " + r.started() + ": "
                        + (r.finished() ? "finished (exit code " + r.runEnd().path("exitCode").asInt() + ")" : "NOT FINISHED — hvmigrate resume " + r.runId()));
                for (MoveJob j : r.jobs()) {
                    MoveState s = r.lastState().get(j.id());
                    String flight = r.inFlightStep().containsKey(j.id()) ? " (step " + r.inFlightStep().get(j.id()) + " was running)" : "";
                    out().println(String.format("  %-5s %-20s %s→%s %s  %s%s", j.id(), j.vmName(), j.source(), j.destination(), j.scenario(),
                            s.name().toLowerCase(Locale.ROOT).replace('_', '-'), flight));
                }
            }
            return ExitCode.OK.code();
        }
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (Path p : RunRecord.list(runsDir)) {
            RunRecord r;
            try {
                r = RunRecord.read(p);
            } catch (IOException e) {
                // one damaged journal must not hide the other runs
                if (json) {
                    all.addObject().put("run", p.getFileName().toString()).put("error", e.getMessage());
                } else {
                    out().println(String.format("%-40s UNREADABLE: %s", p.getFileName(), e.getMessage()));
                }
                continue;
            }
            if (json) {
                all.add(runJson(r, false));
            } else {
                out().println(String.format("%-40s %-20s %s  %s", r.runId(), r.playbookName(), r.started(), summary(r)));
            }
        }
        if (json) {
            out().println(all.toPrettyString());
        } else if (all.isEmpty() && RunRecord.list(runsDir).isEmpty()) {
            out().println("no runs in " + runsDir);
        }
        return ExitCode.OK.code();
    }

    private static String summary(RunRecord r) {
        Map<MoveState, Integer> c = new EnumMap<>(MoveState.class);
        r.lastState().values().forEach(s -> c.merge(s, 1, Integer::sum));
        StringBuilder sb = new StringBuilder(r.finished() ? "finished" : "NOT FINISHED");
        c.forEach((k, v) -> sb.append(", ").append(v).append(' ').append(k.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        return sb.toString();
    }

    private static ObjectNode runJson(RunRecord r, boolean moves) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("run", r.runId());
        o.put("playbook", r.playbookName());
        o.put("started", r.started().toString());
        o.put("finished", r.finished());
        if (r.finished()) {
            o.put("exitCode", r.runEnd().path("exitCode").asInt());
        }
        if (moves) {
            ArrayNode a = o.putArray("moves");
            for (MoveJob j : r.jobs()) {
                a.addObject().put("id", j.id()).put("vm", j.vmName()).put("source", j.source()).put("destination", j.destination())
                        .put("scenario", j.scenario().name()).put("state", r.lastState().get(j.id()).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("inFlightStep", r.inFlightStep().get(j.id()));
            }
        }
        return o;
    }
}
