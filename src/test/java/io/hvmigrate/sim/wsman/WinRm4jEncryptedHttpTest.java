package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmToolResponse;
import java.io.StringWriter;
import org.apache.http.client.config.AuthSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WinRM4J over plain HTTP, as Windows accepts it by default (AllowUnencrypted=false): NTLM with message encryption,
 * every SOAP body sealed with RC4 and signed, both ways.
 */
class WinRm4jEncryptedHttpTest {

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
        endpoint = TestFleet.http(TestFleet.HOST, host).build().start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void runsCommandsWithSealedMessagesInDefaultMode() {
        var tool = WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER, TestFleet.DOMAIN_PASSWORD,
                AuthSchemes.NTLM, PayloadEncryptionMode.OPTIONAL);

        WinRmToolResponse first = tool.executePs("Get-VMHost");
        WinRmToolResponse second = tool.executePs("exit 7");

        assertThat(first.getStdOut()).isEqualTo("Get-VMHost\r\n");
        assertThat(second.getStatusCode()).isEqualTo(7);
        assertThat(host.started()).extracting(started -> started.session().method())
                .containsOnly(ShellSession.AuthMethod.NTLM);
    }

    @Test
    @SuppressWarnings("deprecation") // getNumberOfReceiveCalls is the only way to count Receives from outside
    void carriesOutputLargerThanOneEnvelopeAcrossReceives() throws Exception {
        try (WinRmClient client = WinRm4j.client(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.REQUIRED, 60_000);
             ShellCommand shell = client.createShell()) {
            StringWriter out = new StringWriter();
            int code = shell.execute("powershell -encodedcommand " + WinRm4jHttpsNtlmTest.encode("bytes 300000"), out,
                    new StringWriter());

            assertThat(code).isZero();
            assertThat(out.toString()).hasSize(300_000).matches("x+");
            assertThat(shell.getNumberOfReceiveCalls()).as("150 KiB envelopes hold about 110 kB each").isEqualTo(3);
        }
    }

    @Test
    void acceptsSealedMessagesOverHttpsToo() {
        try (WsmanEndpoint secure = TestFleet.https("hv2.lab.test", host).build().start()) {
            var tool = WinRm4j.tool(context, secure, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                    TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.REQUIRED);

            assertThat(tool.executePs("Get-ClusterNode").getStdOut()).isEqualTo("Get-ClusterNode\r\n");
        }
    }

    @Test
    void refusesUnencryptedBodiesOverHttp() {
        var tool = WinRm4j.failingFast(WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF));

        assertThatThrownBy(() -> tool.executePs("hostname")).hasStackTraceContaining("Authorization loop");
        assertThat(host.started()).isEmpty();
    }

    @Test
    void acceptsUnencryptedBodiesWhenTheHostAllowsThem() {
        try (WsmanEndpoint permissive = TestFleet.http("hv2.lab.test", host).allowUnencrypted(true).build().start()) {
            var tool = WinRm4j.tool(context, permissive, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                    TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF);

            assertThat(tool.executePs("hostname").getStdOut()).isEqualTo("hostname\r\n");
        }
    }
}
