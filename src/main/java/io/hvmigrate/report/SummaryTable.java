package io.hvmigrate.report;

import io.hvmigrate.engine.MoveState;
import io.hvmigrate.engine.RunSummary;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of a run. */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(RunSummary s) {
        StringBuilder sb = new StringBuilder();
        int vmw = Math.max(2, s.moves().stream().mapToInt(m -> m.vm().length()).max().orElse(2));
        int routew = Math.max(5, s.moves().stream().mapToInt(m -> (m.source() + "→" + m.destination()).length()).max().orElse(5));
        String fmt = "%-5s %-" + vmw + "s %-" + routew + "s %-3s %-20s %8s  %s%n";
        sb.append(String.format(fmt, "MOVE", "VM", "ROUTE", "SC", "RESULT", "TOOK", "DETAIL"));
        for (RunSummary.MoveResult m : s.moves()) {
            sb.append(String.format(fmt, m.id(), m.vm(), m.source() + "→" + m.destination(), m.scenario(),
                    m.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), ConsoleEvents.human(m.duration()), m.detail()));
        }
        Map<MoveState, Long> c = s.counts();
        sb.append(String.format("%nrun %s: %d done%s, %d already in place, %d failed, %d not started%s in %s; %d remote calls; exit code %d",
                s.runId(), c.getOrDefault(MoveState.DONE, 0L),
                c.containsKey(MoveState.MOVED_UNVERIFIED) ? ", " + c.get(MoveState.MOVED_UNVERIFIED) + " moved but not verified" : "",
                c.getOrDefault(MoveState.SKIPPED, 0L),
                c.getOrDefault(MoveState.FAILED, 0L) + c.getOrDefault(MoveState.FAILED_AFTER_MOVE, 0L) + c.getOrDefault(MoveState.FAILED_UNPROTECTED, 0L),
                c.getOrDefault(MoveState.NOT_STARTED, 0L),
                c.containsKey(MoveState.REFUSED) ? ", " + c.get(MoveState.REFUSED) + " refused and left out" : "",
                ConsoleEvents.human(s.elapsed()), s.roundTrips(), s.exitCode()));
        if (c.getOrDefault(MoveState.FAILED_UNPROTECTED, 0L) > 0) {
            sb.append(String.format("%nWARNING: %d VM(s) are not highly available as they were; their lines above say what to run.",
                    c.get(MoveState.FAILED_UNPROTECTED)));
        }
        return sb.toString();
    }
}
