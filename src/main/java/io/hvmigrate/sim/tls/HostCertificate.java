package io.hvmigrate.sim.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * A host's server certificate and its private key, issued by a {@link FleetCertificateAuthority}.
 *
 * @param fqdn        the host name the certificate was issued for
 * @param privateKey  the host's key; it never leaves memory
 * @param certificate the server certificate
 * @param issuer      the fleet CA certificate that signed it (sent as the second element of the chain)
 */
public record HostCertificate(String fqdn, PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

    public HostCertificate {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** An SSL context that presents this certificate (with its CA) as a TLS server. */
    public SSLContext serverSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new HostKeyManager(this)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS server context for " + fqdn, e);
        }
    }

    /**
     * The {@code tls-server-end-point} channel binding of this certificate (RFC 5929 section 4.1): its hash with the
     * certificate's signature hash, SHA-256 when that is MD5 or SHA-1. NTLM clients put it in their response so that
     * a relayed authentication fails.
     */
    public byte[] tlsServerEndPoint() {
        String algorithm = switch (certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT)) {
            case String s when s.startsWith("SHA384") -> "SHA-384";
            case String s when s.startsWith("SHA512") -> "SHA-512";
            default -> "SHA-256";
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the certificate of " + fqdn, e);
        }
    }

    /** The chain as a server sends it. */
    public List<X509Certificate> chain() {
        return List.of(certificate, issuer);
    }

    /** The DER encoding of the server certificate. */
    public byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        // the key stays out of logs and messages
        return "HostCertificate[" + fqdn + ", " + certificate.getSubjectX500Principal() + "]";
    }
}
