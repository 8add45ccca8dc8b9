package io.hvmigrate.sim.wsman;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An open remote shell: who opened it and its commands by CommandId. */
final class Shell {

    static final String TERMINATE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate";

    private final ShellSession session;
    private final String owner;
    private final Map<String, CommandRun> commands = new ConcurrentHashMap<>();
    private volatile Instant lastActivity;

    Shell(ShellSession session, String owner, Instant created) {
        this.session = session;
        this.owner = owner;
        this.lastActivity = created;
    }

    /** A request used the shell: its idle time starts over. */
    void touch(Instant now) {
        lastActivity = now;
    }

    boolean idleLongerThan(Duration timeout, Instant now) {
        return Duration.between(lastActivity, now).compareTo(timeout) > 0;
    }

    String id() {
        return session.shellId();
    }

    ShellSession session() {
        return session;
    }

    String owner() {
        return owner;
    }

    void add(CommandRun run) {
        commands.put(run.id(), run);
    }

    Optional<CommandRun> command(String commandId) {
        return commandId == null ? Optional.empty() : Optional.ofNullable(commands.get(commandId));
    }

    void forget(String commandId) {
        commands.remove(commandId);
    }

    /** Deleting a shell ends the processes it still runs. */
    void terminateAll() {
        commands.values().forEach(run -> run.signal(TERMINATE));
        commands.clear();
    }
}
