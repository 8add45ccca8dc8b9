package io.hvmigrate.sim.world.ad;

/**
 * A user account.
 *
 * @param samAccountName     e.g. {@code svc-hvmigrate}
 * @param domain             DNS name of the domain
 * @param distinguishedName  DN
 * @param userAccountControl userAccountControl bits (NOT_DELEGATED 0x100000 = "account is sensitive")
 * @param protectedUsers     member of Protected Users
 */
public record UserAccount(String samAccountName, String domain, String distinguishedName, int userAccountControl,
                          boolean protectedUsers) {

    /** Credentials of this account can never be delegated. */
    public boolean cannotBeDelegated() {
        return protectedUsers || (userAccountControl & AccountControl.NOT_DELEGATED) != 0;
    }
}
