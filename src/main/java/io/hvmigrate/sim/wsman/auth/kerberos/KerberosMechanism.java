package io.hvmigrate.sim.wsman.auth.kerberos;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
import io.hvmigrate.sim.wsman.auth.Account;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import io.hvmigrate.sim.wsman.auth.ChannelBinding;
import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.NegotiateAcceptor;
import io.hvmigrate.sim.wsman.auth.NegotiateMechanism;
import io.hvmigrate.sim.wsman.auth.NegotiateStep;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Kerberos as the WinRM service accepts it: a Kerberos AP-REQ (the raw GSS-API token of {@code Authorization:
 * Kerberos}, or one wrapped in SPNEGO under {@code Negotiate}) for the host's {@code HTTP/<fqdn>} service principal,
 * decrypted with that principal's key from a keytab the KDC issued. The JDK's GSS-API does the cryptography; the
 * client's principal ({@code alice@LAB.TEST}) becomes the domain account {@code LAB\alice}, which must exist.
 *
 * <p>Nothing here talks to the KDC: as on Windows, the service only needs its own key. A ticket the KDC did not issue
 * for this principal, an expired one or a replayed one is refused by GSS-API.
 */
public final class KerberosMechanism implements NegotiateMechanism {
    /** RFC 1964 Kerberos V5 GSS-API mechanism. */
    private static final byte[] KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    /** Microsoft's legacy Kerberos OID (1.2.840.48018.1.2.2), which Windows clients list first in SPNEGO. */
    private static final byte[] MS_KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    /** SPNEGO (1.3.6.1.5.5.2), the mechanism of a {@code Negotiate} token that wraps Kerberos. */
    private static final byte[] SPNEGO_OID = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    private static final Oid KRB5;
    private static final Oid SPNEGO;
    private static final Oid KRB5_PRINCIPAL_NAME;

    static {
        try {
            KRB5 = new Oid("1.2.840.113554.1.2.2");
            SPNEGO = new Oid("1.3.6.1.5.5.2");
            KRB5_PRINCIPAL_NAME = new Oid("1.2.840.113554.1.2.2.1");
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KerberosPrincipal service;
    private final Subject subject;
    private final AccountStore accounts;
    private final Function<String, Optional<String>> netbiosOfRealm;

    /**
     * @param service        the host's service principal, {@code HTTP/hv1.lab.test@LAB.TEST}
     * @param keytab         the keytab holding its keys
     * @param accounts       the domain accounts clients may be
     * @param netbiosOfRealm the NetBIOS domain of a realm ({@code LAB.TEST → LAB}), empty for realms the host does not trust
     */
    public KerberosMechanism(KerberosPrincipal service, KeyTab keytab, AccountStore accounts,
                             Function<String, Optional<String>> netbiosOfRealm) {
        this.service = Objects.requireNonNull(service, "service");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.netbiosOfRealm = Objects.requireNonNull(netbiosOfRealm, "netbiosOfRealm");
        if (keytab.getKeys(service).length == 0) {
            throw new IllegalArgumentException("the keytab holds no key for " + service.getName());
        }
        this.subject = new Subject(true, Set.of(service), Set.of(), Set.of(keytab));
    }

    /** Whether the keytab holds keys for this principal. */
    public static boolean holds(KeyTab keytab, KerberosPrincipal principal) {
        return keytab.exists() && keytab.getKeys(principal).length > 0;
    }

    public String servicePrincipal() {
        return service.getName();
    }

    @Override
    public boolean recognizes(byte[] firstToken) {
        // an InitialContextToken (0x60) naming Kerberos, directly or among SPNEGO's mechanism types
        return firstToken.length > 16 && firstToken[0] == 0x60
                && (contains(firstToken, KRB5_OID) || contains(firstToken, MS_KRB5_OID));
    }

    @Override
    public NegotiateAcceptor newAcceptor(ChannelBinding binding) {
        return new Acceptor();
    }

    private final class Acceptor implements NegotiateAcceptor {
        private GSSContext context;
        private boolean spnego;

        @Override
        public NegotiateStep step(byte[] token) {
            try {
                return Subject.callAs(subject, () -> accept(token));
            } catch (java.util.concurrent.CompletionException e) {
                return new NegotiateStep.Rejected("Kerberos: " + rootMessage(e));
            }
        }

        private NegotiateStep accept(byte[] token) throws GSSException {
            try {
                if (context == null) {
                    spnego = contains(token, SPNEGO_OID);
                    GSSManager manager = GSSManager.getInstance();
                    GSSName name = manager.createName(service.getName(), KRB5_PRINCIPAL_NAME);
                    GSSCredential credential = manager.createCredential(name, GSSCredential.INDEFINITE_LIFETIME,
                            new Oid[] {KRB5, SPNEGO}, GSSCredential.ACCEPT_ONLY);
                    context = manager.createContext(credential);
                }
                byte[] out = context.acceptSecContext(token, 0, token.length);
                if (!context.isEstablished()) {
                    return new NegotiateStep.Continue(out == null ? new byte[0] : out);
                }
                String client = context.getSrcName().toString();
                Optional<Account> account = account(client);
                if (account.isEmpty()) {
                    context.dispose();
                    return new NegotiateStep.Rejected("Kerberos: no account for " + client);
                }
                // the context stays with the connection: it seals the messages of a client that asked for
                // confidentiality (WinRM over HTTP); over HTTPS it is simply never used
                Optional<MessageSealing> sealing = context.getConfState()
                        ? Optional.of(new KerberosSealing(context, spnego)) : Optional.empty();
                if (sealing.isEmpty()) {
                    context.dispose();
                }
                return new NegotiateStep.Accepted(account.get(), AuthMethod.KERBEROS, sealing,
                        Optional.ofNullable(out).filter(t -> t.length > 0));
            } catch (GSSException e) {
                if (context != null) {
                    context.dispose();
                }
                return new NegotiateStep.Rejected("Kerberos: " + e.getMessage());
            }
        }
    }

    private Optional<Account> account(String principal) {
        int at = principal.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String user = principal.substring(0, at);
        if (user.contains("/")) {
            return Optional.empty(); // a service principal is not a user who may open a shell
        }
        return netbiosOfRealm.apply(principal.substring(at + 1).toUpperCase(Locale.ROOT))
                .flatMap(domain -> accounts.find(domain, user));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= Math.min(haystack.length, 128); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Kerberos[" + service.getName() + "]";
    }
}
