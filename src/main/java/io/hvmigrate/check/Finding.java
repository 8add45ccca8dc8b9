package io.hvmigrate.check;

import java.util.List;

/**
 * One result of a preflight check.
 *
 * @param id       stable identifier, e.g. {@code delegation.migration-service}
 * @param severity whether it stops a run
 * @param move     the move it concerns (m001…), or null for a host-wide finding
 * @param host     the host (or account) it concerns
 * @param message  what is wrong, in words
 * @param evidence what was read and where from
 * @param fix      the exact command that fixes it, or null when nothing is to be done
 */
public record Finding(String id, Severity severity, String move, String host, String message, List<String> evidence,
                      String fix) {
    public Finding {
        evidence = List.copyOf(evidence);
    }

    public enum Severity {
        /** The move would fail: run refuses while it stands. */
        BLOCKING,
        /** The move can succeed, but something is wrong or risky. */
        WARNING,
        /** For the record. */
        INFO
    }
}
