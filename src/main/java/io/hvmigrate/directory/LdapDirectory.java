package io.hvmigrate.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.hvmigrate.model.Inventory.DirectoryRef;
import io.hvmigrate.model.Names;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;

/**
 * Active Directory over LDAP (UnboundID LDAP SDK): LDAPS, or StartTLS on {@code ldap://}, the server's certificate
 * checked against the configured authorities and its name (never "trust all"); a simple bind, or Kerberos (GSSAPI)
 * with the JDK's JGSS from a keytab or the ticket cache. A Kerberos bind over LDAPS only authenticates (Active
 * Directory refuses a SASL layer inside TLS) and is bound to the server's certificate; over {@code ldap://} it seals
 * the connection with Kerberos instead of StartTLS (LDAP signing and sealing, as Windows' tools do).
 *
 * <p>Writes are minimal modifies read just before: msDS-AllowedToDelegateTo gets {@code add}/{@code delete} of single
 * values, never {@code replace}; userAccountControl and msDS-AllowedToActOnBehalfOfOtherIdentity (one value each)
 * are changed by deleting the exact value read and adding the new one in one modify, which the server applies
 * atomically: if someone changed the value meanwhile, the delete fails and nothing is written over their change.
 */
public final class LdapDirectory implements Directory, AutoCloseable {

    static final String SAM = "sAMAccountName";
    static final String DNS_HOST = "dNSHostName";
    static final String SPN = "servicePrincipalName";
    static final String A2D = "msDS-AllowedToDelegateTo";
    static final String UAC = "userAccountControl";
    static final String RBCD = "msDS-AllowedToActOnBehalfOfOtherIdentity";
    static final String SID = "objectSid";
    static final String WHEN_CHANGED = "whenChanged";
    static final long NOT_DELEGATED = 0x100000L;
    private static final String[] ACCOUNT_ATTRIBUTES = {SAM, DNS_HOST, SPN, A2D, UAC, RBCD, SID, WHEN_CHANGED};
    private static final int BATCH = 50;

    private final DirectoryRef ref;
    private final Supplier<String> password;
    private final Duration timeout;
    private LDAPConnection connection;
    private DN base;
    private String domain;
    private String forest;

    /**
     * @param password the simple bind's password, read only when the connection is made (null for a Kerberos bind)
     */
    public LdapDirectory(DirectoryRef ref, Supplier<String> password, Duration timeout) {
        this.ref = ref;
        this.password = password;
        this.timeout = timeout;
    }

    /** Over a connection already made and bound (tests against an in-memory server). */
    LdapDirectory(DirectoryRef ref, LDAPConnection bound, String baseDn) throws LDAPException {
        this(ref, null, Duration.ofSeconds(10));
        this.connection = bound;
        this.base = new DN(baseDn);
        this.domain = dnsName(base);
        this.forest = domain;
    }

    /** The DC found by DNS SRV when the inventory names only the domain: the one connected to, once connected. */
    private URI located;

    @Override
    public String where() {
        URI u = ref.url() != null ? ref.url() : located;
        return u != null ? u.toString() : "a DC of " + ref.domain() + " (" + DomainControllers.srvName(ref.domain()) + ")";
    }

    /**
     * The inventory's url, or the first DC of its domain as DNS SRV names it: {@code ldap://<dc>:<port>}, StartTLS for a
     * simple bind, sealed by Kerberos for a Kerberos bind (the ticket is for {@code ldap/<dc>}, the name DNS gave).
     */
    URI url() throws DirectoryException {
        if (ref.url() != null) {
            return ref.url();
        }
        if (located == null) {
            located = candidates().getFirst();
        }
        return located;
    }

    /** The DCs to try, in order: the inventory's url, or every DC of the domain in the DC locator's order. */
    private List<URI> candidates() throws DirectoryException {
        if (ref.url() != null) {
            return List.of(ref.url());
        }
        // a DNS answer comes in milliseconds or not at all: no need to wait the whole step's limit for it
        Duration dns = timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
        return DomainControllers.locate(ref.domain(), ref.dnsServer(), dns).stream()
                .map(dc -> URI.create("ldap://" + dc.host() + ":" + dc.port())).toList();
    }

    // ---- connection ---------------------------------------------------------------------------------------------------

    /**
     * The connection, made when first needed. With DCs found by DNS, one that does not answer is passed over for the
     * next, as Windows' DC locator does; a DC that answers and refuses the bind ends the search (the others would
     * refuse the same credentials).
     */
    private synchronized LDAPConnection connection() throws DirectoryException {
        if (connection != null && connection.isConnected()) {
            return connection;
        }
        List<URI> dcs = candidates();
        List<String> unanswered = new ArrayList<>();
        for (URI u : dcs) {
            if (ref.url() == null) {
                located = u;
            }
            try {
                return connect(u);
            } catch (Unanswered e) {
                unanswered.add(e.getMessage());
            }
        }
        if (ref.url() == null && dcs.size() > 1) {
            located = null;
            throw new DirectoryException("no domain controller of " + ref.domain() + " answered (" + DomainControllers.srvName(ref.domain())
                    + " names " + dcs.size() + "): " + String.join("; ", unanswered));
        }
        throw new DirectoryException(unanswered.getFirst());
    }

    /** A DC that could not be reached at all: the next one may be. */
    private static final class Unanswered extends Exception {
        Unanswered(String message) {
            super(message, null, false, false);
        }
    }

    private LDAPConnection connect(URI u) throws DirectoryException, Unanswered {
        boolean ldaps = "ldaps".equalsIgnoreCase(u.getScheme());
        String host = u.getHost();
        int port = u.getPort() > 0 ? u.getPort() : ldaps ? 636 : 389;
        if (ref.kerberos()) {
            if (isAddress(host)) {
                throw new DirectoryException(where() + ": a Kerberos bind needs the domain controller's DNS name in directory.url "
                        + "(the ticket is for ldap/<name>), not the address " + host);
            }
            if (ref.keytab() != null && !Files.isReadable(ref.keytab())) {
                throw new DirectoryException(where() + ": the keytab " + ref.keytab() + " cannot be read");
            }
        }
        SSLUtil ssl;
        try {
            TrustManager trust = ref.caFile() != null ? new PEMFileTrustManager(ref.caFile().toFile()) : JVMDefaultTrustManager.getInstance();
            ssl = new SSLUtil(trust);
        } catch (Exception e) {
            throw new DirectoryException("cannot read the directory's CA file " + ref.caFile() + ": " + e.getMessage(), e);
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        options.setResponseTimeoutMillis(timeout.toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setFollowReferrals(false);
        LDAPConnection c = null;
        try {
            // ldap:// with a Kerberos bind: no TLS, the SASL layer seals every message with the Kerberos session
            // key and the server proves itself by mutual authentication, as Windows' own tools talk to a DC
            boolean sealed = ref.kerberos() && !ldaps;
            try {
                c = sealed ? new LDAPConnection(options, host, port) : open(ssl, options, ldaps, host, port);
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN
                        || e.getResultCode() == ResultCode.TIMEOUT) {
                    throw new Unanswered(where() + ": " + describe(e));
                }
                throw e;
            }
            BindResult bound;
            try {
                bound = c.bind(bindRequest(host, sealed));
            } catch (LDAPException e) {
                if (!ref.kerberos()) {
                    throw e;
                }
                c.close();
                throw new DirectoryException(where() + ": " + kerberosFailure(e, ref.kerberosPrincipal(), ref.keytab(), host,
                        ref.keytab() == null && ref.credential() != null), e);
            }
            if (bound.getResultCode() != ResultCode.SUCCESS) {
                throw new DirectoryException(where() + ": bind failed: " + describe(bound.getResultCode(), bound.getDiagnosticMessage()));
            }
            RootDSE root = c.getRootDSE();
            String context = ref.baseDn() != null ? ref.baseDn() : root == null ? null : root.getAttributeValue("defaultNamingContext");
            if (context == null) {
                throw new DirectoryException(where() + ": the server names no default naming context: set directory.baseDn");
            }
            base = new DN(context);
            domain = dnsName(base);
            String forestContext = root == null ? null : root.getAttributeValue("rootDomainNamingContext");
            forest = forestContext == null ? null : dnsName(new DN(forestContext));
            connection = c;
            return c;
        } catch (LDAPException e) {
            if (c != null) {
                c.close();
            }
            throw new DirectoryException(where() + ": " + describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new DirectoryException(where() + ": TLS: " + e.getMessage(), e);
        } catch (DirectoryException e) {
            if (c != null) {
                c.close();
            }
            throw e;
        }
    }

    private LDAPConnection open(SSLUtil ssl, LDAPConnectionOptions options, boolean ldaps, String host, int port)
            throws LDAPException, GeneralSecurityException, DirectoryException {
        if (ldaps) {
            return new LDAPConnection(ssl.createSSLSocketFactory(), options, host, port);
        }
        LDAPConnection c = new LDAPConnection(options, host, port);
        ExtendedResult r;
        try {
            r = c.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN
                    || e.getResultCode() == ResultCode.TIMEOUT || e.getResultCode() == ResultCode.LOCAL_ERROR) {
                c.close();
                throw e;
            }
            r = new ExtendedResult(e);
        }
        if (r.getResultCode() != ResultCode.SUCCESS) {
            c.close();
            throw new DirectoryException(where() + ": the server refused StartTLS (" + describe(r.getResultCode(), r.getDiagnosticMessage())
                    + "); hvmigrate never binds unencrypted");
        }
        return c;
    }

    /** @param sealed whether the SASL layer seals (ldap:// without TLS) or only authenticates (inside TLS) */
    private BindRequest bindRequest(String host, boolean sealed) throws LDAPException, DirectoryException {
        if (ref.kerberos()) {
            // an empty principal: the ticket cache's own (the operator's kinit or Windows logon)
            GSSAPIBindRequestProperties p = new GSSAPIBindRequestProperties(
                    ref.kerberosPrincipal().isEmpty() ? null : ref.kerberosPrincipal(), (String) null);
            p.setServicePrincipalProtocol("ldap");
            p.setSASLClientServerName(host);
            // Over LDAPS, Active Directory refuses SASL signing or sealing inside TLS: the SASL layer only
            // authenticates, and the Kerberos exchange is bound to the server's certificate (tls-server-end-point),
            // as domain controllers that enforce LDAP channel binding require. Over ldap://, sealing is required.
            if (sealed) {
                p.setAllowedQoP(SASLQualityOfProtection.AUTH_CONF);
            } else {
                p.setAllowedQoP(SASLQualityOfProtection.AUTH);
                p.setChannelBindingType(GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
            }
            String pw = ref.keytab() == null && ref.credential() != null ? password(host) : null;
            if (ref.keytab() != null) {
                p.setUseKeyTab(true);
                p.setKeyTabPath(ref.keytab().toString());
                p.setUseTicketCache(false);
            } else if (pw != null) {
                // the account's password, as the hosts' WinRM account signs in: JGSS asks the KDC for a ticket with it
                p.setPassword(pw);
                p.setUseTicketCache(false);
            } else {
                p.setUseTicketCache(true);
                p.setRequireCachedCredentials(true);
            }
            p.setRefreshKrb5Config(true);
            // the bind's own login is in the Subject it runs in either way; "true" would also be set process-wide, and
            // take the run's Kerberos login (transport.KerberosLogin) away from every WinRM session opened after it
            p.setUseSubjectCredentialsOnly(false);
            return new GSSAPIBindRequest(p);
        }
        return new SimpleBindRequest(ref.user(), password(host));
    }

    private String password(String host) throws DirectoryException {
        String pw;
        try {
            pw = password == null ? null : password.get();
        } catch (IllegalStateException e) {
            throw new DirectoryException(where() + ": " + e.getMessage());
        }
        if (pw == null || pw.isEmpty()) {
            throw new DirectoryException(where() + ": no password for the bind as "
                    + (ref.kerberos() ? ref.kerberosPrincipal() : ref.user()));
        }
        return pw;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------------

    @Override
    public List<DirectoryAccount> computers(List<String> names) throws DirectoryException {
        LDAPConnection c = connection();
        List<DirectoryAccount> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i += BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + BATCH));
            List<Filter> any = new ArrayList<>();
            for (String n : batch) {
                any.add(n.contains(".") ? Filter.createEqualityFilter(DNS_HOST, n) : Filter.createEqualityFilter(SAM, sam(n)));
            }
            List<SearchResultEntry> found = search(c, Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "computer"),
                    Filter.createORFilter(any)));
            for (String n : batch) {
                for (SearchResultEntry e : found) {
                    if (matches(e, n)) {
                        out.add(account(c, n, e));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean matches(SearchResultEntry e, String name) {
        return name.contains(".") ? Names.same(e.getAttributeValue(DNS_HOST), name) : Names.same(e.getAttributeValue(SAM), sam(name));
    }

    private DirectoryAccount account(LDAPConnection c, String asked, SearchResultEntry e) throws DirectoryException {
        List<String> principals = new ArrayList<>();
        byte[] sd = e.getAttributeValueBytes(RBCD);
        if (sd != null) {
            try {
                for (String sid : SecurityDescriptor.allowedSids(sd)) {
                    principals.add(nameOfSid(c, sid).orElse(sid));
                }
            } catch (SecurityDescriptor.Malformed m) {
                throw new DirectoryException(where() + ": " + e.getDN() + ": " + RBCD + " cannot be read: " + m.getMessage());
            }
        }
        return new DirectoryAccount(asked, e.getAttributeValue(SAM), e.getDN(), e.getAttributeValue(DNS_HOST), values(e, SPN),
                values(e, A2D), uac(e), principals, whenChanged(e));
    }

    private static java.time.Instant whenChanged(SearchResultEntry e) {
        String v = e.getAttributeValue(WHEN_CHANGED);
        if (v == null) {
            return null;
        }
        try {
            return com.unboundid.util.StaticUtils.decodeGeneralizedTime(v).toInstant();
        } catch (java.text.ParseException x) {
            return null;
        }
    }

    /**
     * Users by sAMAccountName (the part after {@code DOMAIN\} or before {@code @}): userAccountControl's NOT_DELEGATED
     * ("account is sensitive and cannot be delegated") and memberOf (Protected Users). Users of another domain than
     * the one this server holds are left out: this connection cannot see them.
     */
    @Override
    public List<UserInfo> users(List<AccountRef> users) throws DirectoryException {
        LDAPConnection c = connection();
        List<UserInfo> out = new ArrayList<>();
        for (AccountRef u : users) {
            if (u.domain() != null && domain != null && !Names.same(u.domain(), domain)
                    && !Names.same(u.domain(), domain.split("\\.")[0])) {
                continue;
            }
            List<SearchResultEntry> r = search(c, Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
                    Filter.createEqualityFilter(SAM, u.name())), SAM, UAC, "memberOf");
            if (!r.isEmpty()) {
                SearchResultEntry e = r.getFirst();
                out.add(new UserInfo(u.name(), e.getAttributeValue(SAM), domain, (uac(e) & NOT_DELEGATED) != 0, values(e, "memberOf")));
            }
        }
        return out;
    }

    private Optional<String> nameOfSid(LDAPConnection c, String sid) throws DirectoryException {
        List<SearchResultEntry> r = search(c, Filter.createEqualityFilter(SID, SecurityDescriptor.sid(sid)), SAM);
        return r.isEmpty() ? Optional.empty() : Optional.ofNullable(r.getFirst().getAttributeValue(SAM));
    }

    @Override
    public List<DomainInfo> domains() throws DirectoryException {
        connection();
        return List.of(new DomainInfo(domain, forest != null ? forest : domain));
    }

    @Override
    public List<TrustInfo> trusts() throws DirectoryException {
        LDAPConnection c = connection();
        List<TrustInfo> out = new ArrayList<>();
        for (SearchResultEntry e : search(c, Filter.createEqualityFilter("objectClass", "trustedDomain"),
                "trustPartner", "trustDirection", "trustType", "trustAttributes")) {
            String partner = e.getAttributeValue("trustPartner");
            if (partner != null) {
                out.add(new TrustInfo(domain, partner, intOf(e, "trustDirection"), intOf(e, "trustType"), longOf(e, "trustAttributes")));
            }
        }
        return out;
    }

    @Override
    public Map<String, AccountEntry> accounts(String domainName, List<String> accounts) throws DirectoryException {
        LDAPConnection c = connection();
        requireDomain(domainName, accounts.isEmpty() ? "" : accounts.getFirst());
        Map<String, AccountEntry> out = new LinkedHashMap<>();
        for (String a : accounts) {
            SearchResultEntry e = entry(c, a);
            out.put(Names.key(a), new AccountEntry(e.getAttributeValue(SAM), e.getDN(), uac(e)));
        }
        return out;
    }

    // ---- writes -------------------------------------------------------------------------------------------------------

    @Override
    public List<String> addDelegateTo(String account, String domainName, List<String> spns) throws DirectoryException {
        LDAPConnection c = connection();
        requireDomain(domainName, account);
        SearchResultEntry e = entry(c, account);
        List<String> have = values(e, A2D);
        List<String> missing = new ArrayList<>();
        for (String s : spns) {
            if (have.stream().noneMatch(s::equalsIgnoreCase) && missing.stream().noneMatch(s::equalsIgnoreCase)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            modify(c, e.getDN(), new Modification(ModificationType.ADD, A2D, missing.toArray(String[]::new)));
        }
        return missing;
    }

    @Override
    public List<String> removeDelegateTo(String account, String domainName, List<String> spns) throws DirectoryException {
        LDAPConnection c = connection();
        requireDomain(domainName, account);
        SearchResultEntry e = entry(c, account);
        // the values exactly as the directory holds them
        List<String> present = values(e, A2D).stream().filter(v -> spns.stream().anyMatch(v::equalsIgnoreCase)).toList();
        if (!present.isEmpty()) {
            modify(c, e.getDN(), new Modification(ModificationType.DELETE, A2D, present.toArray(String[]::new)));
        }
        return present;
    }

    @Override
    public boolean allowProtocolTransition(String account, String domainName) throws DirectoryException {
        return accountControl(account, domainName, DirectoryAccount.TRUSTED_TO_AUTH_FOR_DELEGATION, true);
    }

    @Override
    public boolean stopProtocolTransition(String account, String domainName) throws DirectoryException {
        return accountControl(account, domainName, DirectoryAccount.TRUSTED_TO_AUTH_FOR_DELEGATION, false);
    }

    @Override
    public boolean stopUnconstrained(String account, String domainName) throws DirectoryException {
        return accountControl(account, domainName, DirectoryAccount.TRUSTED_FOR_DELEGATION, false);
    }

    private boolean accountControl(String account, String domainName, long bit, boolean on) throws DirectoryException {
        LDAPConnection c = connection();
        requireDomain(domainName, account);
        SearchResultEntry e = entry(c, account);
        long before = uac(e);
        long after = on ? before | bit : before & ~bit;
        if (after == before) {
            return false;
        }
        modify(c, e.getDN(), new Modification(ModificationType.DELETE, UAC, Long.toString(before)),
                new Modification(ModificationType.ADD, UAC, Long.toString(after)));
        return true;
    }

    @Override
    public List<String> addPrincipals(String account, String domainName, List<PrincipalRef> principals) throws DirectoryException {
        LDAPConnection c = connection();
        requireDomain(domainName, account);
        SearchResultEntry target = entry(c, account);
        Map<String, String> sids = new LinkedHashMap<>();
        for (PrincipalRef p : principals) {
            requireDomain(p.domain(), p.account());
            SearchResultEntry pe = entry(c, p.account());
            byte[] sid = pe.getAttributeValueBytes(SID);
            if (sid == null) {
                throw new DirectoryException(where() + ": " + p.account() + " has no objectSid that this account may read");
            }
            sids.put(SecurityDescriptor.sidAt(sid, 0), pe.getAttributeValue(SAM));
        }
        byte[] before = target.getAttributeValueBytes(RBCD);
        List<String> have;
        byte[] after;
        try {
            have = before == null ? List.of() : SecurityDescriptor.allowedSids(before);
            after = SecurityDescriptor.merge(before, List.copyOf(sids.keySet()));
        } catch (SecurityDescriptor.Malformed m) {
            throw new DirectoryException(where() + ": " + target.getDN() + ": " + RBCD + " cannot be read (" + m.getMessage()
                    + "); hvmigrate does not overwrite it");
        }
        List<String> added = sids.entrySet().stream().filter(s -> have.stream().noneMatch(h -> h.equalsIgnoreCase(s.getKey())))
                .map(Map.Entry::getValue).toList();
        if (added.isEmpty()) {
            return added;
        }
        if (before == null) {
            modify(c, target.getDN(), new Modification(ModificationType.ADD, RBCD, after));
        } else {
            modify(c, target.getDN(), new Modification(ModificationType.DELETE, RBCD, before),
                    new Modification(ModificationType.ADD, RBCD, after));
        }
        return added;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private void requireDomain(String wanted, String account) throws DirectoryException {
        if (wanted != null && domain != null && !Names.same(wanted, domain)) {
            throw new DirectoryException(where() + " holds " + domain + ", not " + wanted + " (the domain of " + account + ")");
        }
    }

    private SearchResultEntry entry(LDAPConnection c, String account) throws DirectoryException {
        List<SearchResultEntry> r = search(c, Filter.createEqualityFilter(SAM, sam(account)));
        if (r.isEmpty()) {
            throw new DirectoryException(where() + ": no account " + sam(account) + " under " + base);
        }
        return r.getFirst();
    }

    private List<SearchResultEntry> search(LDAPConnection c, Filter filter, String... attributes) throws DirectoryException {
        try {
            SearchResult r = c.search(base.toString(), SearchScope.SUB, filter, attributes.length == 0 ? ACCOUNT_ATTRIBUTES : attributes);
            return r.getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw new DirectoryException(where() + ": search " + filter + ": " + describe(e), e);
        }
    }

    private void modify(LDAPConnection c, String dn, Modification... mods) throws DirectoryException {
        try {
            c.modify(dn, mods);
        } catch (LDAPException e) {
            String why = e.getResultCode() == ResultCode.NO_SUCH_ATTRIBUTE
                    ? " (the account changed since it was read; nothing was written: run again)" : "";
            throw new DirectoryException(where() + ": modify " + dn + ": " + describe(e) + why, e);
        }
    }

    /** The sAMAccountName of a computer: its NetBIOS name with a {@code $}; a DNS name gives its first label. */
    static String sam(String name) {
        String n = name.contains(".") ? Names.netbiosOf(name) : name;
        return n.endsWith("$") ? n.toUpperCase(Locale.ROOT) : n.toUpperCase(Locale.ROOT) + "$";
    }

    private static List<String> values(SearchResultEntry e, String attribute) {
        String[] v = e.getAttributeValues(attribute);
        return v == null ? List.of() : List.of(v);
    }

    private static long uac(SearchResultEntry e) {
        return longOf(e, UAC);
    }

    private static long longOf(SearchResultEntry e, String a) {
        Attribute at = e.getAttribute(a);
        return at == null || at.getValue() == null ? 0 : Long.parseLong(at.getValue().trim());
    }

    private static int intOf(SearchResultEntry e, String a) {
        return (int) longOf(e, a);
    }

    /** {@code DC=lab,DC=test} → {@code lab.test}. */
    static String dnsName(DN dn) {
        List<String> labels = new ArrayList<>();
        for (RDN r : dn.getRDNs()) {
            if (r.hasAttribute("dc")) {
                labels.add(r.getAttributeValues()[0]);
            }
        }
        return labels.isEmpty() ? dn.toString() : String.join(".", labels).toLowerCase(Locale.ROOT);
    }

    private static boolean isAddress(String host) {
        return host != null && (host.contains(":") || host.matches("[0-9.]+"));
    }

    /**
     * A failed Kerberos (GSSAPI) bind, said so that the user knows what to fix: JGSS buries the KDC's answer in a
     * chain of LoginException, GSSException and KrbException texts.
     */
    static String kerberosFailure(LDAPException e, String principal, Path keytab, String host) {
        return kerberosFailure(e, principal, keytab, host, false);
    }

    /** @param withPassword whether the ticket was asked for with the account's password (neither keytab nor cache) */
    static String kerberosFailure(LDAPException e, String principal, Path keytab, String host, boolean withPassword) {
        StringBuilder all = new StringBuilder(String.valueOf(e.getMessage())).append(' ').append(e.getDiagnosticMessage());
        for (Throwable t = e.getCause(); t != null && all.length() < 20_000; t = t.getCause()) {
            all.append(' ').append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        String text = all.toString();
        String lower = text.toLowerCase(Locale.ROOT);
        if (principal == null || principal.isEmpty()) {
            principal = "the ticket cache's principal";
        }
        String realm = principal.contains("@") ? principal.substring(principal.indexOf('@') + 1) : "the default realm";
        String from = keytab != null ? "the keytab " + keytab : "the ticket cache";
        String why;
        if (lower.contains("clock skew")) {
            why = "clock skew: this machine's clock and the KDC's differ by more than the KDC allows (5 minutes by default); synchronise the clocks";
        } else if (lower.contains("cannot contact any kdc") || lower.contains("cannot locate kdc") || lower.contains("connection refused")
                || lower.contains("receive timed out")) {
            why = "no KDC answered for " + realm + " (the KDC comes from /etc/krb5.conf, or -Djava.security.krb5.conf in HVMIGRATE_JAVA_OPTS)";
        } else if (lower.contains("client not found")) {
            why = "the KDC does not know " + principal;
        } else if (lower.contains("server not found")) {
            why = "the KDC has no service principal ldap/" + host + ": give the domain controller's name in directory.url as its "
                    + "SPNs spell it (ldap/<dc fqdn>)";
        } else if (withPassword && (lower.contains("pre-authentication information was invalid") || lower.contains("checksum failed")
                || lower.contains("integrity check"))) {
            why = "the KDC refused the password of " + principal + " (wrong, expired, or the account is locked)";
        } else if (lower.contains("pre-authentication information was invalid") || lower.contains("checksum failed")
                || lower.contains("integrity check")) {
            why = from + " does not hold " + principal + "'s current key (a wrong keytab, or the account's password changed since it was exported)";
        } else if (lower.contains("unable to obtain password") || lower.contains("no password was provided") || lower.contains("no key")
                || lower.contains("cannot find key")
                || lower.contains("unable to obtain princ")) {
            why = keytab != null ? "the keytab " + keytab + " has no key for " + principal
                    : "no ticket for " + principal + " in the ticket cache (kinit first, or give a keytab)";
        } else if (lower.contains("sign or seal are required")) {
            why = "the server refuses a Kerberos bind inside TLS that is not signed or sealed (Samba's default "
                    + "\"ldap server require strong auth = yes\"): give directory.url as ldap://" + host
                    + ", where the Kerberos bind seals the connection itself";
        } else if (lower.contains("strong") && lower.contains("auth")) {
            why = "the server wants a stronger authentication than it was offered: " + describe(e);
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = e.getResultCode() + (root != e && root.getMessage() != null ? ": " + root.getMessage()
                    : e.getDiagnosticMessage() != null ? ": " + e.getDiagnosticMessage() : "");
        }
        return "Kerberos bind as " + principal + " failed: " + why;
    }

    private static String describe(LDAPException e) {
        return describe(e.getResultCode(), e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getExceptionMessage());
    }

    private static String describe(ResultCode code, String diagnostic) {
        return code + (diagnostic == null || diagnostic.isBlank() ? "" : ": " + diagnostic);
    }
}
