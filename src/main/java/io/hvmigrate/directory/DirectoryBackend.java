package io.hvmigrate.directory;

/**
 * How the engine reaches the directory, chosen by the inventory: over LDAP (one connection, opened when first needed),
 * or through the ActiveDirectory cmdlets of a management host (the host discovery read first, or --via).
 */
public interface DirectoryBackend extends AutoCloseable {

    /** The directory, reached through {@code managementHost} when the backend needs one (LDAP ignores it). */
    Directory through(String managementHost);

    /** Whether operations go through a management host (the PowerShell backend). */
    boolean needsManagementHost();

    @Override
    void close();
}
