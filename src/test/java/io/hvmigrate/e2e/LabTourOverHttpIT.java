package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.sim.lab.SimFleet;
import java.nio.file.Files;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The lab tour over WinRM's default listener, as most Hyper-V hosts are configured out of the box: plain HTTP, whose
 * endpoints refuse any unencrypted message (AllowUnencrypted=false), NTLM with the service account, every message
 * sealed by the connection's NTLM keys. The same scenarios and checks as {@link LabTourIT}.
 */
class LabTourOverHttpIT extends LabTourIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    SimFleet.Options fleetOptions() {
        return super.fleetOptions().withHttps(false);
    }

    @Test
    @Order(0)
    void checkReachesEveryHostOverPlainHttpWithNtlmSealing() throws Exception {
        String inventory = Files.readString(files.inventory());
        assertThat(inventory).contains("  transport: http\n", "  auth: ntlm\n").doesNotContain("transport: https");
        assertThat(sim.fleet().hosts()).allSatisfy(h -> assertThat(sim.endpoint(h.name()).orElseThrow().https()).isFalse());

        Result check = run("check", "playbooks/lab-tour.yaml");

        JsonNode connections = JSON.readTree(check.out()).path("connections");
        assertThat(connections).as("check: %s%n%s", check.out(), check.err()).hasSize(sim.fleet().hosts().size())
                .allSatisfy(c -> {
                    assertThat(c.path("transport").asText()).isEqualTo("http");
                    assertThat(c.path("auth").asText()).isEqualTo("ntlm");
                    assertThat(c.path("protection").asText()).isEqualTo("ntlm-sealed");
                    assertThat(c.path("outcome").asText()).isEqualTo("read");
                });
        assertThat(check.exit()).as("check: %s", check.err()).isZero();
    }
}
