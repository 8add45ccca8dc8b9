package io.hvmigrate.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.hvmigrate.sim.tls.FleetCertificateAuthority;
import io.hvmigrate.sim.tls.HostCertificate;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The certificate must name the inventory's FQDN; the address the connection went to is no identity. Certificates
 * come from hvsim's fleet CA, as every simulated host's do (its FQDN, NetBIOS name, localhost and its loopback address).
 */
class ExpectedHostTest {
    static FleetCertificateAuthority ca;
    static HostCertificate a1;
    static HostCertificate a2;

    @BeforeAll
    static void issue() throws Exception {
        ca = FleetCertificateAuthority.create("identity");
        a1 = ca.issue("hv-a1.lab.test", List.of(InetAddress.getByName("127.0.9.11")));
        a2 = ca.issue("hv-a2.lab.test", List.of(InetAddress.getByName("127.0.9.12")));
    }

    static SSLSession presenting(HostCertificate c) throws Exception {
        SSLSession s = mock(SSLSession.class);
        when(s.getPeerCertificates()).thenReturn(c.chain().toArray(Certificate[]::new));
        return s;
    }

    @Test
    void theHostsOwnCertificatePassesWhateverAddressWasDialled() throws Exception {
        ExpectedHost check = new ExpectedHost("hv-a1", "HV-A1.lab.test", "127.0.9.11:5986");
        assertThat(check.verify("127.0.9.11", presenting(a1))).isTrue();
        assertThat(check.refusal(new RuntimeException())).isEmpty();
    }

    @Test
    void anotherHostsCertificateIsRefusedEvenWhenItsIpSanMatchesTheAddress() throws Exception {
        // hv-a1's address points at HV-A2, whose certificate carries that address as an IP SAN
        ExpectedHost check = new ExpectedHost("hv-a1", "hv-a1.lab.test", "127.0.9.12:5986");
        assertThat(check.verify("127.0.9.12", presenting(a2))).isFalse();
        TransportException t = check.refusal(new java.io.IOException("Could not verify host 127.0.9.12")).orElseThrow();
        assertThat(t.kind()).isEqualTo(TransportException.Kind.WRONG_HOST);
        assertThat(t.answeredAs()).isEqualTo("hv-a2.lab.test");
        assertThat(t.getMessage()).contains("hv-a1: the host at 127.0.9.12:5986", "hv-a2.lab.test", "not for hv-a1.lab.test");
        assertThat(t.kind().transientFailure()).isFalse();
        assertThat(t.kind().mayHaveRun()).isFalse();
    }

    @Test
    void namesAreTheDnsSansAndOnlyThem() {
        assertThat(ExpectedHost.names(a1.certificate())).contains("hv-a1.lab.test", "hv-a1", "localhost")
                .doesNotContain("127.0.9.11", "127.0.0.1");
    }

    @Test
    void aNameMatchesWithoutCaseAndAWildcardCoversOneLabel() {
        assertThat(ExpectedHost.matches("HV-A1.LAB.TEST", "hv-a1.lab.test")).isTrue();
        assertThat(ExpectedHost.matches("hv-a1.lab.test.", "hv-a1.lab.test")).isTrue();
        assertThat(ExpectedHost.matches("*.lab.test", "hv-a1.lab.test")).isTrue();
        assertThat(ExpectedHost.matches("*.lab.test", "x.hv-a1.lab.test")).isFalse();
        assertThat(ExpectedHost.matches("*.test", "hv-a1.test")).isFalse();
        assertThat(ExpectedHost.matches("hv-a1", "hv-a1.lab.test")).isFalse();
        assertThat(ExpectedHost.matches("127.0.9.11", "hv-a1.lab.test")).isFalse();
    }

    @Test
    void aCertificateNamingNoOtherHostIsATlsFailureNotAnotherHost() throws Exception {
        SSLSession none = mock(SSLSession.class);
        when(none.getPeerCertificates()).thenThrow(new javax.net.ssl.SSLPeerUnverifiedException("none"));
        ExpectedHost check = new ExpectedHost("hv-a1", "hv-a1.lab.test", "127.0.9.11:5986");
        assertThat(check.verify("127.0.9.11", none)).isFalse();
        TransportException t = check.refusal(null).orElseThrow();
        assertThat(t.kind()).isEqualTo(TransportException.Kind.TLS);
        assertThat(t.answeredAs()).isNull();
        assertThat(t.getMessage()).contains("does not name hv-a1.lab.test");
    }
}
