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
