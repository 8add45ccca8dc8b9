package io.hvmigrate.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.powershell.StepResult;
import org.junit.jupiter.api.Test;

class ParsingTest {

    @Test
    void readsTheErrorLinesOfClixml() {
        String err = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Get-Foo : The term 'Get-Foo' is not recognized as the name of a cmdlet_x000D__x000A_</S>"
                + "<S S=\"Error\">At line:1 char:1 &amp; more_x000D__x000A_</S></Objs>";
        assertThat(CliXml.readable(err)).isEqualTo("Get-Foo : The term 'Get-Foo' is not recognized as the name of a cmdlet\nAt line:1 char:1 & more");
        assertThat(CliXml.readable("plain text\n")).isEqualTo("plain text");
    }

    @Test
    void aStepResultIsExactlyOneJsonObject() {
        assertThat(StepResult.parse("{\"ok\":true,\"data\":{\"moved\":true}}\r\n", "", 0))
                .isInstanceOfSatisfying(StepResult.Ok.class, ok -> assertThat(ok.data().path("moved").asBoolean()).isTrue());
        assertThat(StepResult.parse("{\"ok\":false,\"error\":{\"message\":\"No credentials are available in the security package\","
                + "\"category\":\"NotSpecified\",\"hresult\":-2146893042,\"type\":\"Microsoft.HyperV.PowerShell.VirtualizationException\",\"errorId\":\"x\"}}", "", 0))
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.hresultHex()).isEqualTo("0x8009030E"));
        assertThat(StepResult.parse("{\"ok\":true}{\"ok\":true}", "", 0)).isInstanceOf(StepResult.Unreadable.class);
        assertThat(StepResult.parse("WARNING: something\n{\"ok\":true}", "", 0)).isInstanceOf(StepResult.Unreadable.class);
        assertThat(StepResult.parse("", "boom", 1)).isInstanceOfSatisfying(StepResult.Unreadable.class,
                u -> assertThat(u.why()).contains("printed nothing").contains("boom"));
    }

    @Test
    void failuresAreClassifiedByWhetherTheScriptCanHaveRun() {
        var refused = WinRmTransport.classify("h", new RuntimeException(new java.net.ConnectException("Connection refused")), false);
        assertThat(refused.kind()).isEqualTo(TransportException.Kind.NOT_SENT);
        var lost = WinRmTransport.classify("h", new RuntimeException(new java.net.SocketException("Connection reset")), true);
        assertThat(lost.kind()).isEqualTo(TransportException.Kind.OUTCOME_UNKNOWN);
        assertThat(lost.kind().mayHaveRun()).isTrue();
        var lostDuringReceive = WinRmTransport.classify("h", new RuntimeException(new java.net.ConnectException("refused")), true);
        assertThat(lostDuringReceive.kind()).isEqualTo(TransportException.Kind.OUTCOME_UNKNOWN);
        var auth = WinRmTransport.classify("h", new RuntimeException("HTTP response '401: Unauthorized'"), false);
        assertThat(auth.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
        assertThat(auth.kind().transientFailure()).isFalse();
    }

    @Test
    void anyFailureAfterTheHostAcceptedTheCommandLeavesItsOutcomeUnknown() {
        // a 401 on a later Receive of a running Move-VM: the host had started the command, it was not refused
        var auth = WinRmTransport.classify("h", new RuntimeException("HTTP response '401: Unauthorized'"), true, true);
        assertThat(auth.kind()).isEqualTo(TransportException.Kind.OUTCOME_UNKNOWN);
        assertThat(auth.kind().mayHaveRun()).isTrue();
        assertThat(auth.getMessage()).isEqualTo("h: the host had accepted the command, then the host refused the credentials (HTTP 401)"
                + ": its outcome is unknown");
        var tls = WinRmTransport.classify("h", new RuntimeException(new javax.net.ssl.SSLException("connection reset")), true, true);
        assertThat(tls.kind()).isEqualTo(TransportException.Kind.OUTCOME_UNKNOWN);
    }

    @Test
    void kerberosLoginFailuresAreAuthenticationFailuresThatSayWhatToFix() {
        // as WinRM4J reports a failed AS exchange: a RuntimeException around the JAAS LoginException around the KrbException
        var wrongPassword = WinRmTransport.classify("hv1", new RuntimeException("Exception occured while authenticate the user",
                new javax.security.auth.login.LoginException("Pre-authentication information was invalid (24)")), false);
        assertThat(wrongPassword.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
        assertThat(wrongPassword.kind().transientFailure()).isFalse();
        assertThat(wrongPassword.getMessage()).contains("did not accept the password");
        var unknownUser = WinRmTransport.classify("hv1", new RuntimeException(
                new javax.security.auth.login.LoginException("Client not found in Kerberos database (6)")), false);
        assertThat(unknownUser.getMessage()).contains("user@REALM");
        var noSpn = WinRmTransport.classify("hv1", new RuntimeException(new org.ietf.jgss.GSSException(11, -1,
                "Server not found in Kerberos database (7)")), false);
        assertThat(noSpn.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
        assertThat(noSpn.getMessage()).contains("HTTP/<host>");
    }

    /** Stands for the JDK's sun.security.krb5.KrbException, which a test cannot make: the name is what is looked at. */
    static final class KrbException extends Exception {
        KrbException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void theKdcsErrorCodeIsReadFromTheOutermostKerberosErrorNotFromTheJdksFirstParsingAttempt() {
        // as the JDK reports an unknown service principal: KRB-ERROR 7, caused by its attempt to read the reply as a TGS-REP
        var noSpn = WinRmTransport.classify("hv7", new java.io.IOException("Kerberos authentication with HTTP/hv7.lab.test failed",
                new org.ietf.jgss.GSSException(13, -1, "No valid credentials provided")
                        .initCause(new KrbException("Server not found in Kerberos database (7)",
                                new KrbException("Identifier doesn't match expected value (906)", null)))), false);
        assertThat(noSpn.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
        assertThat(noSpn.getMessage()).contains("HTTP/<host> service principal").doesNotContain("did not accept the password");
    }

    @Test
    void kerberosLogsInAsUserAtRealm() {
        assertThat(WinRmTransport.kerberosPrincipal("alice@LAB.TEST", "hv1.lab.test")).isEqualTo("alice@LAB.TEST");
        assertThat(WinRmTransport.kerberosPrincipal("LAB\\svc-hvmigrate", "hv-a1.lab.test")).isEqualTo("svc-hvmigrate@LAB.TEST");
        assertThat(WinRmTransport.kerberosPrincipal("LAB\\svc", "hv-a1")).isEqualTo("svc@LAB");
    }
}
