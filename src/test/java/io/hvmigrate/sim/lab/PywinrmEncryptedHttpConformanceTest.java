package io.hvmigrate.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.lab.junit.WithFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** pywinrm over plain HTTP with NTLM and its default message encryption, as Windows requires on port 5985. */
@WithFleet(https = false)
@EnabledIfSystemProperty(named = "hvmigrate.peers", matches = "true")
class PywinrmEncryptedHttpConformanceTest extends FleetConformanceContract {

    @Override
    WinRmPeer connect(SimFleet sim, LabFiles.Written files) throws Exception {
        assertThat(sim.endpoints()).allSatisfy(e -> assertThat(e.uri().getScheme()).isEqualTo("http"));
        return Pywinrm.forFleet(sim, files, LabFiles.serviceAccount(sim));
    }

    @Test
    void refusesAClientThatDoesNotEncrypt(LabFiles.Written files) throws Exception {
        try (Pywinrm plain = Pywinrm.forFleet(sim(), files, LabFiles.serviceAccount(sim())).withMessageEncryption("never")) {
            assertThatThrownBy(() -> plain.runPs(sim().endpoint("HV-S1").orElseThrow(), "Get-VMHost"))
                    .hasMessageContaining("InvalidCredentialsError");
        }
    }
}
