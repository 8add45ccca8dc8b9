package io.hvmigrate.transport;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Checks that the server certificate names the host the inventory means, its FQDN, whatever the connection's target:
 * the inventory's {@code address} only says where to connect, so a stale IP, a copy-paste slip or a DNS alias would
 * otherwise reach another host of the same CA and be trusted. The names are the certificate's DNS subject alternative
 * names, or its subject CN when it has none (RFC 6125 §6.4.4), matched without case, a wildcard standing for exactly
 * one leftmost label. An IP address SAN is an accepted extra in a certificate, never the identity: a certificate that
 * names only the address does not pass.
 *
 * <p>One per session: when it refuses a certificate, it keeps the names the certificate gave, so the failure can say
 * which host answered ({@link #refusal}).
 */
final class ExpectedHost implements HostnameVerifier {
    private static final int DNS_NAME = 2;

    private final String host;
    private final String fqdn;
    private final String target;
    private final AtomicReference<List<String>> refused = new AtomicReference<>();

    /**
     * @param host   the inventory name, for messages
     * @param fqdn   the name the certificate must carry
     * @param target where the connection goes ({@code address:port}), for messages
     */
    ExpectedHost(String host, String fqdn, String target) {
        this.host = host;
        this.fqdn = fqdn;
        this.target = target;
    }

    @Override
    public boolean verify(String connectedTo, SSLSession session) {
        List<String> names;
        try {
            Certificate[] chain = session.getPeerCertificates();
            names = chain.length > 0 && chain[0] instanceof X509Certificate x ? names(x) : List.of();
        } catch (SSLPeerUnverifiedException e) {
            names = List.of();
        }
        if (names.stream().anyMatch(n -> matches(n, fqdn))) {
            return true;
        }
        refused.set(names);
        return false;
    }

    /**
     * Why the certificate was refused, as the failure the session reports, or empty when it was not: {@link
     * TransportException.Kind#WRONG_HOST} when it names another host (what the host says it is, in
     * {@link TransportException#answeredAs()}), {@link TransportException.Kind#TLS} when it names none.
     */
    Optional<TransportException> refusal(Throwable cause) {
        List<String> names = refused.get();
        if (names == null) {
            return Optional.empty();
        }
        Optional<String> other = names.stream().filter(n -> n.contains(".") && !n.startsWith("*")).findFirst();
        if (other.isPresent()) {
            return Optional.of(new TransportException(TransportException.Kind.WRONG_HOST, host, "the host at " + target
                    + " presented a certificate for " + String.join(", ", names) + ", not for " + fqdn
                    + " (the inventory's fqdn): the address reaches another host", cause, other.get()));
        }
        return Optional.of(new TransportException(TransportException.Kind.TLS, host, "TLS failed: the certificate presented at "
                + target + " does not name " + fqdn + (names.isEmpty() ? " (it names no host)" : " (it names " + String.join(", ", names) + ")")
                + "; an IP address in a certificate is not the host's identity", cause));
    }

    /** The DNS names of a certificate: its DNS SANs, or its subject CN when it has none. */
    static List<String> names(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer type && type == DNS_NAME && san.get(1) instanceof String s) {
                        dns.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (!dns.isEmpty()) {
            return List.copyOf(dns);
        }
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    dns.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return List.copyOf(dns);
    }

    /** A certificate name against a host name: equal without case, or {@code *.rest} for one label before rest. */
    static boolean matches(String name, String fqdn) {
        String n = name.toLowerCase(Locale.ROOT);
        String h = fqdn.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (n.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && n.substring(2).contains(".") && h.substring(dot + 1).equals(n.substring(2));
        }
        return n.equals(h);
    }
}
