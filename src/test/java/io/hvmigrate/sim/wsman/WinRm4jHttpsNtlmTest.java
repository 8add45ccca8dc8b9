package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmToolResponse;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.apache.http.client.config.AuthSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WinRM4J 0.12.3 over HTTPS with NTLM and payload encryption off, the certificate validated against the fleet CA. */
class WinRm4jHttpsNtlmTest {

    private static WinRmClientContext context;
    private ScriptedShellHost host;
    private WsmanEndpoint endpoint;

    @BeforeAll
    static void startClient() {
        context = WinRmClientContext.newInstance();
    }

    @AfterAll
    static void stopClient() {
        context.shutdown();
    }

    @BeforeEach
    void startEndpoint() {
        host = new ScriptedShellHost();
        endpoint = TestFleet.https(TestFleet.HOST, host).build().start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void runsPowerShellAsTheDomainUserOverValidatedTls() {
        WinRmToolResponse response = WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF).executePs("Get-VM -Name 'web01'");

        assertThat(response.getStdOut()).isEqualTo("Get-VM -Name 'web01'\r\n");
        assertThat(response.getStatusCode()).isZero();
        assertThat(host.started()).singleElement().satisfies(started -> {
            assertThat(started.session().user()).isEqualTo("LAB\\alice");
            assertThat(started.session().method()).isEqualTo(ShellSession.AuthMethod.NTLM);
            assertThat(started.session().clientAddress()).isEqualTo("127.0.0.1");
            assertThat(started.commandLine()).startsWith("powershell -encodedcommand ");
        });
        assertThat(endpoint.openShells()).as("WinRmTool deletes its shell").isZero();
    }

    @Test
    void reportsStderrAndExitCode() {
        WinRmToolResponse response = WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF).executePs("stderr boom");

        assertThat(response.getStdErr()).isEqualTo("boom");
        assertThat(response.getStatusCode()).isEqualTo(1);
    }

    @Test
    void reusesOneShellForSeveralCommands() throws Exception {
        try (WinRmClient client = WinRm4j.client(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF, 60_000);
             ShellCommand shell = client.createShell()) {
            for (int i = 1; i <= 3; i++) {
                StringWriter out = new StringWriter();
                int code = shell.execute("echo command" + i, out, new StringWriter());
                assertThat(out.toString()).isEqualTo("echo command" + i + "\r\n");
                assertThat(code).isZero();
            }
            assertThat(endpoint.openShells()).isEqualTo(1);
        }
        assertThat(host.started()).hasSize(3)
                .extracting(started -> started.session().shellId())
                .containsOnly(host.started().get(0).session().shellId());
        assertThat(endpoint.openShells()).isZero();
    }

    @Test
    @SuppressWarnings("deprecation") // getNumberOfReceiveCalls is the only way to count Receives from outside
    void collectsALongRunningCommandAfterOperationTimeouts() throws Exception {
        try (WinRmClient client = WinRm4j.client(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF, 300);
             ShellCommand shell = client.createShell()) {
            StringWriter out = new StringWriter();
            int code = shell.execute("powershell -encodedcommand " + encode("slow 2 finally done"), out,
                    new StringWriter());

            assertThat(out.toString()).isEqualTo("finally done\r\n");
            assertThat(code).isZero();
            assertThat(host.timedOutWaits()).as("Receives answered with the OperationTimeout fault").isEqualTo(2);
            assertThat(shell.getNumberOfReceiveCalls()).isEqualTo(3);
        }
    }

    @Test
    void wrongPasswordFailsFast() {
        Instant start = Instant.now();
        assertThatThrownBy(() -> WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                "not-the-password", AuthSchemes.NTLM, PayloadEncryptionMode.OFF).executePs("hostname"))
                .hasStackTraceContaining("Authorization loop"); // CXF gives up after 401s to every answer
        // a server that never answered would hold the client for its 60 s receive timeout
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(host.started()).isEmpty();
    }

    static String encode(String script) {
        return java.util.Base64.getEncoder().encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    }
}
