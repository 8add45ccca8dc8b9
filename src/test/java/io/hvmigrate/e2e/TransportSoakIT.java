package io.hvmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.engine.HostConnections;
import io.hvmigrate.load.InventoryFormat;
import io.hvmigrate.model.Inventory;
import io.hvmigrate.powershell.StepResult;
import io.hvmigrate.powershell.StepScripts;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.transport.Secrets;
import io.hvmigrate.transport.TransportException;
import io.hvmigrate.transport.WinRmTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak of issue 4: the engine's transport makes 1,000 sequential and 200 concurrent remote calls against the
 * simulated fleet, with no failure and each answer parsed — over HTTPS (WinRM4J, NTLM, certificate validation), and over
 * WinRM's default listener (plain HTTP refusing unencrypted messages, NTLM, every message sealed by the engine's own
 * channel). Concurrent calls go round the fleet's hosts, and {@link HostConnections} holds at most 16 at once on any
 * one host, below Windows' MaxShellsPerUser of 30.
 */
class TransportSoakIT {

    @TempDir
    Path dir;

    @Test
    void thousandSequentialAndTwoHundredConcurrentCallsOverHttps() throws Exception {
        soak(SimFleet.Options.defaults());
    }

    @Test
    void thousandSequentialAndTwoHundredConcurrentCallsOverHttpWithNtlmSealing() throws Exception {
        soak(SimFleet.Options.defaults().withHttps(false));
    }

    @Test
    void aWrongPasswordOverHttpIsRefusedAsCredentialsAndNeverShown() throws Exception {
        try (SimFleet sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), SimFleet.Options.defaults().withHttps(false))) {
            LabFiles.Written files = LabFiles.write(sim, dir, LabFiles.serviceAccount(sim));
            Files.writeString(files.passwordFile(), "Not-the-Passw0rd\n");
            Inventory inv = InventoryFormat.load(files.inventory());
            try (WinRmTransport t = new WinRmTransport(inv, new Secrets(Map.of(), w -> { }), WinRmTransport.Settings.DEFAULT)) {
                assertThatThrownBy(() -> t.open(inv.host("hv-s1").orElseThrow()))
                        .isInstanceOfSatisfying(TransportException.class, e -> {
                            assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                            assertThat(e).hasMessageContaining("refused the credentials");
                            for (Throwable c = e; c != null; c = c.getCause()) {
                                assertThat(String.valueOf(c.getMessage())).doesNotContain("Not-the-Passw0rd", sim.password());
                            }
                        });
            }
        }
    }

    private void soak(SimFleet.Options options) throws Exception {
        try (SimFleet sim = SimFleet.start(Path.of("config/fleets/lab.yaml"), options)) {
            Inventory inv = InventoryFormat.load(LabFiles.write(sim, dir, LabFiles.serviceAccount(sim)).inventory());
            Inventory.Transport expected = options.https() ? Inventory.Transport.HTTPS : Inventory.Transport.HTTP;
            assertThat(inv.hosts()).extracting(Inventory.HostEndpoint::transport).containsOnly(expected);
            assertThat(inv.hosts()).extracting(Inventory.HostEndpoint::auth).containsOnly(Inventory.Auth.NTLM);
            try (WinRmTransport t = new WinRmTransport(inv, new Secrets(Map.of(), w -> { }), WinRmTransport.Settings.DEFAULT);
                 HostConnections c = new HostConnections(t, inv, HostConnections.Settings.DEFAULT)) {
                for (int i = 0; i < 1000; i++) {
                    StepResult r = c.run("hv-s1", StepScripts.migrationJobs(), Duration.ofSeconds(30), true);
                    assertThat(r).as("call %d", i).isInstanceOf(StepResult.Ok.class);
                }
                List<String> hosts = inv.hosts().stream().map(Inventory.HostEndpoint::name).toList();
                List<Future<StepResult>> calls = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 200; i++) {
                        String host = hosts.get(i % hosts.size());
                        calls.add(pool.submit(() -> c.run(host, StepScripts.discoverHost(), Duration.ofSeconds(60), true)));
                    }
                    for (Future<StepResult> f : calls) {
                        StepResult r = f.get();
                        assertThat(r).isInstanceOf(StepResult.Ok.class);
                        assertThat(((StepResult.Ok) r).data().path("name").asText()).isNotBlank();
                    }
                }
                assertThat(c.roundTrips()).isGreaterThanOrEqualTo(1200);
            }
        }
    }
}
