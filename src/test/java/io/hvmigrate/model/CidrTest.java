package io.hvmigrate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4AndIpv6Subnets() {
        assertThat(Cidr.parse("198.51.100.0/24").toString()).isEqualTo("198.51.100.0/24");
        assertThat(Cidr.parse("2001:db8:10:0::/64").toString()).isEqualTo("2001:db8:10::/64");
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    }

    @Test
    void tellsWhetherAnAddressIsInside() {
        Cidr c = Cidr.parse("198.51.100.0/25");
        assertThat(c.contains("198.51.100.11/24")).isTrue();
        assertThat(c.contains("198.51.100.200")).isFalse();
        assertThat(c.contains("2001:db8::1")).isFalse();
        assertThat(Cidr.parse("2001:db8:10::/64").contains("2001:db8:10::1f")).isTrue();
    }

    @Test
    void refusesWhatIsNotASubnetWithAFix() {
        assertThatThrownBy(() -> Cidr.parse("198.51.100.0")).hasMessageContaining("prefix length is missing");
        assertThatThrownBy(() -> Cidr.parse("198.51.100.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Cidr.parse("198.51.300.0/24")).hasMessageContaining("not a valid IPv4 address");
        assertThatThrownBy(() -> Cidr.parse("lm.lab.test/24")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Cidr.parse("198.51.100.77/24")).isInstanceOfSatisfying(Cidr.Invalid.class,
                e -> assertThat(e.fix()).isEqualTo("write 198.51.100.0/24"));
    }
}
