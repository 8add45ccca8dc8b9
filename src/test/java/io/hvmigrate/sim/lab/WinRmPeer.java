package io.hvmigrate.sim.lab;

/**
 * An independent WinRM client (pywinrm, WinRM4J) that runs PowerShell on one host of a running fleet, as a client
 * on another machine would: through that host's own endpoint, as {@code powershell -encodedcommand}.
 */
interface WinRmPeer extends AutoCloseable {

    /** Runs {@code script} on {@code host}'s endpoint; stderr comes back as the text of PowerShell's error stream. */
    PsResult runPs(SimFleet.Endpoint host, String script) throws Exception;

    /** The client's name for test reports. */
    String name();

    @Override
    default void close() {}
}
