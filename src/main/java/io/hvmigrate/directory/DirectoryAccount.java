package io.hvmigrate.directory;

import java.util.List;

/**
 * A computer account as the directory holds it.
 *
 * @param asked                  the name it was asked for
 * @param distinguishedName      its DN (null when the backend does not say)
 * @param dnsHostName            dNSHostName, or null
 * @param allowedToActOnBehalfOf msDS-AllowedToActOnBehalfOfOtherIdentity as account names ({@code HV1$}), or as SIDs
 *                               the directory could not name
 * @param whenChanged            when the object last changed (null when not read)
 */
public record DirectoryAccount(String asked, String samAccountName, String distinguishedName, String dnsHostName,
                               List<String> servicePrincipalNames, List<String> allowedToDelegateTo, long userAccountControl,
                               List<String> allowedToActOnBehalfOf, java.time.Instant whenChanged) {

    public static final long TRUSTED_FOR_DELEGATION = 0x80000L;
    public static final long TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000L;

    public DirectoryAccount {
        servicePrincipalNames = List.copyOf(servicePrincipalNames);
        allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
        allowedToActOnBehalfOf = List.copyOf(allowedToActOnBehalfOf);
    }

    public DirectoryAccount(String asked, String samAccountName, String distinguishedName, String dnsHostName,
                            List<String> servicePrincipalNames, List<String> allowedToDelegateTo, long userAccountControl,
                            List<String> allowedToActOnBehalfOf) {
        this(asked, samAccountName, distinguishedName, dnsHostName, servicePrincipalNames, allowedToDelegateTo,
                userAccountControl, allowedToActOnBehalfOf, null);
    }

    public boolean trustedToAuthForDelegation() {
        return (userAccountControl & TRUSTED_TO_AUTH_FOR_DELEGATION) != 0;
    }

    public boolean trustedForDelegation() {
        return (userAccountControl & TRUSTED_FOR_DELEGATION) != 0;
    }
}
