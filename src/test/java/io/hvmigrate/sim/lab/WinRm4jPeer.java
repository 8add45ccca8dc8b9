package io.hvmigrate.sim.lab;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.http.client.config.AuthSchemes;

/**
 * WinRM4J 0.12.3's own {@link WinRmClient} (not hvmigrate's transport) over HTTPS with NTLM, validating the
 * endpoints' certificates against the fleet CA, payload encryption off as TLS makes it unneeded. Each run opens a
 * shell, runs {@code powershell -encodedcommand <base64 UTF-16LE>} as WinRmTool.executePs does, and deletes the shell.
 */
final class WinRm4jPeer implements WinRmPeer {
    private final WinRmClientContext context = WinRmClientContext.newInstance();
    private final SimFleet sim;
    private final String domain;
    private final String user;

    /** A client logging on as {@code DOMAIN\\user}. */
    WinRm4jPeer(SimFleet sim, String account) {
        int slash = account.indexOf('\\');
        this.sim = sim;
        this.domain = account.substring(0, slash);
        this.user = account.substring(slash + 1);
    }

    @Override
    public PsResult runPs(SimFleet.Endpoint host, String script) throws Exception {
        if (!host.https()) {
            throw new IllegalArgumentException("the WinRM4J conformance client runs over HTTPS only");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (WinRmClient client = WinRmClient.builder(host.uri().toString())
                .authenticationScheme(AuthSchemes.NTLM)
                .credentials(domain, user, sim.password())
                .payloadEncryptionMode(PayloadEncryptionMode.OFF)
                .sslContext(sim.certificateAuthority().clientSslContext())
                .context(context)
                .build();
             ShellCommand shell = client.createShell()) {
            code = shell.execute("powershell -encodedcommand " + encode(script), out, err);
        }
        return new PsResult(code, out.toString(), ClixmlText.errors(err.toString()));
    }

    @Override
    public String name() {
        return "WinRM4J";
    }

    static String encode(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
