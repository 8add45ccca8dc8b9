package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.lab.junit.WithFleet;

/** WinRM4J's WinRmClient over HTTPS with NTLM, validating every endpoint's certificate against the fleet CA. */
@WithFleet(https = true)
class WinRm4jHttpsConformanceTest extends FleetConformanceContract {

    @Override
    WinRmPeer connect(SimFleet sim, LabFiles.Written files) {
        assertThat(sim.endpoints()).allSatisfy(e -> assertThat(e.uri().getScheme()).isEqualTo("https"));
        return new WinRm4jPeer(sim, LabFiles.serviceAccount(sim));
    }
}
