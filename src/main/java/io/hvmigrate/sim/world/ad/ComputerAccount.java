package io.hvmigrate.sim.world.ad;

import java.util.List;
import java.util.UUID;

/**
 * A computer object as Get-ADComputer returns it.
 *
 * @param name                                  cn / Name, e.g. {@code HV-A1}
 * @param samAccountName                        e.g. {@code HV-A1$}
 * @param dnsHostName                           e.g. {@code hv-a1.lab.test}
 * @param domain                                DNS name of the domain
 * @param distinguishedName                     e.g. {@code CN=HV-A1,CN=Computers,DC=lab,DC=test}
 * @param objectGuid                            ObjectGUID (deterministic per fleet)
 * @param servicePrincipalNames                 servicePrincipalName
 * @param allowedToDelegateTo                   msDS-AllowedToDelegateTo
 * @param userAccountControl                    userAccountControl bits
 * @param principalsAllowedToDelegateToAccount  msDS-AllowedToActOnBehalfOfOtherIdentity as principal names
 *                                              ({@code DOMAIN\NAME$})
 */
public record ComputerAccount(String name, String samAccountName, String dnsHostName, String domain,
                              String distinguishedName, UUID objectGuid, List<String> servicePrincipalNames,
                              List<String> allowedToDelegateTo, int userAccountControl,
                              List<String> principalsAllowedToDelegateToAccount) {
    public ComputerAccount {
        servicePrincipalNames = List.copyOf(servicePrincipalNames);
        allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
        principalsAllowedToDelegateToAccount = List.copyOf(principalsAllowedToDelegateToAccount);
    }

    public boolean trustedForDelegation() {
        return (userAccountControl & AccountControl.TRUSTED_FOR_DELEGATION) != 0;
    }

    public boolean trustedToAuthForDelegation() {
        return (userAccountControl & AccountControl.TRUSTED_TO_AUTH_FOR_DELEGATION) != 0;
    }

    ComputerAccount withDelegateTo(List<String> values) {
        return new ComputerAccount(name, samAccountName, dnsHostName, domain, distinguishedName, objectGuid,
                servicePrincipalNames, values, userAccountControl, principalsAllowedToDelegateToAccount);
    }

    ComputerAccount withAccountControl(int uac) {
        return new ComputerAccount(name, samAccountName, dnsHostName, domain, distinguishedName, objectGuid,
                servicePrincipalNames, allowedToDelegateTo, uac, principalsAllowedToDelegateToAccount);
    }

    ComputerAccount withPrincipalsAllowed(List<String> principals) {
        return new ComputerAccount(name, samAccountName, dnsHostName, domain, distinguishedName, objectGuid,
                servicePrincipalNames, allowedToDelegateTo, userAccountControl, principals);
    }

    ComputerAccount withSpns(List<String> spns) {
        return new ComputerAccount(name, samAccountName, dnsHostName, domain, distinguishedName, objectGuid, spns,
                allowedToDelegateTo, userAccountControl, principalsAllowedToDelegateToAccount);
    }
}
