package io.hvmigrate.sim.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetCertificateAuthorityTest {

    @Test
    void issuesAFleetOfThirtyHostsQuickly() {
        FleetCertificateAuthority.create("warm-up").issue("warm-up"); // class loading is paid once per JVM
        long start = System.nanoTime();
        FleetCertificateAuthority ca = FleetCertificateAuthority.create("lab");
        List<HostCertificate> hosts = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            hosts.add(ca.issue("hv" + i + ".lab.test"));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(hosts).extracting(HostCertificate::fqdn).doesNotHaveDuplicates().hasSize(30);
        // 100-200 ms on a loaded 2-core machine
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void hostCertificatesNameTheHostEveryWayAClientMayAddressIt() throws Exception {
        HostCertificate host = FleetCertificateAuthority.create("lab")
                .issue("HV1.lab.test", List.of(InetAddress.getByName("127.0.1.11")));

        assertThat(host.certificate().getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactly((Object) "hv1.lab.test", "hv1", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1",
                        "127.0.1.11");
        assertThat(host.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(host.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(host.toString()).doesNotContain(host.privateKey().toString());
    }

    @Test
    void hostCertificatesChainToTheFleetCaOnly() throws Exception {
        FleetCertificateAuthority ca = FleetCertificateAuthority.create("lab");
        FleetCertificateAuthority other = FleetCertificateAuthority.create("other");
        HostCertificate host = ca.issue("hv1.lab.test");

        validate(host.certificate(), ca.certificate());
        assertThatThrownBy(() -> validate(host.certificate(), other.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void writesTheCaAsPemThatParsesBack(@TempDir Path dir) throws Exception {
        FleetCertificateAuthority ca = FleetCertificateAuthority.create("lab");

        Path pem = ca.writePem(dir.resolve("trust/fleet-ca.pem"));

        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(parsed).isEqualTo(ca.certificate());
            assertThat(parsed.getBasicConstraints()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aClientTrustingTheCaCompletesATlsHandshakeWithAHost(String protocol) throws Exception {
        FleetCertificateAuthority ca = FleetCertificateAuthority.create("lab");
        HostCertificate host = ca.issue("hv1.lab.test");
        try (SSLServerSocket server = (SSLServerSocket) host.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                } catch (Exception ignored) {
                    // the client side asserts
                }
            });
            try (SSLSocket client = (SSLSocket) ca.clientSslContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                var parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName("hv1.lab.test")));
                client.setSSLParameters(parameters);
                client.setEnabledProtocols(new String[] {protocol});
                client.startHandshake();
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(client.getSession().getPeerCertificates()).containsExactly(host.certificate(), ca.certificate());
            }
            acceptor.join(Duration.ofSeconds(5));
        }
    }

    private static void validate(X509Certificate certificate, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }
}
