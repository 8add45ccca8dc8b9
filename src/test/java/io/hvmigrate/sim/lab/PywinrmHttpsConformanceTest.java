package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.lab.junit.WithFleet;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** pywinrm over HTTPS with NTLM, validating every endpoint's certificate against the fleet CA written to ca.pem. */
@WithFleet(https = true)
@EnabledIfSystemProperty(named = "hvmigrate.peers", matches = "true")
class PywinrmHttpsConformanceTest extends FleetConformanceContract {

    @Override
    WinRmPeer connect(SimFleet sim, LabFiles.Written files) throws Exception {
        assertThat(sim.endpoints()).allSatisfy(e -> assertThat(e.uri().getScheme()).isEqualTo("https"));
        return Pywinrm.forFleet(sim, files, LabFiles.serviceAccount(sim));
    }
}
