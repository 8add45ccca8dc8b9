package io.hvmigrate.sim.world.ad;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The directory the fleet's hosts authenticate against. The in-memory implementation holds what the fleet file
 * declares; another implementation may read and write a real LDAP directory (Samba AD) instead.
 *
 * <p>Identities are what Get-ADComputer -Identity accepts: a name ({@code HV-A1}), a sAMAccountName ({@code HV-A1$})
 * or a distinguished name; lookups are case-insensitive.
 */
public interface Directory {

    Optional<ComputerAccount> computer(String identity);

    List<ComputerAccount> computers();

    /** A user by sAMAccountName, {@code DOMAIN\sam} or {@code sam@domain}. */
    Optional<UserAccount> user(String identity);

    /**
     * Adds values to msDS-AllowedToDelegateTo; values already present are kept once. The cmdlets do not rely on this:
     * they refuse such an -Add as AD does ({@code World.adModifyAllowedToDelegateTo}).
     */
    void addAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException;

    /** Set-ADComputer/Set-ADObject -Remove @{'msDS-AllowedToDelegateTo'=...}. */
    void removeAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException;

    /** Set-ADComputer/Set-ADObject -Replace/-Clear of msDS-AllowedToDelegateTo. */
    void replaceAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException;

    /** Sets or clears bits of userAccountControl (Set-ADAccountControl). */
    void setAccountControl(String identity, int bits, boolean on) throws DirectoryException;

    /** Set-ADComputer -PrincipalsAllowedToDelegateToAccount: replaces the list; empty clears it. */
    void setPrincipalsAllowedToDelegateToAccount(String identity, List<String> principals) throws DirectoryException;

    /** servicePrincipalName -Add/-Remove (setspn). */
    void setServicePrincipalNames(String identity, List<String> spns) throws DirectoryException;

    /** An immutable copy of the directory as it is now; hosts act on the copy their tickets were issued from. */
    DirectorySnapshot snapshot();
}
