package io.hvmigrate.sim.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;

/**
 * The certificate authority of one simulated fleet. It issues a server certificate per host whose subject alternative
 * names hold every name a client may use for that host (FQDN, NetBIOS name, {@code localhost}, {@code 127.0.0.1},
 * {@code ::1} and any extra loopback address the host listens on), so clients can validate certificates normally
 * instead of disabling the checks.
 *
 * <pre>{@code
 * FleetCertificateAuthority ca = FleetCertificateAuthority.create("lab");
 * ca.writePem(dir.resolve("fleet-ca.pem"));          // what an inventory trusts
 * HostCertificate hv1 = ca.issue("hv1.lab.test");    // what the host's HTTPS listener presents
 * }</pre>
 */
public final class FleetCertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    // Apple and some TLS stacks reject server certificates valid for longer than 398 days
    private static final Duration HOST_LIFETIME = Duration.ofDays(397);

    private final String fleetName;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random;
    private final ContentSigner signer;

    private FleetCertificateAuthority(String fleetName, KeyPair keyPair, X509Certificate certificate, Clock clock,
                                      SecureRandom random) {
        this.fleetName = fleetName;
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.clock = clock;
        this.random = random;
        this.signer = new EcdsaSigner(keyPair.getPrivate());
    }

    /** A new CA for the fleet, valid from an hour ago for ten years. */
    public static FleetCertificateAuthority create(String fleetName) {
        return create(fleetName, Clock.systemUTC());
    }

    /** A new CA whose validity starts from the given clock (tests that need fixed dates). */
    public static FleetCertificateAuthority create(String fleetName, Clock clock) {
        Objects.requireNonNull(fleetName, "fleetName");
        try {
            SecureRandom random = new SecureRandom();
            KeyPair keyPair = newKeyPair(random);
            Instant now = clock.instant();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "hvsim")
                    .addRDN(BCStyle.CN, "hvsim fleet CA " + fleetName)
                    .build();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_LIFETIME)), subject,
                    publicKeyInfo(keyPair.getPublic()))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new SubjectKeyIdentifier(keyIdentifier(keyPair.getPublic())));
            X509Certificate certificate = toCertificate(builder.build(new EcdsaSigner(keyPair.getPrivate())));
            return new FleetCertificateAuthority(fleetName, keyPair, certificate, clock, random);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the certificate authority of fleet " + fleetName, e);
        }
    }

    /** A server certificate for the host, named by its FQDN (or a bare name for a workgroup host). */
    public HostCertificate issue(String fqdn) {
        return issue(fqdn, List.of());
    }

    /**
     * A server certificate for the host; {@code extraAddresses} are added as IP SANs (for a host that listens on its
     * own loopback address such as 127.0.1.11).
     */
    public synchronized HostCertificate issue(String fqdn, Collection<InetAddress> extraAddresses) {
        Objects.requireNonNull(fqdn, "fqdn");
        String host = fqdn.toLowerCase(Locale.ROOT);
        String netbios = netbiosName(host);
        try {
            KeyPair hostKeys = newKeyPair(random);
            Instant now = clock.instant();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();
            X500Name issuerName = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(HOST_LIFETIME)), subject,
                    publicKeyInfo(hostKeys.getPublic()))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            subjectAlternativeNames(host, netbios, extraAddresses))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new SubjectKeyIdentifier(keyIdentifier(hostKeys.getPublic())))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(keyIdentifier(keyPair.getPublic())));
            X509Certificate hostCertificate = toCertificate(builder.build(signer));
            return new HostCertificate(host, hostKeys.getPrivate(), hostCertificate, certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + fqdn, e);
        }
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    public String fleetName() {
        return fleetName;
    }

    /** The CA certificate in PEM form. */
    public String pem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes the CA certificate as PEM to {@code file} (creating its directory) and returns the file. */
    public Path writePem(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet CA to " + file, e);
        }
    }

    /** A trust store holding only this CA. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("hvsim-" + fleetName, certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store for fleet " + fleetName, e);
        }
    }

    /** A client SSL context that trusts this CA and nothing else, with normal certificate validation. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context for fleet " + fleetName, e);
        }
    }

    @Override
    public String toString() {
        return "FleetCertificateAuthority[" + fleetName + "]";
    }

    private static GeneralNames subjectAlternativeNames(String host, String netbios,
                                                        Collection<InetAddress> extraAddresses) {
        Set<String> dnsNames = new LinkedHashSet<>(List.of(host, netbios, "localhost"));
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        for (InetAddress address : extraAddresses) {
            addresses.add(address.getHostAddress());
        }
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        addresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** The first DNS label, as Windows derives a computer's NetBIOS name (at most 15 characters). */
    static String netbiosName(String host) {
        int dot = host.indexOf('.');
        String label = dot < 0 ? host : host.substring(0, dot);
        return label.length() > 15 ? label.substring(0, 15) : label;
    }

    /** RFC 5280 4.2.1.2 method 1: the SHA-1 of the subject public key bits. */
    private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(publicKeyInfo(key).getPublicKeyData().getBytes());
    }

    private static SubjectPublicKeyInfo publicKeyInfo(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder)
            throws GeneralSecurityException, IOException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    /**
     * SHA256withECDSA through the JDK's provider. BouncyCastle's JCA signer builder would do the same, but its
     * algorithm tables take most of a second to initialise, which a fleet that starts in a test pays every time.
     */
    private static final class EcdsaSigner implements ContentSigner {
        private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        private final PrivateKey key;
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();

        EcdsaSigner(PrivateKey key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return ECDSA_WITH_SHA256;
        }

        @Override
        public OutputStream getOutputStream() {
            content.reset();
            return content;
        }

        @Override
        public byte[] getSignature() {
            try {
                Signature signature = Signature.getInstance(SIGNATURE);
                signature.initSign(key);
                signature.update(content.toByteArray());
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a certificate", e);
            }
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }
}
