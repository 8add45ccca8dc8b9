package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostIdentityTest {

    @Test
    void derivesWindowsNamesFromAnFqdn() {
        HostIdentity host = HostIdentity.of("HV1.Lab.Test");

        assertThat(host.computerName()).isEqualTo("HV1");
        assertThat(host.dnsDomain()).isEqualTo("lab.test");
        assertThat(host.netbiosDomain()).isEqualTo("LAB");
        assertThat(host.fqdn()).isEqualTo("hv1.lab.test");
        assertThat(host.ntlmTarget().netbiosDomain()).isEqualTo("LAB");
        assertThat(host.withNetbiosDomain("CORP").netbiosDomain()).isEqualTo("CORP");
    }

    @Test
    void aBareNameIsAWorkgroupServerThatIsItsOwnNtlmTarget() {
        HostIdentity host = HostIdentity.of("standalone-hyperv-01");

        assertThat(host.domainJoined()).isFalse();
        assertThat(host.computerName()).as("NetBIOS names have at most 15 characters").isEqualTo("STANDALONE-HYPE");
        assertThat(host.ntlmTarget().netbiosDomain()).isEqualTo("STANDALONE-HYPE");
        assertThat(host.ntlmTarget().domainJoined()).isFalse();
    }
}
