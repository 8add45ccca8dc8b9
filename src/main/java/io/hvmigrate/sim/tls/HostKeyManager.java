package io.hvmigrate.sim.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands one host's key and chain to the TLS server straight from memory. A PKCS12 key store would do the same, but it
 * encrypts the key on the way in and decrypts it on the way out with 10,000 PBKDF2 rounds each: for a fleet of 18
 * HTTPS endpoints that was most of the CPU of starting {@code hvmigrate sim}.
 */
final class HostKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "host";

    private final HostCertificate host;

    HostKeyManager(HostCertificate host) {
        this.host = host;
    }

    /**
     * Whether JSSE's key type asks for this key: the key algorithm ({@code EC}), or key and signer algorithm joined
     * ({@code EC_EC}) for the TLS 1.2 suites that name the certificate's signature too.
     */
    private boolean fits(String keyType) {
        String key = host.privateKey().getAlgorithm();
        String signer = host.issuer().getPublicKey().getAlgorithm();
        return keyType != null && (keyType.equals(key) || keyType.equals(key + "_" + signer));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? host.chain().toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? host.privateKey() : null;
    }

    /** A server presents a certificate; it never authenticates as a client. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
