package io.hvmigrate.cli;

/** hvmigrate's exit codes; schedulers can rely on them (README, "Exit codes"). */
public enum ExitCode {
    /** Everything asked was done (or was already so). */
    OK(0),
    /** Some moves failed. */
    FAILED(1),
    /** Invalid input: a playbook, inventory, facts or settings problem; nothing was contacted. */
    INVALID_INPUT(2),
    /** A move was refused before anything was changed (planning or preflight). */
    REFUSED(3),
    /** The maintenance window closed with moves left. */
    WINDOW_CLOSED(4),
    /** Another run holds a host this one needs; try again when it has finished. */
    BUSY(5),
    /**
     * No host could be read: every inventory host refused the connection, the credentials or TLS. A connection
     * problem, not a playbook one; nothing was changed. Each host's line says which, and the fix.
     */
    HOSTS_UNREACHABLE(6),
    /** The maintenance window has not opened and the run was told not to wait (--no-wait): nothing was done. */
    WINDOW_NOT_OPEN(7),
    /** hvmigrate itself failed: a bug; the message says where. */
    INTERNAL_ERROR(70),
    /** Interrupted (Ctrl-C). */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
