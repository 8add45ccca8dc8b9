package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmTool;
import io.cloudsoft.winrm4j.winrm.WinRmToolResponse;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.AuthSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volume through the real client over HTTPS: no call may fail. Most of the time goes to WinRM4J itself (CXF costs
 * several milliseconds of CPU per request; the endpoint about one).
 */
class WsmanSoakTest {

    private static WinRmClientContext context;

    @BeforeAll
    static void startClient() {
        context = WinRmClientContext.newInstance();
    }

    @AfterAll
    static void stopClient() {
        context.shutdown();
    }

    @Test
    void thousandSequentialCallsInOneShellAllSucceed() throws Exception {
        ScriptedShellHost host = new ScriptedShellHost();
        try (WsmanEndpoint endpoint = TestFleet.https(TestFleet.HOST, host).build().start();
             WinRmClient client = WinRm4j.client(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                     TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF, 60_000);
             ShellCommand shell = client.createShell()) {
            for (int i = 0; i < 1000; i++) {
                StringWriter out = new StringWriter();
                int code = shell.execute("call " + i, out, new StringWriter());
                assertThat(out.toString()).isEqualTo("call " + i + "\r\n");
                assertThat(code).isZero();
            }
            assertThat(host.started()).hasSize(1000);
            assertThat(host.signals()).hasSize(1000).containsOnly(Shell.TERMINATE);
        }
    }

    @Test
    void twoHundredConcurrentCallsAcrossTenHostsAllSucceed() throws Exception {
        List<WsmanEndpoint> endpoints = new ArrayList<>();
        List<ScriptedShellHost> hosts = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(200);
        try {
            for (int h = 1; h <= 10; h++) {
                ScriptedShellHost host = new ScriptedShellHost();
                hosts.add(host);
                endpoints.add(TestFleet.https("hv" + h + ".lab.test", host).build().start());
            }
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                WsmanEndpoint endpoint = endpoints.get(i % endpoints.size());
                String script = "call " + i + " on " + endpoint.host().computerName();
                calls.add(() -> {
                    WinRmTool tool = WinRm4j.tool(context, endpoint, TestFleet.DOMAIN, TestFleet.DOMAIN_USER,
                            TestFleet.DOMAIN_PASSWORD, AuthSchemes.NTLM, PayloadEncryptionMode.OFF);
                    WinRmToolResponse response = tool.executePs(script);
                    assertThat(response.getStatusCode()).isZero();
                    return response.getStdOut();
                });
            }
            List<Future<String>> results = callers.invokeAll(calls, 300, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i++) {
                String expected = "call " + i + " on " + endpoints.get(i % endpoints.size()).host().computerName();
                assertThat(results.get(i).get()).isEqualTo(expected + "\r\n");
            }
            assertThat(hosts).allSatisfy(host -> assertThat(host.started()).hasSize(20));
            assertThat(endpoints).allSatisfy(endpoint -> assertThat(endpoint.openShells()).isZero());
        } finally {
            callers.shutdownNow();
            endpoints.forEach(WsmanEndpoint::close);
        }
    }
}
