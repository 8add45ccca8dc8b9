package io.hvmigrate.sim.wsman;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An open remote shell: who opened it and its commands by CommandId. */
final class Shell {

    static final String TERMINATE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate";

    private final ShellSession session;
    private final String owner;
    private final Map<String, CommandRun> commands = new ConcurrentHashMap<>();

    Shell(ShellSession session, String owner) {
        this.session = session;
        this.owner = owner;
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
