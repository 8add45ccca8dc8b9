package io.hvmigrate.transport;

import io.hvmigrate.powershell.StepScript;
import java.time.Duration;

/**
 * A conversation with one host: scripts run one after another in one remote shell. Not thread-safe — one caller at a
 * time; a {@link Transport} hands out as many sessions per host as the work needs.
 */
public interface HostSession extends AutoCloseable {

    /** The inventory name of the host. */
    String host();

    /**
     * Runs one script and waits for its end, but not past {@code deadline} from now.
     *
     * @throws TransportException when the call does not complete; its kind says whether the script may have run
     */
    RemoteOutput run(StepScript script, Duration deadline) throws TransportException;

    /** Ends the remote shell (stopping a command still running in it) and frees the connection. */
    @Override
    void close();
}
