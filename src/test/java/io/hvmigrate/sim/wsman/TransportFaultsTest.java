package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.apache.http.client.config.AuthSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transport faults injected per host and action, seen by real clients. */
class TransportFaultsTest {

    private static WinRmClientContext context;
    private final TransportFaultRules faults = new TransportFaultRules();
    private ScriptedShellHost host;
    private WsmanEndpoint endpoint;
    private RawWsman admin;

    @BeforeAll
    static void startClient() {
        context = WinRmClientContext.newInstance();
    }

    @AfterAll
    static void stopClient() {
        context.shutdown();
    }

    @BeforeEach
    void start() {
        host = new ScriptedShellHost();
        endpoint = TestFleet.https(TestFleet.HOST, host).transportFaults(faults).build().start();
        admin = new RawWsman(endpoint, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void failAnswersTheFaultWithoutRunningTheRequest() throws Exception {
        faults.once(TestFleet.HOST, WsmanAction.CREATE, TransportFault.fail(WsmanFault.accessDenied()));

        RawWsman.Reply refused = admin.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                RawWsman.createBody()));
        String shellAfterwards = admin.createShell();

        assertThat(refused.status()).isEqualTo(500);
        assertThat(Soap.parse(refused.body()).text("//f:WSManFault/@Code")).isEqualTo("5");
        assertThat(shellAfterwards).as("the rule applied once").isNotBlank();
        assertThat(endpoint.openShells()).isEqualTo(1);
    }

    @Test
    void faultsForOtherHostsOrActionsDoNotApply() throws Exception {
        faults.always("hv9.lab.test", null, TransportFault.fail(WsmanFault.accessDenied()));
        faults.always(TestFleet.HOST, WsmanAction.DELETE, TransportFault.fail(WsmanFault.accessDenied()));

        assertThat(admin.createShell()).isNotBlank();
    }

    @Test
    void delayHoldsTheAnswer() throws Exception {
        faults.once(TestFleet.HOST, WsmanAction.CREATE, TransportFault.delay(Duration.ofMillis(400)));

        long start = System.nanoTime();
        String shellId = admin.createShell();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(shellId).isNotBlank();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void hangNeverAnswersAndTheEndpointStillServesOthers() throws Exception {
        faults.once(TestFleet.HOST, WsmanAction.CREATE, TransportFault.hang());

        assertThatThrownBy(() -> admin.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                RawWsman.createBody()), Duration.ofMillis(500)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(admin.createShell()).isNotBlank();
    }

    @Test
    void droppedCommandResponseStillStartedTheCommand() {
        faults.once(TestFleet.HOST, WsmanAction.COMMAND, TransportFault.dropResponse());
        var tool = WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER, TestFleet.DOMAIN_PASSWORD,
                AuthSchemes.NTLM, PayloadEncryptionMode.OFF);

        assertThatThrownBy(() -> tool.executePs("Move-VM -Name 'web01' -DestinationHost 'hv2'"))
                .isInstanceOf(RuntimeException.class);

        assertThat(host.started()).singleElement()
                .extracting(ScriptedShellHost.Started::script)
                .isEqualTo("Move-VM -Name 'web01' -DestinationHost 'hv2'");
    }

    @Test
    void droppedResponseClosesTheConnectionWithoutAnswer() throws Exception {
        String shellId = admin.createShell();
        faults.once(TestFleet.HOST, WsmanAction.COMMAND, TransportFault.dropResponse());

        assertThatThrownBy(() -> admin.command(shellId, "Start-VM web01")).isInstanceOf(IOException.class);
        assertThat(host.started()).extracting(ScriptedShellHost.Started::script).containsExactly("Start-VM web01");
    }

    @Test
    void rejectedAuthenticationFailsWithUnauthorizedUntilCleared() throws Exception {
        faults.always(TestFleet.HOST, null, TransportFault.rejectAuthentication());
        var ntlm = WinRm4j.failingFast(WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF));

        assertThatThrownBy(() -> ntlm.executePs("hostname")).hasStackTraceContaining("Authorization loop");
        RawWsman.Reply basic = admin.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                RawWsman.createBody()));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(host.started()).isEmpty();

        faults.clear();
        assertThat(ntlm.executePs("hostname").getStdOut()).isEqualTo("hostname\r\n");
    }

    @Test
    void anUnreachableHostRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
        String shellId = admin.createShell();
        int port = endpoint.port();

        endpoint.stopListening();
        // The freed port is refused (ConnectException) unless, rarely, the kernel hands the same loopback port to
        // another socket in the meantime (a listener elsewhere, or a client that connects to itself): then the TLS
        // handshake fails instead. Either way it is an I/O failure and no request reaches this host.
        assertThatThrownBy(() -> new RawWsman(endpoint, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD,
                Duration.ofSeconds(2)).createShell())
                .isInstanceOf(IOException.class);
        assertThat(endpoint.openShells()).as("only the shell made before the outage").isEqualTo(1);

        endpoint.resumeListening();
        RawWsman afterwards = new RawWsman(endpoint, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD,
                Duration.ofSeconds(10));
        assertThat(endpoint.port()).isEqualTo(port);
        assertThat(afterwards.delete(shellId).status()).as("shells outlive the outage").isEqualTo(200);
    }
}
