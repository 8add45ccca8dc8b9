package io.hvmigrate.sim.wsman.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** Requests as WinRM4J 0.12.3 sent them (captured) and as pywinrm writes them. */
class WsmanRequestParserTest {

    private static final String SHELL = "6EDC6B79-768F-473D-9D78-CF7BD0BDC99E";

    @Test
    void readsWinRm4jCreate() throws Exception {
        WsmanRequest request = WsmanRequestParser.parse(resource("winrm4j-create-request.xml"));

        assertThat(request.action()).isEqualTo("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create");
        assertThat(request.messageId()).isEqualTo("urn:uuid:f8943d3c-eac8-434a-a813-d2c05d9fc77a");
        assertThat(request.resourceUri()).isEqualTo(Namespaces.CMD_SHELL_RESOURCE);
        assertThat(request.operationTimeout()).hasValue(Duration.ofSeconds(60));
        assertThat(request.maxEnvelopeSize()).hasValue(153600);
        assertThat(request.options()).containsEntry("WINRS_CODEPAGE", "437").containsEntry("WINRS_NOPROFILE", "FALSE");
        assertThat(request.body().element()).isEqualTo("Shell");
        assertThat(request.body().outputStreams()).containsExactly("stdout", "stderr");
        assertThat(request.shellId()).isEmpty();
    }

    @Test
    void readsWinRm4jCommand() throws Exception {
        WsmanRequest request = WsmanRequestParser.parse(resource("winrm4j-command-request.xml"));

        assertThat(request.shellId()).hasValue(SHELL);
        assertThat(request.body().command()).hasValue("powershell -encodedcommand VwByAGkAdABlAC0ATwB1AHQAcAB1AHQAIABoAGkA");
        assertThat(request.body().arguments()).isEmpty();
        assertThat(request.options()).containsEntry("WINRS_SKIP_CMD_SHELL", "FALSE");
    }

    @Test
    void readsWinRm4jReceiveAndSignal() throws Exception {
        WsmanRequest receive = WsmanRequestParser.parse(resource("winrm4j-receive-request.xml"));
        WsmanRequest signal = WsmanRequestParser.parse(resource("winrm4j-signal-request.xml"));

        assertThat(receive.body().commandId()).hasValue("E3F22108-D31C-455E-9EFF-5FFDF674D13F");
        assertThat(receive.body().desiredStreams()).containsExactly("stdout", "stderr");
        assertThat(signal.body().commandId()).hasValue("E3F22108-D31C-455E-9EFF-5FFDF674D13F");
        assertThat(signal.body().signalCode())
                .hasValue("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate");
    }

    @Test
    void readsPywinrmStyleWithPrefixesMustUnderstandAndArguments() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" \
                xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" \
                xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" \
                xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">
                <env:Header><a:To>http://windows-host:5985/wsman</a:To>
                <a:ReplyTo><a:Address mustUnderstand="true">anonymous</a:Address></a:ReplyTo>
                <w:MaxEnvelopeSize mustUnderstand="true">153600</w:MaxEnvelopeSize>
                <a:MessageID>uuid:0a6c2f0e-0d3e-4b32-9a4e-6c0c5a2a0b11</a:MessageID>
                <w:OperationTimeout>PT20S</w:OperationTimeout>
                <w:ResourceURI mustUnderstand="true">http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI>
                <a:Action mustUnderstand="true">http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command</a:Action>
                <w:SelectorSet><w:Selector Name="ShellId">ABC</w:Selector></w:SelectorSet>
                </env:Header><env:Body><rsp:CommandLine><rsp:Command>ipconfig</rsp:Command>
                <rsp:Arguments>/all</rsp:Arguments></rsp:CommandLine></env:Body></env:Envelope>""";

        WsmanRequest request = WsmanRequestParser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(request.messageId()).isEqualTo("uuid:0a6c2f0e-0d3e-4b32-9a4e-6c0c5a2a0b11");
        assertThat(request.to()).isEqualTo("http://windows-host:5985/wsman");
        assertThat(request.operationTimeout()).hasValue(Duration.ofSeconds(20));
        assertThat(request.shellId()).hasValue("ABC");
        assertThat(request.body().command()).hasValue("ipconfig");
        assertThat(request.body().arguments()).containsExactly("/all");
    }

    @Test
    void readsFractionalOperationTimeouts() throws Exception {
        String xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<s:Header><OperationTimeout xmlns=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\">PT1.500S"
                + "</OperationTimeout></s:Header><s:Body/></s:Envelope>";

        assertThat(WsmanRequestParser.parse(xml.getBytes(StandardCharsets.UTF_8)).operationTimeout())
                .hasValue(Duration.ofMillis(1500));
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&x;</s:Body></s:Envelope>";

        assertThatThrownBy(() -> WsmanRequestParser.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void refusesSoap11Envelopes() {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>";

        assertThatThrownBy(() -> WsmanRequestParser.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XMLStreamException.class);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WsmanRequestParserTest.class.getResourceAsStream("/wsman/" + name)) {
            return in.readAllBytes();
        }
    }
}
