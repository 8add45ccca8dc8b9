package io.hvmigrate.cli;

/**
 * hvmigrate's exit codes; schedulers can rely on them (README, "Exit codes"). Every command's help lists its codes from
 * here, with these meanings, so the help and the code cannot disagree.
 */
public enum ExitCode {
    OK(0, "done: everything asked was done, or was already so"),
    FAILED(1, "failed: some of the work failed (a move, or a host that could not be read or changed); the output says which"),
    INVALID_INPUT(2, "invalid input: a playbook, inventory, facts or settings problem, or a wrong command line; nothing was contacted"),
    REFUSED(3, "refused: a move cannot be made as asked (planning or preflight); nothing was changed — or, with --skip-refused, "
            + "the refused moves were left out and the others ran"),
    WINDOW_CLOSED(4, "the maintenance window closed with moves left, or before the run began"),
    BUSY(5, "another run holds a host this one needs; nothing was changed; try again when it has finished"),
    HOSTS_UNREACHABLE(6, "no host could be read (connection, authentication or TLS): a connection problem, not a playbook one; "
            + "nothing was changed; each host's line names the cause and the fix"),
    WINDOW_NOT_OPEN(7, "the maintenance window has not opened and --no-wait was given: nothing was done, no host contacted"),
    INTERNAL_ERROR(70, "internal error: a bug in hvmigrate; the message says where"),
    /** Returned by the launcher (bin/hvmigrate), never by hvmigrate itself: it exits with this before hvmigrate starts. */
    LAUNCHER_BUILD_FAILED(78, "the launcher could not build or find hvmigrate (bin/hvmigrate in a source checkout whose build failed, "
            + "or a distribution without lib/hvmigrate.jar)"),
    INTERRUPTED(130, "interrupted or stopped (Ctrl-C, SIGTERM, SIGHUP): no new move started; the summary and report say where each move ended");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, as the help and the README say it. */
    public String meaning() {
        return meaning;
    }
}
