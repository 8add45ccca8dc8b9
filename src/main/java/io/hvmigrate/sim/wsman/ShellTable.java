package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.SoapResponses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The open shells of one host, with Windows' per-user shell quota (winrm/config/winrs MaxShellsPerUser). */
final class ShellTable {

    private final int maxShellsPerUser;
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final Map<String, Integer> perOwner = new HashMap<>();
    private final ReentrantLock quota = new ReentrantLock();

    ShellTable(int maxShellsPerUser) {
        this.maxShellsPerUser = maxShellsPerUser;
    }

    /** Opens a shell for {@code owner}, or nothing when the owner already has the maximum. */
    Optional<Shell> open(String owner, Function<String, ShellSession> sessionForId) {
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
        Shell shell = new Shell(session, owner);
        shells.put(shell.id(), shell);
        return Optional.of(shell);
    }

    /** The shell, when it exists and belongs to {@code owner}. */
    Optional<Shell> find(String shellId, String owner) {
        if (shellId == null) {
            return Optional.empty();
        }
        Shell shell = shells.get(shellId);
        return shell != null && shell.owner().equals(owner) ? Optional.of(shell) : Optional.empty();
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
        return shells.size();
    }

    List<ShellSession> sessions() {
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
