package io.hvmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.wsman.WsmanAction;
import io.hvmigrate.transport.WinRmTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What discovering a fleet costs per host, counted on both sides of the wire (never timed): the engine against hvsim
 * with NTLM, as bench discover measures it. Each host gets one WinRM client, one TCP connection (one TLS handshake or
 * sealed channel, one NTLM authentication) and one remote shell; its one discovery command is Command, Receive and
 * Signal; its shell is created once and deleted once. The clusters are read through shells already open. A count
 * that grows says that per-host set-up came back: a client or a connection per command, a shell per call.
 */
class DiscoveryCostIT {

    private static final int HOSTS = 24;

    /** Over HTTPS, and over plain HTTP with every message sealed by its connection's NTLM context. */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"HTTPS", "HTTP"})
    void eachHostCostsOneClientOneConnectionAndOneShell(String transport, @TempDir Path dir) throws Exception {
        DiscoveryBench.Result r = DiscoveryBench.run(new DiscoveryBench.Options(HOSTS, 4, dir, WinRmTransport.Settings.DEFAULT,
                Duration.ofMinutes(2), false, false, transport.equals("HTTP")), line -> { });

        assertThat(r.problems()).isEmpty();
        assertThat(r.hostsRead()).isEqualTo(HOSTS);
        // one command per host, one per cluster (two), one for the directory
        assertThat(r.roundTrips()).isEqualTo(HOSTS + 3);
        // a session per host, reused for its cluster: no client, connection or shell of its own. At most one more: the
        // directory is read through the domain controller (the fleet's first host) while it reads its cluster too
        assertThat(r.clients()).isBetween((long) HOSTS, HOSTS + 1L);
        // each session keeps its connection for all its requests; WinRM4J's connection pool may now and then open a
        // second one when the next request goes out before the last answer has released the first. A connection per
        // request or per command would make it four or more per host
        assertThat(r.connections()).as("connections").isBetween(r.clients(), r.clients() + HOSTS / 4);
        // per session: its shell's Create and Delete at the end; per command: Command, at least one Receive (another
        // while the output is not all there yet), and Signal
        assertThat(r.operations().get(WsmanAction.CREATE)).isEqualTo(r.clients());
        assertThat(r.operations().get(WsmanAction.DELETE)).isEqualTo(r.clients());
        assertThat(r.operations().get(WsmanAction.COMMAND)).isEqualTo(r.roundTrips());
        assertThat(r.operations().get(WsmanAction.SIGNAL)).isEqualTo(r.roundTrips());
        assertThat(r.operations().get(WsmanAction.RECEIVE)).isGreaterThanOrEqualTo(r.roundTrips());
        // NTLM authenticates a connection, not a request: its two challenges once per connection
        long operations = r.operations().values().stream().mapToLong(Long::longValue).sum();
        assertThat(r.requests() - operations).as("authentication challenges").isEqualTo(2 * r.connections());
    }
}
