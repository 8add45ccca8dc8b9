package io.hvmigrate.directory;

import java.util.List;
import java.util.Map;

/**
 * The directory operations delegation needs, whichever way the directory is reached: over LDAP, or through the
 * ActiveDirectory cmdlets on a management host. Every write reads first and changes only what is missing (or present,
 * for a removal), value by value, so running it again changes nothing; each returns what it changed.
 */
public interface Directory {

    /** Where the directory is reached, for messages: "ldaps://dc1.lab.test:636" or "HV1 (ActiveDirectory module)". */
    String where();

    /**
     * Computer accounts by name: a sAMAccountName (with or without its {@code $}), a NetBIOS name or a DNS name
     * (dNSHostName). Names the directory does not know are left out.
     */
    List<DirectoryAccount> computers(List<String> names) throws DirectoryException;

    /** The domains this directory serves, each with its forest root (empty when it cannot say). */
    List<DomainInfo> domains() throws DirectoryException;

    /** The trusts the directory holds (empty when it cannot say). */
    List<TrustInfo> trusts() throws DirectoryException;

    /**
     * User accounts (the ones the engine runs as), each looked up in its own domain: sensitivity and group membership.
     * Users the directory does not know are left out; empty when the backend cannot read users.
     */
    default List<UserInfo> users(List<AccountRef> users) throws DirectoryException {
        return List.of();
    }

    /**
     * Everything discovery needs, in as few round trips as the backend allows: the computer accounts (each in its
     * domain), the users, and the domains with their forests and trusts.
     */
    default Snapshot read(List<AccountRef> computers, List<AccountRef> users, List<String> domains) throws DirectoryException {
        return new Snapshot(computers(computers.stream().map(AccountRef::name).toList()), users(users), domains(), trusts());
    }

    /** An account name and the DNS name of its domain (null: the directory's own). */
    record AccountRef(String name, String domain) {}

    /** A user as the directory holds it; {@code asked} is the name it was asked for. */
    record UserInfo(String asked, String samAccountName, String domain, boolean accountNotDelegated, List<String> memberOf) {}

    /** What {@link #read} returns. */
    record Snapshot(List<DirectoryAccount> computers, List<UserInfo> users, List<DomainInfo> domains, List<TrustInfo> trusts) {}

    /** Adds these SPNs to msDS-AllowedToDelegateTo; returns those that were not there. */
    List<String> addDelegateTo(String account, String domain, List<String> spns) throws DirectoryException;

    /** Removes these SPNs from msDS-AllowedToDelegateTo; returns those that were there. */
    List<String> removeDelegateTo(String account, String domain, List<String> spns) throws DirectoryException;

    /** Sets TRUSTED_TO_AUTH_FOR_DELEGATION (0x1000000); returns whether it was not set. */
    boolean allowProtocolTransition(String account, String domain) throws DirectoryException;

    /** Clears TRUSTED_FOR_DELEGATION (unconstrained delegation, 0x80000); returns whether it was set. */
    boolean stopUnconstrained(String account, String domain) throws DirectoryException;

    /** Clears TRUSTED_TO_AUTH_FOR_DELEGATION; returns whether it was set. */
    boolean stopProtocolTransition(String account, String domain) throws DirectoryException;

    /**
     * Adds principals to msDS-AllowedToActOnBehalfOfOtherIdentity, merged with those there (never overwritten);
     * returns the accounts added.
     */
    List<String> addPrincipals(String account, String domain, List<PrincipalRef> principals) throws DirectoryException;

    /** Distinguished name and userAccountControl of accounts, as they are now, by sAMAccountName key. */
    Map<String, AccountEntry> accounts(String domain, List<String> accounts) throws DirectoryException;

    /** A computer account allowed to delegate, by its sAMAccountName and domain. */
    record PrincipalRef(String account, String domain) {}

    /** What an LDIF change needs of an account. */
    record AccountEntry(String account, String distinguishedName, long userAccountControl) {}

    /** A domain and the root domain of its forest (DNS names). */
    record DomainInfo(String name, String forest) {}

    /**
     * A trust object (trustedDomain) as the directory holds it.
     *
     * @param local      the domain holding the object
     * @param partner    trustPartner
     * @param direction  trustDirection: 1 inbound (the partner trusts us), 2 outbound (we trust the partner), 3 both
     * @param type       trustType: 1 downlevel, 2 uplevel (Active Directory), 3 MIT
     * @param attributes trustAttributes, e.g. FOREST_TRANSITIVE 0x8, WITHIN_FOREST 0x20
     */
    record TrustInfo(String local, String partner, int direction, int type, long attributes) {
        public static final long FOREST_TRANSITIVE = 0x8;
        public static final long WITHIN_FOREST = 0x20;

        public boolean forestTransitive() {
            return (attributes & FOREST_TRANSITIVE) != 0;
        }

        public boolean inbound() {
            return (direction & 1) != 0;
        }

        public boolean outbound() {
            return (direction & 2) != 0;
        }
    }
}
