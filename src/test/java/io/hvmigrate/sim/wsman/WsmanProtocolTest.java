package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.wsman.auth.AccountStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol as Windows answers it, driven by hand-written requests over HTTPS and Basic. */
class WsmanProtocolTest {

    private static final String SHELL_ID_SELECTOR =
            "/s:Envelope/s:Body/x:ResourceCreated/a:ReferenceParameters/w:SelectorSet/w:Selector[@Name='ShellId']";

    private ScriptedShellHost host;
    private WsmanEndpoint endpoint;
    private RawWsman admin;

    @BeforeEach
    void start() {
        host = new ScriptedShellHost();
        endpoint = WsmanEndpoint.builder().hostName(TestFleet.HOST).https(TestFleet.certificate(TestFleet.HOST))
                .accounts(AccountStore.of(Map.of(
                        "HV1\\Administrator", TestFleet.LOCAL_PASSWORD,
                        "HV1\\operator", "0perator!")))
                .shellHost(host)
                .build()
                .start();
        admin = new RawWsman(endpoint, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void createAnswersTheShellIdInTheSelectorSetAndInTheShellElement() throws Exception {
        String messageId = RawWsman.messageId();
        RawWsman.Reply reply = admin.post(RawWsman.envelope(RawWsman.CREATE, messageId, null, RawWsman.createBody()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/soap+xml;charset=UTF-8");
        Soap soap = Soap.parse(reply.body());
        assertThat(soap.text("/s:Envelope/s:Header/a:RelatesTo")).isEqualTo(messageId);
        assertThat(soap.text("/s:Envelope/s:Header/a:Action"))
                .isEqualTo("http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse");
        assertThat(soap.text("/s:Envelope/s:Header/a:MessageID")).matches("uuid:[0-9A-F-]{36}");
        String shellId = soap.text(SHELL_ID_SELECTOR);
        assertThat(shellId).matches("[0-9A-F-]{36}");
        assertThat(soap.text("/s:Envelope/s:Body/rsp:Shell/rsp:ShellId")).isEqualTo(shellId);
        assertThat(soap.text("/s:Envelope/s:Body/rsp:Shell/rsp:Owner")).isEqualTo("HV1\\Administrator");
        assertThat(soap.text("/s:Envelope/s:Body/x:ResourceCreated/a:Address")).isEqualTo("http://windows-host:5985/wsman");
        assertThat(endpoint.shells()).singleElement().satisfies(session -> {
            assertThat(session.shellId()).isEqualTo(shellId);
            assertThat(session.method()).isEqualTo(ShellSession.AuthMethod.BASIC);
        });
    }

    @Test
    void receiveAnswersOutputStreamsAndTheDoneStateWithTheExitCode() throws Exception {
        String shellId = admin.createShell();
        String commandId = admin.command(shellId, "stderr disk full");

        RawWsman.Reply reply = admin.receive(shellId, commandId, "PT5S", Duration.ofSeconds(10));

        assertThat(reply.status()).isEqualTo(200);
        Soap soap = Soap.parse(reply.body());
        String response = "/s:Envelope/s:Body/rsp:ReceiveResponse";
        assertThat(soap.text(response + "/rsp:Stream[@Name='stderr' and not(@End)]")).isEqualTo("ZGlzayBmdWxs");
        assertThat(soap.count(response + "/rsp:Stream[@End='true']")).isEqualTo(2);
        assertThat(soap.text(response + "/rsp:CommandState/@State"))
                .isEqualTo("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done");
        assertThat(soap.text(response + "/rsp:CommandState/@CommandId")).isEqualTo(commandId);
        assertThat(soap.text(response + "/rsp:CommandState/rsp:ExitCode")).isEqualTo("1");
    }

    @Test
    void receiveOnARunningCommandAnswersTheOperationTimeoutFault() throws Exception {
        String shellId = admin.createShell();
        String commandId = admin.command(shellId, "block");
        String messageId = RawWsman.messageId();

        RawWsman.Reply reply = admin.post(RawWsman.envelope(RawWsman.RECEIVE, messageId, shellId,
                RawWsman.receiveBody(commandId), "PT0.2S"));

        assertThat(reply.status()).isEqualTo(500);
        Soap fault = Soap.parse(reply.body());
        assertThat(fault.text("/s:Envelope/s:Header/a:RelatesTo")).isEqualTo(messageId);
        assertThat(fault.text("/s:Envelope/s:Header/a:Action"))
                .isEqualTo("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault");
        assertThat(fault.text("//s:Fault/s:Code/s:Value")).isEqualTo("s:Receiver");
        assertThat(fault.text("//s:Fault/s:Code/s:Subcode/s:Value")).isEqualTo("w:TimedOut");
        assertThat(fault.text("//s:Fault/s:Detail/f:WSManFault/@Code")).isEqualTo("2150858793");
        assertThat(fault.text("//s:Fault/s:Detail/f:WSManFault/@Machine")).isEqualTo("hv1.lab.test");
        assertThat(fault.text("//s:Fault/s:Reason/s:Text")).isEqualTo(
                "The WS-Management service cannot complete the operation within the time specified in "
                        + "OperationTimeout.  ");
    }

    @Test
    void signalTerminateReachesTheCommandAndRemovesIt() throws Exception {
        String shellId = admin.createShell();
        String commandId = admin.command(shellId, "block");

        RawWsman.Reply signal = admin.post(RawWsman.envelope(RawWsman.SIGNAL, RawWsman.messageId(), shellId,
                RawWsman.signalBody(commandId, "terminate")));
        RawWsman.Reply receive = admin.receive(shellId, commandId, "PT1S", Duration.ofSeconds(10));

        assertThat(signal.status()).isEqualTo(200);
        assertThat(Soap.parse(signal.body()).count("/s:Envelope/s:Body/rsp:SignalResponse")).isEqualTo(1);
        assertThat(host.signals()).containsExactly(Shell.TERMINATE);
        assertThat(receive.status()).isEqualTo(500);
        assertThat(Soap.parse(receive.body()).text("//f:WSManFault/@Code")).isEqualTo("2150858810");
    }

    @Test
    void unknownShellIsAnsweredWithWindowsShellNotFoundFault() throws Exception {
        String missing = "11111111-1111-1111-1111-111111111111";
        RawWsman.Reply reply = admin.delete(missing);

        assertThat(reply.status()).isEqualTo(500);
        Soap fault = Soap.parse(reply.body());
        assertThat(fault.text("//s:Fault/s:Code/s:Value")).isEqualTo("s:Sender");
        assertThat(fault.text("//s:Fault/s:Code/s:Subcode/s:Value")).isEqualTo("w:InvalidSelectors");
        assertThat(fault.text("//s:Fault/s:Detail/w:FaultDetail"))
                .isEqualTo("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors");
        assertThat(fault.text("//s:Fault/s:Detail/f:WSManFault/@Code")).isEqualTo("2150858843");
        assertThat(fault.text("//s:Fault/s:Detail/f:WSManFault/f:Message")).isEqualTo(
                "The request for the Windows Remote Shell with ShellId " + missing + " failed because the shell was "
                        + "not found on the server. Possible causes are: the specified ShellId is incorrect or the "
                        + "shell no longer exists on the server. Provide the correct ShellId or create a new shell "
                        + "and retry the operation. ");
    }

    @Test
    void anotherUsersShellIsNotFound() throws Exception {
        String shellId = admin.createShell();
        RawWsman operator = new RawWsman(endpoint, "operator", "0perator!", Duration.ofSeconds(10));

        RawWsman.Reply reply = operator.delete(shellId);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(Soap.parse(reply.body()).text("//f:WSManFault/@Code")).isEqualTo("2150858843");
        assertThat(endpoint.openShells()).isEqualTo(1);
    }

    @Test
    void deleteEndsTheShellAndTheCommandsItStillRuns() throws Exception {
        String shellId = admin.createShell();
        admin.command(shellId, "block");

        RawWsman.Reply deleted = admin.delete(shellId);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(Soap.parse(deleted.body()).text("/s:Envelope/s:Header/a:Action"))
                .isEqualTo("http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse");
        assertThat(host.signals()).containsExactly(Shell.TERMINATE);
        assertThat(endpoint.openShells()).isZero();
    }

    @Test
    void theThirtyFirstShellOfAUserExceedsTheQuota() throws Exception {
        List<String> shells = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            shells.add(admin.createShell());
        }

        RawWsman.Reply refused = admin.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                RawWsman.createBody()));
        String operatorShell = new RawWsman(endpoint, "operator", "0perator!", Duration.ofSeconds(10)).createShell();
        admin.delete(shells.get(0));
        String afterDelete = admin.createShell();

        assertThat(refused.status()).isEqualTo(500);
        Soap fault = Soap.parse(refused.body());
        assertThat(fault.text("//s:Fault/s:Code/s:Subcode/s:Value")).isEqualTo("w:QuotaLimit");
        assertThat(fault.text("//f:WSManFault/@Code")).isEqualTo("2150859173");
        assertThat(fault.text("//f:WSManFault/f:Message"))
                .contains("The maximum number of concurrent shells for this user has been exceeded");
        assertThat(operatorShell).as("the quota is per user").isNotBlank();
        assertThat(afterDelete).as("a deleted shell frees its place").isNotBlank();
        assertThat(endpoint.openShells()).isEqualTo(31);
    }

    @Test
    void unsupportedActionsAreAnsweredWithActionNotSupported() throws Exception {
        RawWsman.Reply reply = admin.post(RawWsman.envelope(RawWsman.ENUMERATE, RawWsman.messageId(), null, ""));

        assertThat(reply.status()).isEqualTo(500);
        Soap fault = Soap.parse(reply.body());
        assertThat(fault.text("//s:Fault/s:Code/s:Subcode/s:Value")).isEqualTo("a:ActionNotSupported");
        assertThat(fault.text("//f:WSManFault/@Code")).isEqualTo("2150858771");
    }

    @Test
    void malformedXmlIsAnsweredWithAFault() throws Exception {
        RawWsman.Reply reply = admin.post("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(Soap.parse(reply.body()).text("//f:WSManFault/@Code")).isEqualTo("2150858819");
    }

    @Test
    void basicOverPlainHttpIsRefusedAndNotOffered() throws Exception {
        try (WsmanEndpoint plain = TestFleet.http("hv2.lab.test", host).build().start()) {
            RawWsman basic = new RawWsman(plain, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Duration.ofSeconds(10));

            RawWsman.Reply reply = basic.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                    RawWsman.createBody()));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.headers().allValues("WWW-Authenticate")).containsExactly("Negotiate", "Kerberos");
            assertThat(plain.openShells()).isZero();
        }
    }

    @Test
    void basicIsOfferedOverHttpsWithTheWsmanRealm() throws Exception {
        RawWsman wrong = new RawWsman(endpoint, TestFleet.LOCAL_USER, "wrong", Duration.ofSeconds(10));

        RawWsman.Reply reply = wrong.post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                RawWsman.createBody()));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().allValues("WWW-Authenticate"))
                .containsExactly("Negotiate", "Kerberos", "Basic realm=\"WSMAN\"");
        assertThat(reply.body()).isEmpty();
    }
}
