package io.hvmigrate.sim.world.fleet;

import java.util.List;

/**
 * Delegation settings and SPNs of a computer account. Hosts, cluster name objects, file servers, SOFS access points and
 * SOFS nodes get an account each; this block overrides what the simulator derives.
 *
 * @param allowedToDelegateTo                 msDS-AllowedToDelegateTo (classic constrained delegation, exact SPNs)
 * @param trustedToAuthForDelegation          userAccountControl TRUSTED_TO_AUTH_FOR_DELEGATION 0x1000000 ("use any
 *                                            authentication protocol", protocol transition)
 * @param trustedForDelegation                userAccountControl TRUSTED_FOR_DELEGATION 0x80000 (unconstrained)
 * @param principalsAllowedToDelegateToAccount msDS-AllowedToActOnBehalfOfOtherIdentity as principal names
 *                                            (resource-based constrained delegation)
 * @param servicePrincipalNames               replaces the SPNs the simulator registers for the account
 * @param extraServicePrincipalNames          added to the registered SPNs
 */
public record AccountSpec(List<String> allowedToDelegateTo, Boolean trustedToAuthForDelegation,
                          Boolean trustedForDelegation, List<String> principalsAllowedToDelegateToAccount,
                          List<String> servicePrincipalNames, List<String> extraServicePrincipalNames) {
    public static final AccountSpec NONE = new AccountSpec(null, null, null, null, null, null);

    public AccountSpec {
        allowedToDelegateTo = Lists.of(allowedToDelegateTo);
        trustedToAuthForDelegation = trustedToAuthForDelegation != null && trustedToAuthForDelegation;
        trustedForDelegation = trustedForDelegation != null && trustedForDelegation;
        principalsAllowedToDelegateToAccount = Lists.of(principalsAllowedToDelegateToAccount);
        extraServicePrincipalNames = Lists.of(extraServicePrincipalNames);
    }
}
