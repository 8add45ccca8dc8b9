package io.hvmigrate.e2e;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.http.client.config.AuthSchemes;

/** What a user types into their own WinRM client (WinRM4J directly, not hvmigrate's transport) against a simulated host. */
final class UserWinRm {
    private UserWinRm() {}

    record PsResult(int exit, String out, String err) {}

    /** A user's own WinRM client (WinRM4J, not hvmigrate's transport) running PowerShell on one host. */
    static PsResult runPs(SimFleet sim, String host, String script) throws Exception {
        SimFleet.Endpoint ep = sim.endpoint(host).orElseThrow();
        String account = LabFiles.serviceAccount(sim);
        int slash = account.indexOf('\\');
        WinRmClientContext context = WinRmClientContext.newInstance();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (WinRmClient client = WinRmClient.builder(ep.uri().toString())
                .authenticationScheme(AuthSchemes.NTLM)
                .credentials(account.substring(0, slash), account.substring(slash + 1), sim.password())
                .payloadEncryptionMode(PayloadEncryptionMode.OFF)
                .sslContext(sim.certificateAuthority().clientSslContext())
                .context(context)
                .build();
             ShellCommand shell = client.createShell()) {
            int code = shell.execute("powershell -encodedcommand "
                    + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE)), out, err);
            return new PsResult(code, out.toString(), err.toString());
        } finally {
            context.shutdown();
        }
    }
}
