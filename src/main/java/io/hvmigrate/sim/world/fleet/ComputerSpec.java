package io.hvmigrate.sim.world.fleet;

/**
 * A computer account that is none of the fleet's hosts, clusters or file servers (e.g. a management server).
 *
 * @param name    NetBIOS name; the sAMAccountName is {@code NAME$}
 * @param domain  DNS name of its domain
 * @param account delegation settings and SPNs
 */
public record ComputerSpec(String name, String domain, AccountSpec account) {
    public ComputerSpec {
        account = account == null ? AccountSpec.NONE : account;
    }
}
