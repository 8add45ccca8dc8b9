package io.hvmigrate.transport;

import io.hvmigrate.model.Inventory.HostEndpoint;

/**
 * How the engine reaches hosts. The engine sees only this interface, so another transport (PowerShell over SSH, another
 * WinRM client) can replace WinRM4J without touching it.
 */
public interface Transport extends AutoCloseable {

    /** Opens a session (a remote shell) on the host. */
    HostSession open(HostEndpoint host) throws TransportException;

    /** Warnings to show on every run (for example hosts whose certificates are not verified). */
    java.util.List<String> warnings();

    @Override
    void close();
}
