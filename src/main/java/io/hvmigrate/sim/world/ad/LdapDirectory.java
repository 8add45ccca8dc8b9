package io.hvmigrate.sim.world.ad;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fleet's directory kept in a real Active Directory (a Samba AD domain controller in the tests), read and written
 * over LDAPS with the server's certificate validated against a CA file. What a client changes with Set-ADComputer on
 * a simulated host lands in the real directory, and what the directory holds there decides — once a host's tickets
 * are renewed — whether a simulated Move-VM may delegate. Changes are minimal LDAP modifies (add or delete values),
 * as the ActiveDirectory module makes them.
 *
 * <p>Not modelled: msDS-AllowedToActOnBehalfOfOtherIdentity is a security descriptor; it is read as absent and
 * cannot be set through this directory.
 */
public final class LdapDirectory implements Directory, AutoCloseable {
    private static final String[] COMPUTER_ATTRIBUTES = {"cn", "sAMAccountName", "dNSHostName", "objectGUID",
            "servicePrincipalName", "msDS-AllowedToDelegateTo", "userAccountControl"};
    private static final String[] USER_ATTRIBUTES = {"sAMAccountName", "userAccountControl", "memberOf"};

    private final LDAPConnectionPool pool;
    private final String baseDn;
    private final String domain;

    private LdapDirectory(LDAPConnectionPool pool, String baseDn) {
        this.pool = pool;
        this.baseDn = baseDn;
        this.domain = dnsDomainOf(baseDn);
    }

    /**
     * Connects over LDAPS ({@code ldaps://127.0.0.1:636}) and binds with a password.
     *
     * @param url      the directory's LDAPS URL
     * @param baseDn   the domain's naming context ({@code DC=lab,DC=test})
     * @param bindDn   who binds ({@code CN=Administrator,CN=Users,DC=lab,DC=test})
     * @param password the bind password
     * @param caFile   PEM file of the CA that issued the directory's certificate
     */
    public static LdapDirectory connect(String url, String baseDn, String bindDn, String password, Path caFile) {
        try {
            LDAPURL ldapUrl = new LDAPURL(url);
            if (!"ldaps".equalsIgnoreCase(ldapUrl.getScheme())) {
                throw new IllegalArgumentException("the directory must be reached over LDAPS (ldaps://…), not " + url);
            }
            SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(caFile.toFile()));
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            options.setConnectTimeoutMillis(10_000);
            options.setResponseTimeoutMillis(30_000);
            LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), options, ldapUrl.getHost(), ldapUrl.getPort());
            try {
                c.bind(new SimpleBindRequest(bindDn, password));
                return new LdapDirectory(new LDAPConnectionPool(c, 2), baseDn);
            } catch (LDAPException e) {
                c.close();
                throw e;
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("directory " + url + ": " + e.getResultCode() + ": " + e.getDiagnosticMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("directory " + url + ": TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ComputerAccount> computer(String identity) {
        return computers().stream().filter(c -> DirectorySnapshot.Identities.matchesComputer(c, identity)).findFirst();
    }

    @Override
    public List<ComputerAccount> computers() {
        List<ComputerAccount> out = new ArrayList<>();
        for (SearchResultEntry e : search(Filter.createEqualityFilter("objectClass", "computer"), COMPUTER_ATTRIBUTES)) {
            out.add(computer(e));
        }
        return out;
    }

    @Override
    public Optional<UserAccount> user(String identity) {
        return users().stream().filter(u -> DirectorySnapshot.Identities.matchesUser(u, identity)).findFirst();
    }

    private List<UserAccount> users() {
        Filter users = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));
        List<UserAccount> out = new ArrayList<>();
        for (SearchResultEntry e : search(users, USER_ATTRIBUTES)) {
            boolean protectedUsers = false;
            for (String group : values(e, "memberOf")) {
                protectedUsers |= group.toUpperCase(Locale.ROOT).startsWith("CN=PROTECTED USERS,");
            }
            out.add(new UserAccount(e.getAttributeValue("sAMAccountName"), domain, e.getDN(),
                    intValue(e, "userAccountControl"), protectedUsers));
        }
        return out;
    }

    @Override
    public void addAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException {
        ComputerAccount c = require(identity);
        Set<String> missing = new LinkedHashSet<>();
        for (String spn : spns) {
            if (c.allowedToDelegateTo().stream().noneMatch(v -> v.equalsIgnoreCase(spn))) {
                missing.add(spn);
            }
        }
        if (!missing.isEmpty()) {
            modify(c, new Modification(ModificationType.ADD, "msDS-AllowedToDelegateTo", missing.toArray(String[]::new)));
        }
    }

    @Override
    public void removeAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException {
        ComputerAccount c = require(identity);
        List<String> present = c.allowedToDelegateTo().stream()
                .filter(v -> spns.stream().anyMatch(v::equalsIgnoreCase)).toList();
        if (!present.isEmpty()) {
            modify(c, new Modification(ModificationType.DELETE, "msDS-AllowedToDelegateTo", present.toArray(String[]::new)));
        }
    }

    @Override
    public void replaceAllowedToDelegateTo(String identity, Collection<String> spns) throws DirectoryException {
        ComputerAccount c = require(identity);
        modify(c, new Modification(ModificationType.REPLACE, "msDS-AllowedToDelegateTo", spns.toArray(String[]::new)));
    }

    @Override
    public void setAccountControl(String identity, int bits, boolean on) throws DirectoryException {
        ComputerAccount c = require(identity);
        int uac = on ? c.userAccountControl() | bits : c.userAccountControl() & ~bits;
        if (uac != c.userAccountControl()) {
            modify(c, new Modification(ModificationType.REPLACE, "userAccountControl", Integer.toString(uac)));
        }
    }

    @Override
    public void setPrincipalsAllowedToDelegateToAccount(String identity, List<String> principals)
            throws DirectoryException {
        throw new DirectoryException(identity, "resource-based delegation (msDS-AllowedToActOnBehalfOfOtherIdentity) is not "
                + "written through hvsim's LDAP directory");
    }

    @Override
    public void setServicePrincipalNames(String identity, List<String> spns) throws DirectoryException {
        ComputerAccount c = require(identity);
        modify(c, new Modification(ModificationType.REPLACE, "servicePrincipalName", spns.toArray(String[]::new)));
    }

    @Override
    public DirectorySnapshot snapshot() {
        return new DirectorySnapshot(computers(), users());
    }

    @Override
    public void close() {
        pool.close();
    }

    private ComputerAccount require(String identity) throws DirectoryException {
        return computer(identity).orElseThrow(() -> new DirectoryException(identity, "no computer account " + identity));
    }

    private void modify(ComputerAccount c, Modification m) {
        try {
            pool.modify(c.distinguishedName(), m);
        } catch (LDAPException e) {
            throw new IllegalStateException("directory: modify " + c.distinguishedName() + ": " + e.getResultCode()
                    + ": " + e.getDiagnosticMessage(), e);
        }
    }

    private List<SearchResultEntry> search(Filter filter, String... attributes) {
        try {
            SearchResult r = pool.search(baseDn, SearchScope.SUB, filter, attributes);
            return r.getSearchEntries();
        } catch (LDAPException e) {
            throw new IllegalStateException("directory: search " + filter + ": " + e.getResultCode() + ": "
                    + e.getDiagnosticMessage(), e);
        }
    }

    private ComputerAccount computer(SearchResultEntry e) {
        String cn = e.getAttributeValue("cn");
        String sam = Objects.requireNonNullElse(e.getAttributeValue("sAMAccountName"), cn + "$");
        String dns = Objects.requireNonNullElse(e.getAttributeValue("dNSHostName"),
                cn.toLowerCase(Locale.ROOT) + "." + domain);
        byte[] guid = e.getAttributeValueBytes("objectGUID");
        return new ComputerAccount(cn, sam, dns, domain, e.getDN(), guid == null ? UUID.nameUUIDFromBytes(e.getDN().getBytes(java.nio.charset.StandardCharsets.UTF_8)) : guid(guid),
                values(e, "servicePrincipalName"), values(e, "msDS-AllowedToDelegateTo"),
                intValue(e, "userAccountControl"), List.of());
    }

    private static List<String> values(SearchResultEntry e, String name) {
        Attribute a = e.getAttribute(name);
        return a == null ? List.of() : List.of(a.getValues());
    }

    private static int intValue(SearchResultEntry e, String name) {
        String v = e.getAttributeValue(name);
        return v == null ? 0 : (int) Long.parseLong(v);
    }

    /** objectGUID as Windows prints it: the first three fields are little-endian on the wire. */
    static UUID guid(byte[] b) {
        if (b.length != 16) {
            return UUID.nameUUIDFromBytes(b);
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(0) & 0xffffffffL;
        long d2 = le.getShort(4) & 0xffffL;
        long d3 = le.getShort(6) & 0xffffL;
        long high = (d1 << 32) | (d2 << 16) | d3;
        long low = ByteBuffer.wrap(b, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(high, low);
    }

    static String dnsDomainOf(String baseDn) {
        List<String> labels = new ArrayList<>();
        for (String part : baseDn.split(",")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "DC=", 0, 3)) {
                labels.add(p.substring(3).toLowerCase(Locale.ROOT));
            }
        }
        return String.join(".", labels);
    }
}
