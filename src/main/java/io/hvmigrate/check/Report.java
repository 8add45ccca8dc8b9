package io.hvmigrate.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What preflight found, in the order found: per move, then per host. */
public record Report(List<Finding> findings) {
    public Report {
        findings = List.copyOf(findings);
    }

    /** True when a finding stops the run. */
    public boolean blocking() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKING);
    }

    public long count(Finding.Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /**
     * The moves a blocking finding stops, each with the first such finding: a finding about the move itself, or a
     * host-wide one about its source or destination. What {@code run --skip-refused} leaves out.
     */
    public Map<String, Finding> blockingByMove(io.hvmigrate.plan.Plan plan) {
        Map<String, Finding> m = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.severity() != Finding.Severity.BLOCKING) {
                continue;
            }
            for (io.hvmigrate.plan.PlannedMove move : plan.moves()) {
                boolean concerns = f.move() != null ? f.move().equals(move.id())
                        : move.planned() && (touches(f.host(), move.source()) || touches(f.host(), move.destination()));
                if (concerns) {
                    m.putIfAbsent(move.id(), f);
                }
            }
        }
        return m;
    }

    /** Blocking findings that concern no move of the plan: no move can be left out for them, so they stop the run. */
    public List<Finding> blockingOutsideMoves(io.hvmigrate.plan.Plan plan) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.BLOCKING)
                .filter(f -> f.move() != null ? plan.moves().stream().noneMatch(m -> f.move().equals(m.id()))
                        : plan.moves().stream().noneMatch(m -> m.planned() && (touches(f.host(), m.source()) || touches(f.host(), m.destination()))))
                .toList();
    }

    private static boolean touches(String findingHost, io.hvmigrate.model.Facts.HostFacts h) {
        if (h == null || findingHost == null) {
            return false;
        }
        for (String one : findingHost.split(",")) {
            if (h.answersTo(one.trim())) {
                return true;
            }
        }
        return false;
    }

    /** Findings grouped by move (host-wide ones under "hosts"). */
    public Map<String, List<Finding>> byMove() {
        Map<String, List<Finding>> m = new LinkedHashMap<>();
        for (Finding f : findings) {
            m.computeIfAbsent(f.move() == null ? "hosts" : f.move(), k -> new java.util.ArrayList<>()).add(f);
        }
        return m;
    }

    /** Findings grouped by host. */
    public Map<String, List<Finding>> byHost() {
        Map<String, List<Finding>> m = new LinkedHashMap<>();
        for (Finding f : findings) {
            m.computeIfAbsent(f.host(), k -> new java.util.ArrayList<>()).add(f);
        }
        return m;
    }
}
