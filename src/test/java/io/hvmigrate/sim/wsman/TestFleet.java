package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.tls.FleetCertificateAuthority;
import io.hvmigrate.sim.tls.HostCertificate;
import io.hvmigrate.sim.wsman.auth.AccountStore;
import java.util.Map;

/** Accounts, certificates and endpoints shared by the endpoint tests. */
final class TestFleet {

    static final String DOMAIN = "LAB";
    static final String DOMAIN_USER = "alice";
    static final String DOMAIN_PASSWORD = "Pa55-alice!";
    static final String LOCAL_USER = "Administrator";
    static final String LOCAL_PASSWORD = "L0cal-admin?";
    static final String HOST = "hv1.lab.test";

    /** One CA for the test JVM: creating it is cheap, but there is no reason to do it per test. */
    static final FleetCertificateAuthority CA = FleetCertificateAuthority.create("test");

    private TestFleet() {
    }

    /** A domain account and a local administrator of {@code host}. */
    static AccountStore accounts(String host) {
        String computer = HostIdentity.of(host).computerName();
        return AccountStore.of(Map.of(
                DOMAIN + "\\" + DOMAIN_USER, DOMAIN_PASSWORD,
                computer + "\\" + LOCAL_USER, LOCAL_PASSWORD));
    }

    static HostCertificate certificate(String host) {
        return CA.issue(host);
    }

    static WsmanEndpoint.Builder http(String host, ShellHost shellHost) {
        return WsmanEndpoint.builder().hostName(host).accounts(accounts(host)).shellHost(shellHost);
    }

    static WsmanEndpoint.Builder https(String host, ShellHost shellHost) {
        return http(host, shellHost).https(certificate(host));
    }
}
