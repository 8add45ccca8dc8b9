package io.hvmigrate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The unit-test run's guard is armed: a name looked up here is refused, and written down for the test to fail on. */
class NoLookupGuardTest {

    @Test
    void aNameLookedUpInAUnitTestIsRefusedAndWrittenDown() throws Exception {
        assumeTrue(!System.getProperty(NoLookupResolverProvider.PROPERTY, "").isBlank()
                        && System.getProperty("jdk.net.hosts.file") == null,
                "the run lets names reach the system resolver (-Dhvmigrate.noLookups= or a hosts file)");
        try {
            assertThatThrownBy(() -> InetAddress.getByName("guard-check.lab.test"))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("look-up of the name guard-check.lab.test refused");
            assertThat(NoLookupResolverProvider.refused()).last().asString()
                    .startsWith("name guard-check.lab.test (from " + NoLookupGuardTest.class.getName());
            // literals never reach a resolver
            assertThat(InetAddress.getByName("127.0.1.11").getHostAddress()).isEqualTo("127.0.1.11");
        } finally {
            NoLookupsExtension.acknowledgeRefused();
        }
    }
}
