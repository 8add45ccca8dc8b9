package io.hvmigrate.sim.lab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The extension on the lab fleet: what it injects, and that the fleet stops and its files go when the annotated class
 * is done (checked by the enclosing class, whose after-all runs once the nested class has closed).
 */
class SimFleetExtensionTest {
    private static SimFleet seen;
    private static Path seenDirectory;

    @AfterAll
    static void theFleetStoppedAndItsFilesWentWithTheClass() {
        assertThat(seen).as("the nested class ran").isNotNull();
        SimFleet.Endpoint hv = seen.endpoint("HV-S1").orElseThrow();
        assertThatThrownBy(() -> connect(hv)).isInstanceOf(ConnectException.class);
        assertThat(seenDirectory).doesNotExist();
    }

    @Nested
    @WithFleet(value = "config/fleets/lab.yaml", https = false, timeScale = 250)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnePlainHttpFleet {
        private final SimFleet fromConstructor;

        OnePlainHttpFleet(SimFleet sim) {
            this.fromConstructor = sim;
        }

        @Test
        void injectsOneRunningFleetIntoConstructorAndMethods(SimFleet sim, LabFiles.Written files) throws IOException {
            seen = sim;
            seenDirectory = files.directory();
            assertThat(sim).isSameAs(fromConstructor);
            assertThat(sim.fleet().name()).isEqualTo("lab");
            assertThat(sim.options().https()).isFalse();
            assertThat(sim.options().timeScale()).isEqualTo(250);
            assertThat(sim.endpoints()).hasSize(sim.fleet().hosts().size());
            for (SimFleet.Endpoint e : sim.endpoints()) {
                assertThat(e.uri().getScheme()).isEqualTo("http");
                connect(e).close();
            }
        }

        @Test
        void writesTheInventoryCaAndPasswordForTheFleetsServiceAccount(SimFleet sim, LabFiles.Written files)
                throws IOException {
            String inventory = Files.readString(files.inventory());
            assertThat(inventory).contains("user: 'LAB\\svc-hvmigrate'").contains("transport: http");
            SimFleet.Endpoint hv = sim.endpoint("HV-M1").orElseThrow();
            assertThat(inventory).contains("name: hv-m1, fqdn: hv-m1.lab.test, address: '127.0.1.41', port: "
                    + hv.port() + " }");
            assertThat(Files.readString(files.passwordFile()).strip()).isEqualTo(sim.password());
            assertThat(Files.getPosixFilePermissions(files.passwordFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(files.caFile())).isEqualTo(sim.certificateAuthority().pem());
        }
    }

    private static Socket connect(SimFleet.Endpoint e) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(e.address(), e.port()), 2000);
        return s;
    }
}
