package io.hvmigrate.sim.wsman;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.cloudsoft.winrm4j.winrm.WinRmTool;
import java.net.URI;

/** WinRM4J 0.12.3 clients pointed at a test endpoint, with certificate validation against the fleet CA. */
final class WinRm4j {

    private WinRm4j() {
    }

    static WinRmTool tool(WinRmClientContext context, WsmanEndpoint endpoint, String domain, String user,
                          String password, String scheme, PayloadEncryptionMode mode) {
        URI uri = endpoint.uri();
        WinRmTool.Builder builder = WinRmTool.Builder.builder(uri.getHost(), domain, user, password)
                .port(uri.getPort())
                .useHttps(endpoint.https())
                .authenticationScheme(scheme)
                .payloadEncryptionMode(mode)
                .context(context);
        if (endpoint.https()) {
            builder.sslContext(TestFleet.CA.clientSslContext());
        }
        return builder.build();
    }

    /** A tool that gives up at the first failure instead of retrying after 5 s, for calls meant to fail. */
    static WinRmTool failingFast(WinRmTool tool) {
        tool.setFailureRetryPolicy(WinRmClientBuilder.simpleCounterRetryPolicy(0));
        return tool;
    }

    static WinRmClient client(WinRmClientContext context, WsmanEndpoint endpoint, String domain, String user,
                              String password, String scheme, PayloadEncryptionMode mode, long operationTimeoutMs) {
        var builder = WinRmClient.builder(endpoint.uri().toString())
                .authenticationScheme(scheme)
                .credentials(domain, user, password)
                .payloadEncryptionMode(mode)
                .operationTimeout(operationTimeoutMs)
                .context(context);
        if (endpoint.https()) {
            builder.sslContext(TestFleet.CA.clientSslContext());
        }
        return builder.build();
    }
}
