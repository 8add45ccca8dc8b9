package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.SoapResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The open shells of one host, with Windows' per-user shell quota (winrm/config/winrs MaxShellsPerUser) and idle
 * timeout (winrm/config/winrs IdleTimeout): a shell no request used for that long is deleted, with what it runs.
 */
final class ShellTable {

    private final int maxShellsPerUser;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final Map<String, Integer> perOwner = new HashMap<>();
    private final ReentrantLock quota = new ReentrantLock();

    ShellTable(int maxShellsPerUser, Duration idleTimeout, Clock clock) {
        this.maxShellsPerUser = maxShellsPerUser;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Opens a shell for {@code owner}, or nothing when the owner already has the maximum. */
    Optional<Shell> open(String owner, Function<String, ShellSession> sessionForId) {
        expireIdle();
        quota.lock();
        try {
            int open = perOwner.getOrDefault(owner, 0);
            if (open >= maxShellsPerUser) {
                return Optional.empty();
            }
            perOwner.put(owner, open + 1);
        } finally {
            quota.unlock();
        }
        ShellSession session = sessionForId.apply(SoapResponses.newId());
        Shell shell = new Shell(session, owner, clock.instant());
        shells.put(shell.id(), shell);
        return Optional.of(shell);
    }

    /** The shell, when it exists and belongs to {@code owner}; using it resets its idle time. */
    Optional<Shell> find(String shellId, String owner) {
        if (shellId == null) {
            return Optional.empty();
        }
        Shell shell = shells.get(shellId);
        if (shell == null || !shell.owner().equals(owner)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (shell.idleLongerThan(idleTimeout, now)) {
            remove(shell);
            shell.terminateAll();
            return Optional.empty();
        }
        shell.touch(now);
        return Optional.of(shell);
    }

    /** Removes the shell of {@code owner}, returning it. */
    Optional<Shell> close(String shellId, String owner) {
        Optional<Shell> shell = find(shellId, owner);
        shell.ifPresent(this::remove);
        return shell;
    }

    /** Ends every shell (the host stops). */
    void closeAll() {
        for (Shell shell : new ArrayList<>(shells.values())) {
            remove(shell);
            shell.terminateAll();
        }
    }

    int count() {
        expireIdle();
        return shells.size();
    }

    /** Deletes the shells idle beyond the timeout, as the WinRM service does on its own. */
    void expireIdle() {
        Instant now = clock.instant();
        for (Shell shell : List.copyOf(shells.values())) {
            if (shell.idleLongerThan(idleTimeout, now)) {
                remove(shell);
                shell.terminateAll();
            }
        }
    }

    List<ShellSession> sessions() {
        expireIdle();
        return shells.values().stream().map(Shell::session).toList();
    }

    private void remove(Shell shell) {
        if (shells.remove(shell.id(), shell)) {
            quota.lock();
            try {
                perOwner.computeIfPresent(shell.owner(), (owner, open) -> open <= 1 ? null : open - 1);
            } finally {
                quota.unlock();
            }
        }
    }
}
