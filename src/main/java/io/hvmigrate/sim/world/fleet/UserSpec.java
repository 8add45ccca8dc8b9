package io.hvmigrate.sim.world.fleet;

/**
 * A user account.
 *
 * @param sam            sAMAccountName
 * @param domain         DNS name of its domain
 * @param sensitive      "Account is sensitive and cannot be delegated" (userAccountControl 0x100000)
 * @param protectedUsers member of Protected Users (its credentials are never delegated)
 */
public record UserSpec(String sam, String domain, Boolean sensitive, Boolean protectedUsers) {
    public UserSpec {
        sensitive = sensitive != null && sensitive;
        protectedUsers = protectedUsers != null && protectedUsers;
    }
}
