package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pywinrm 0.3 (Debian's python3-winrm, with requests-ntlm) as an independent client: NTLM over HTTP with its default
 * message encryption, NTLM over HTTPS (with channel binding) validating the fleet CA, Basic over HTTPS. Runs when
 * {@code -Dhvmigrate.peers=true}; .ci/run installs the packages.
 */
class PywinrmPeerTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path script;
    private static Path opensslConfig;
    private static Path caFile;

    @BeforeAll
    static void requirePeers() throws IOException {
        assumeTrue(Boolean.getBoolean("hvmigrate.peers"), "pywinrm peer tests run with -Dhvmigrate.peers=true");
        script = copy("run_ps.py");
        opensslConfig = copy("openssl-legacy.cnf");
        caFile = TestFleet.CA.writePem(dir.resolve("fleet-ca.pem"));
    }

    @Test
    void ntlmOverHttpEncryptsMessagesByDefault() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.http(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "ntlm", "LAB\\alice", TestFleet.DOMAIN_PASSWORD, Map.of(),
                    "Get-VM | ConvertTo-Json");

            assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.get("stdout").asText()).isEqualTo("Get-VM | ConvertTo-Json\r\n");
            assertThat(result.get("status").asInt()).isZero();
            assertThat(host.started()).singleElement().satisfies(started -> {
                assertThat(started.session().user()).isEqualTo("LAB\\alice");
                assertThat(started.session().method()).isEqualTo(ShellSession.AuthMethod.NTLM);
            });
            assertThat(endpoint.openShells()).isZero();
        }
    }

    @Test
    void ntlmOverHttpsValidatesTheFleetCaAndBindsTheChannel() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.https(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "ntlm", "alice@lab.test", TestFleet.DOMAIN_PASSWORD, Map.of(),
                    "exit 3");

            assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.get("status").asInt()).isEqualTo(3);
        }
    }

    @Test
    void basicOverHttpsAsTheLocalAdministrator() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.https(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "basic", TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Map.of(),
                    "hostname");

            assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.get("stdout").asText()).isEqualTo("hostname\r\n");
            assertThat(host.started()).singleElement()
                    .satisfies(started -> assertThat(started.session().method()).isEqualTo(ShellSession.AuthMethod.BASIC));
        }
    }

    @Test
    void basicOverHttpIsRefused() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.http(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "basic", TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Map.of(),
                    "hostname");

            assertThat(result.get("error").asText()).isEqualTo("InvalidCredentialsError");
            assertThat(host.started()).isEmpty();
        }
    }

    @Test
    void unencryptedNtlmOverHttpIsRefused() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.http(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "ntlm", "LAB\\alice", TestFleet.DOMAIN_PASSWORD,
                    Map.of("HVSIM_MESSAGE_ENCRYPTION", "never"), "hostname");

            assertThat(result.get("error").asText()).isEqualTo("InvalidCredentialsError");
            assertThat(host.started()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.http(TestFleet.HOST, host).build().start()) {
            JsonNode result = pywinrm(endpoint, "ntlm", "LAB\\alice", "guess", Map.of(), "hostname");

            assertThat(result.get("error").asText()).isEqualTo("InvalidCredentialsError");
            assertThat(host.started()).isEmpty();
        }
    }

    private static JsonNode pywinrm(WsmanEndpoint endpoint, String transport, String user, String password,
                                    Map<String, String> environment, String psScript) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), endpoint.uri().toString(), transport,
                user, psScript);
        builder.environment().put("HVSIM_PASSWORD", password);
        builder.environment().put("HVSIM_CA_FILE", caFile.toString());
        builder.environment().put("OPENSSL_CONF", opensslConfig.toString());
        builder.environment().remove("HTTPS_PROXY");
        builder.environment().remove("HTTP_PROXY");
        builder.environment().remove("https_proxy");
        builder.environment().remove("http_proxy");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(false);
        Process process = builder.start();
        Thread stderr = Thread.ofVirtual().start(() -> drain(process.getErrorStream()));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pywinrm did not finish within 60 s");
        }
        stderr.join();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertThat(text).as("pywinrm printed one JSON line (exit %d)", process.exitValue()).startsWith("{");
        return JSON.readTree(text);
    }

    private static void drain(InputStream in) {
        try {
            System.err.write(in.readAllBytes());
        } catch (IOException ignored) {
            // diagnostics only
        }
    }

    private static Path copy(String resource) throws IOException {
        Path target = dir.resolve(resource);
        try (InputStream in = PywinrmPeerTest.class.getResourceAsStream("/pywinrm/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
