package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmToolResponse;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.client.config.AuthSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WinRM4J with Basic authentication over HTTPS, which WinRM accepts for local accounts only. WinRM4J ignores its TLS
 * options with Basic and validates against the JVM's trust store, so the fleet CA goes there for these tests.
 */
class WinRm4jBasicHttpsTest {

    private static final String[] TRUST_PROPERTIES =
            {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
    private static final Map<String, String> savedTrust = new HashMap<>();
    private static WinRmClientContext context;
    private ScriptedShellHost host;
    private WsmanEndpoint endpoint;

    @BeforeAll
    static void startClient(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("fleet-ca.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            TestFleet.CA.trustStore().store(out, "changeit".toCharArray());
        }
        for (String property : TRUST_PROPERTIES) {
            savedTrust.put(property, System.getProperty(property));
        }
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        context = WinRmClientContext.newInstance();
    }

    @AfterAll
    static void stopClient() {
        context.shutdown();
        savedTrust.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
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
    void runsCommandsAsTheLocalAdministrator() {
        WinRmToolResponse response = WinRm4j.tool(context, endpoint, null, TestFleet.LOCAL_USER,
                TestFleet.LOCAL_PASSWORD, AuthSchemes.BASIC, PayloadEncryptionMode.OFF).executePs("Get-VM");

        assertThat(response.getStdOut()).isEqualTo("Get-VM\r\n");
        assertThat(host.started()).singleElement().satisfies(started -> {
            assertThat(started.session().user()).isEqualTo("HV1\\Administrator");
            assertThat(started.session().method()).isEqualTo(ShellSession.AuthMethod.BASIC);
        });
    }

    @Test
    void refusesDomainAccountsAsWindowsDoes() {
        assertThatThrownBy(() -> WinRm4j.failingFast(WinRm4j.tool(context, endpoint, null,
                "LAB\\" + TestFleet.DOMAIN_USER, TestFleet.DOMAIN_PASSWORD, AuthSchemes.BASIC,
                PayloadEncryptionMode.OFF)).executePs("Get-VM"))
                .hasStackTraceContaining("401");
        assertThat(host.started()).isEmpty();
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> WinRm4j.failingFast(WinRm4j.tool(context, endpoint, null, TestFleet.LOCAL_USER,
                "wrong", AuthSchemes.BASIC, PayloadEncryptionMode.OFF)).executePs("Get-VM"))
                .hasStackTraceContaining("401");
        assertThat(host.started()).isEmpty();
    }
}
