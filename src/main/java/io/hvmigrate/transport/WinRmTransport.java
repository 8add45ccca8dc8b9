package io.hvmigrate.transport;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.model.Inventory.HostEndpoint;
import io.hvmigrate.powershell.StepScript;
import io.hvmigrate.transport.sealed.SealedHttp;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.xml.ws.soap.SOAPFaultException;
import org.apache.http.client.config.AuthSchemes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WinRM4J transport. One {@link WinRmClientContext} for the whole process; each session is one WinRM client with
 * one remote shell that runs the session's scripts one after another (one Create, then Command/Receive/Signal per
 * script, one Delete at the end). Over HTTPS the payload is not encrypted a second time (WinRM4J's message encryption
 * is unreliable, and TLS already protects it); certificates are verified, and must name the host's FQDN from the
 * inventory, never merely its address ({@link ExpectedHost}). Over plain HTTP (WinRM's default listener) every message
 * is sealed by the connection's own Kerberos or NTLM context ({@link SealedHttp}); none leaves unencrypted.
 */
public final class WinRmTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(WinRmTransport.class);

    /** Engine settings of the transport. */
    public record Settings(Duration operationTimeout, Duration connectTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    private final WinRmClientContext context = WinRmClientContext.newInstance();
    private final Inventory inventory;
    private final Secrets secrets;
    private final Settings settings;
    private final SSLContext sslContext;
    private final List<String> warnings = new ArrayList<>();
    private final AtomicLong clients = new AtomicLong();
    private SealedHttp sealedHttp;

    public WinRmTransport(Inventory inventory, Secrets secrets, Settings settings) throws IOException, GeneralSecurityException {
        this.inventory = inventory;
        this.secrets = secrets;
        this.settings = settings;
        this.sslContext = TrustMaterial.sslContext(inventory.caFile());
        for (HostEndpoint h : inventory.hosts()) {
            if (h.transport() == Inventory.Transport.HTTPS && h.skipCertificateCheck()) {
                warnings.add("the certificate of " + h.name() + " is NOT verified (insecureSkipCertificateCheck in " + inventory.file()
                        + "): anyone on the path can impersonate it");
            }
        }
    }

    /**
     * WinRM4J clients made so far, one per session: each builds its own CXF service from WinRM4J's WSDL (WinRM4J gives
     * no way to share one), connects, shakes hands over TLS and authenticates — the set-up a session's reuse saves.
     */
    public long clientsBuilt() {
        return clients.get();
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public HostSession open(HostEndpoint host) throws TransportException {
        // plain HTTP: every message sealed with the connection's Kerberos or NTLM keys, as WinRM's default listener wants
        boolean sealed = host.transport() == Inventory.Transport.HTTP;
        String password = null;
        boolean keytab = host.credential() != null && host.credential().source() == io.hvmigrate.model.CredentialRef.Source.KEYTAB;
        if (host.credential() != null && !keytab) {
            try {
                password = secrets.read(host.credential());
            } catch (Secrets.Missing e) {
                throw new TransportException(TransportException.Kind.AUTHENTICATION, host.name(), e.getMessage(), null);
            }
        }
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        WinRmClientBuilder b = WinRmClient.builder(url(host))
                .context(context)
                .operationTimeout(settings.operationTimeout().toMillis())
                .receiveTimeout(settings.operationTimeout().toMillis() + 30_000)
                .connectionTimeout(settings.connectTimeout().toMillis())
                .retryReceiveAfterOperationTimeout(code -> System.nanoTime() < deadline.get())
                .failureRetryPolicy(WinRmClientBuilder.simpleCounterRetryPolicy(2));
        String user = host.user();
        SealedHttp.Login login = null;
        if (host.auth() == Inventory.Auth.NTLM) {
            int slash = user == null ? -1 : user.indexOf('\\');
            String domain = slash < 0 ? null : user.substring(0, slash);
            String name = slash < 0 ? user : user.substring(slash + 1);
            if (sealed && (user == null || password == null)) {
                throw new TransportException(TransportException.Kind.AUTHENTICATION, host.name(),
                        "auth: ntlm needs the account (user: DOMAIN\\user) and its password (credential: env:NAME or file:PATH)", null);
            }
            if (sealed) {
                // the channel authenticates; WinRM4J never sees the password
                login = SealedHttp.Login.ntlm(user, password);
                b.authenticationScheme(AuthSchemes.NTLM).credentials(domain, name, "");
            } else {
                b.authenticationScheme(AuthSchemes.NTLM).credentials(domain, name, password);
            }
        } else {
            login = SealedHttp.Login.kerberos(host.fqdn());
            b.authenticationScheme(AuthSchemes.KERBEROS);
            String principal = user == null ? null : kerberosPrincipal(user, host.fqdn());
            KerberosLogin.Source source = keytab ? new KerberosLogin.Keytab(java.nio.file.Path.of(host.credential().target()))
                    : password != null ? new KerberosLogin.Password(password) : new KerberosLogin.TicketCache();
            try {
                // one TGT for the run; each host then asks only for its HTTP/<fqdn> service ticket
                String as = KerberosLogin.ensure(principal, source);
                // the Kerberos scheme takes the login's ticket from JGSS; HttpClient wants a (here unused) credential
                b.credentials(as, "");
            } catch (KerberosLogin.OtherIdentity e) {
                if (password == null || sealed) {
                    throw new TransportException(TransportException.Kind.AUTHENTICATION, host.name(), e.getMessage(), null);
                }
                // another account than the run's login: its own AS exchange, for this host only
                b.credentials(principal, password).requestNewKerberosTicket(true);
            } catch (javax.security.auth.login.LoginException e) {
                throw new TransportException(TransportException.Kind.AUTHENTICATION, host.name(),
                        kerberosProblem(e, principal, source), e);
            }
        }
        ExpectedHost expected = null;
        if (host.transport() == Inventory.Transport.HTTPS) {
            b.payloadEncryptionMode(PayloadEncryptionMode.OFF);
            if (host.skipCertificateCheck()) {
                b.disableCertificateChecks(true);
            } else {
                // the certificate must name the inventory's FQDN; the address is only where the connection goes
                expected = new ExpectedHost(host.name(), host.fqdn(), target(host));
                b.sslContext(sslContext).hostnameVerifier(expected);
            }
        } else {
            // every message sealed by the connection's own Kerberos or NTLM context (SealedHttp), none by WinRM4J
            b.payloadEncryptionMode(PayloadEncryptionMode.OFF).context(sealedHttp());
        }
        WinRmClient client;
        ShellCommand shell;
        try {
            client = sealed ? sealedHttp.build(b, host.address(), host.port(), login) : b.build();
            clients.incrementAndGet();
            shell = client.createShell();
        } catch (RuntimeException e) {
            throw classify(host.name(), e, false, false, expected);
        }
        Session session = new Session(host.name(), client, shell, deadline, expected);
        session.refuseIfAnotherHostAnswered(null);
        return session;
    }

    /** {@code address:port}, an IPv6 address in brackets. */
    private static String target(HostEndpoint h) {
        String address = h.address().contains(":") && !h.address().startsWith("[") ? "[" + h.address() + "]" : h.address();
        return address + ":" + h.port();
    }

    private static java.net.URL url(HostEndpoint h) {
        String scheme = h.transport() == Inventory.Transport.HTTPS ? "https" : "http";
        try {
            return java.net.URI.create(scheme + "://" + target(h) + "/wsman").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("no URL for " + h.name(), e);
        }
    }

    /** {@code powershell -EncodedCommand}: the script as base64 of its UTF-16LE bytes, as Windows expects it. */
    static String commandLine(StepScript script) {
        return "powershell -NoProfile -NonInteractive -EncodedCommand "
                + Base64.getEncoder().encodeToString(script.text().getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Decides what a failure means: a certificate the session's {@link ExpectedHost} refused first (the connection
     * never carried a request), then as {@link #classify(String, Throwable, boolean, boolean)}.
     */
    private static TransportException classify(String host, Throwable e, boolean commandSent, boolean accepted, ExpectedHost expected) {
        return (expected == null ? java.util.Optional.<TransportException>empty() : expected.refusal(e))
                .orElseGet(() -> classify(host, e, commandSent, accepted));
    }

    /** Decides what a failure means; {@code commandSent} says whether the Command request may have reached the host. */
    static TransportException classify(String host, Throwable e, boolean commandSent) {
        return classify(host, e, commandSent, false);
    }

    /**
     * Decides what a failure means. {@code accepted}: the host had answered the Command request (the command runs
     * there), and the failure came on a later Receive — whatever it is (an HTTP 401, a 500, a lost answer), the
     * command's outcome is unknown: it was not refused, it may run on and end either way.
     */
    static TransportException classify(String host, Throwable e, boolean commandSent, boolean accepted) {
        if (accepted) {
            TransportException cause = classify(host, e, true, false);
            String what = cause.detail();
            return new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, host,
                    "the host had accepted the command, then " + what + ": its outcome is unknown", e);
        }
        String all = chain(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (all.contains("401") || all.toLowerCase(Locale.ROOT).contains("unauthorized") || all.contains("Authorization loop")) {
            return new TransportException(TransportException.Kind.AUTHENTICATION, host, "the host refused the credentials (HTTP 401)", e);
        }
        if (hasCause(e, javax.security.auth.login.LoginException.class) || hasCause(e, org.ietf.jgss.GSSException.class)
                || all.contains("KrbException")) {
            return new TransportException(TransportException.Kind.AUTHENTICATION, host, kerberosProblem(kdcError(e, root)), e);
        }
        if (hasCause(e, SSLException.class) || hasCause(e, java.security.cert.CertificateException.class)) {
            return new TransportException(TransportException.Kind.TLS, host, "TLS failed: " + root.getMessage(), e);
        }
        if (!commandSent) {
            SOAPFaultException f = cause(e, SOAPFaultException.class);
            if (f != null) {
                return new TransportException(TransportException.Kind.REJECTED, host, "the host refused the request (WS-Management fault: "
                        + f.getMessage().strip() + ")", e);
            }
            return new TransportException(TransportException.Kind.NOT_SENT, host, "cannot connect: " + root.getMessage(), e);
        }
        return new TransportException(TransportException.Kind.OUTCOME_UNKNOWN, host,
                "the command was sent but its end was not received: " + root.getMessage(), e);
    }

    /**
     * The principal Kerberos logs in as: {@code user@REALM} as written, or, for {@code DOMAIN\\user}, the user in the
     * realm of the host's DNS domain ({@code LAB\\svc} for {@code hv1.lab.test} is {@code svc@LAB.TEST}), which is the
     * account's realm whenever the host and the account are in one domain, as they are for live migration.
     */
    static String kerberosPrincipal(String user, String hostFqdn) {
        int slash = user.indexOf('\\');
        if (slash < 0) {
            return user;
        }
        int dot = hostFqdn.indexOf('.');
        String realm = dot < 0 ? user.substring(0, slash) : hostFqdn.substring(dot + 1);
        return user.substring(slash + 1) + "@" + realm.toUpperCase(Locale.ROOT);
    }

    /** A failed login of the run's Kerberos identity, said with where its key was to come from. */
    static String kerberosProblem(javax.security.auth.login.LoginException e, String principal, KerberosLogin.Source source) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage()) + " " + e.getMessage();
        String who = principal == null ? "the ticket cache's principal" : principal;
        return switch (source) {
            case KerberosLogin.TicketCache c when m.contains("Unable to obtain Principal Name") || m.contains("Unable to obtain password")
                    || m.contains("No LoginModules") || m.contains("cannot find") ->
                    "Kerberos authentication failed: no ticket for " + who + " in the ticket cache (KRB5CCNAME, or the "
                            + "default cache): kinit first, or give the hosts a credential (keytab:PATH, env:NAME, file:PATH)";
            case KerberosLogin.TicketCache c when m.contains("expired") || m.contains("(32)") ->
                    "Kerberos authentication failed: the ticket in the ticket cache has expired: kinit again";
            case KerberosLogin.Keytab k when m.contains("Unable to obtain password") || m.contains("no key") || m.contains("Cannot find key")
                    || m.contains("not exist") || m.contains("cannot be") ->
                    "Kerberos authentication failed: the keytab " + k.file() + " holds no key for " + who
                            + " (klist -k " + k.file() + " lists what it holds)";
            default -> kerberosProblem(root);
        };
    }

    /**
     * The KDC's answer in a failure: the outermost {@code KrbException}, which carries the KDC's error code. Its own
     * cause is often the JDK's first attempt to read that error as a ticket ("Identifier doesn't match expected value
     * (906)"), which says nothing about what went wrong.
     */
    static Throwable kdcError(Throwable e, Throwable root) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("KrbException")) {
                return t;
            }
        }
        return root;
    }

    /** What a Kerberos failure means for the user, from the KDC's error code where there is one (RFC 4120 §7.5.9). */
    static String kerberosProblem(Throwable root) {
        String m = String.valueOf(root.getMessage());
        String hint;
        if (m.contains("(24)") || m.contains("(906)") || m.contains("Integrity check on decrypted field failed")) {
            hint = "the KDC did not accept the password (wrong password for the user in the inventory?)";
        } else if (m.contains("(6)")) {
            hint = "the KDC does not know the user: write it as user@REALM (svc-hvmigrate@LAB.TEST)";
        } else if (m.contains("(7)")) {
            hint = "the KDC knows no HTTP/<host> service principal for this host: check its name in the inventory"
                    + " (fqdn) and the host's SPNs (setspn -L)";
        } else if (m.contains("(18)")) {
            hint = "the user's account is disabled or locked out";
        } else if (m.contains("(23)")) {
            hint = "the user's password has expired";
        } else if (m.contains("(37)") || m.toLowerCase(Locale.ROOT).contains("clock skew")) {
            hint = "this machine's clock differs from the KDC's by more than the allowed skew";
        } else if (m.contains("Cannot locate KDC") || m.contains("Cannot get kdc") || m.contains("Unable to locate KDC")
                || m.contains("Receive timed out") || m.contains("Connection refused")) {
            hint = "no KDC answered for the realm: check krb5.conf (-Djava.security.krb5.conf or /etc/krb5.conf)";
        } else {
            hint = "check the user (user@REALM), its password, and krb5.conf";
        }
        return "Kerberos authentication failed: " + hint + " (" + m + ")";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** The WinRM4J context of hosts reached over HTTP with message encryption, made on first use. */
    private synchronized WinRmClientContext sealedHttp() {
        if (sealedHttp == null) {
            sealedHttp = new SealedHttp();
        }
        return sealedHttp.context();
    }

    @Override
    public void close() {
        context.shutdown();
        synchronized (this) {
            if (sealedHttp != null) {
                sealedHttp.close();
            }
        }
    }

    private static final class Session implements HostSession {
        private final String host;
        private final WinRmClient client;
        private final ShellCommand shell;
        private final AtomicLong deadline;
        private final ExpectedHost expected;

        Session(String host, WinRmClient client, ShellCommand shell, AtomicLong deadline, ExpectedHost expected) {
            this.host = host;
            this.client = client;
            this.shell = shell;
            this.deadline = deadline;
            this.expected = expected;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        @SuppressWarnings("deprecation")
        public RemoteOutput run(StepScript script, Duration limit) throws TransportException {
            deadline.set(System.nanoTime() + limit.toNanos());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            refuseIfAnotherHostAnswered(null);
            try {
                int code = shell.execute(commandLine(script), out, err);
                return new RemoteOutput(code, out.toString(), CliXml.readable(err.toString()));
            } catch (RuntimeException e) {
                // No Receive yet: the failure was on the Command request itself. A WS-Management fault in answer to it
                // (HTTP 500, which WinRM4J hands back wrapped) means the host refused the command: it never started, so
                // even a step that must not run twice may be sent again. Only a lost answer leaves its fate unknown.
                boolean accepted = shell.getNumberOfReceiveCalls() > 0;
                boolean sent = accepted || !(hasCause(e, ConnectException.class) || hasCause(e, SOAPFaultException.class));
                TransportException t = classify(host, e, sent, accepted, expected);
                LOG.debug("{} failed: {}", host, t.getMessage());
                throw t;
            } finally {
                deadline.set(Long.MAX_VALUE);
            }
        }

        /**
         * Once a connection of this session met a certificate that does not name the host, the session is not used
         * again, even when WinRM4J's retry then got through on a connection that was not checked (one its pool opened
         * to the same address for another inventory entry).
         */
        void refuseIfAnotherHostAnswered(Throwable cause) throws TransportException {
            if (expected != null) {
                java.util.Optional<TransportException> refused = expected.refusal(cause);
                if (refused.isPresent()) {
                    close();
                    throw refused.get();
                }
            }
        }

        @Override
        public void close() {
            try {
                shell.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the shell on {}: {}", host, e.toString());
            } finally {
                client.close();
            }
        }
    }
}
