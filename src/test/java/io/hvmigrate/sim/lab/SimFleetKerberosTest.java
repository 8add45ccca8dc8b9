package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.world.fleet.Fleet;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.wsman.auth.kerberos.HandWrittenKeytab;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code HTTP/<fqdn>@<REALM>} principal each host accepts Kerberos for is the fleet file's name as written, built
 * without asking any resolver (as a host-based name the JDK would canonicalise it through DNS first), and the keytab a
 * KDC issued for that principal is still found by it (KerberosWinRmPeerIT accepts real tickets with it).
 */
class SimFleetKerberosTest {
    private static final Path FLEET = Path.of("src/test/resources/fleets/kerberos-pair.yaml");

    @TempDir
    Path dir;

    @Test
    void theHttpPrincipalIsTheFleetsOwnNameTakenAsWritten() throws Exception {
        Fleet fleet = new FleetLoader().load(FLEET);
        HostSpec hv1 = fleet.hosts().getFirst();

        KerberosPrincipal p = SimFleet.httpPrincipal(hv1);

        assertThat(p.getName()).isEqualTo("HTTP/hv1.lab.test@LAB.TEST");
        assertThat(p.getRealm()).isEqualTo("LAB.TEST");
        assertThat(p.getNameType()).isEqualTo(KerberosPrincipal.KRB_NT_PRINCIPAL);
    }

    @Test
    void aHostWhoseHttpKeyIsInAKeytabAcceptsKerberosAndTheOtherDoesNot() throws Exception {
        Path keytab = HandWrittenKeytab.write(dir.resolve("http-hv1.keytab"), "LAB.TEST", "HTTP", "hv1.lab.test");

        try (SimFleet sim = SimFleet.start(FLEET, SimFleet.Options.defaults().withHttps(false).withKeytabs(List.of(keytab)))) {
            assertThat(sim.kerberosHosts()).containsExactly("HV1");
        }
    }

    @Test
    void withoutAKeytabNoHostAcceptsKerberos() throws Exception {
        try (SimFleet sim = SimFleet.start(FLEET, SimFleet.Options.defaults().withHttps(false))) {
            assertThat(sim.kerberosHosts()).isEmpty();
        }
    }
}
