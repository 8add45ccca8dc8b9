package io.hvmigrate.sim.wsman;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hand-written WS-Management requests over the JDK HTTP client, for what real clients never send. */
final class RawWsman {

    static final String CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    static final String DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    static final String COMMAND = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command";
    static final String RECEIVE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive";
    static final String SIGNAL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal";
    static final String ENUMERATE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    static final String CMD = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";

    private final HttpClient http;
    private final URI uri;
    private final String authorization;

    RawWsman(WsmanEndpoint endpoint, String user, String password, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (endpoint.https()) {
            builder.sslContext(TestFleet.CA.clientSslContext());
        }
        this.http = builder.build();
        this.uri = endpoint.uri();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A response's status and body. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        String first(String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no match for " + regex + " in " + body);
            }
            return matcher.group(1);
        }
    }

    Reply post(String envelope, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    Reply post(String envelope) throws IOException, InterruptedException {
        return post(envelope, Duration.ofSeconds(10));
    }

    static String envelope(String action, String messageId, String shellId, String body) {
        return envelope(action, messageId, shellId, body, "PT60S");
    }

    /** An envelope shaped like pywinrm's (prefixed elements, mustUnderstand attributes). */
    static String envelope(String action, String messageId, String shellId, String body, String operationTimeout) {
        String selector = shellId == null ? ""
                : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
                + " xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\">"
                + "<env:Header><a:To>http://windows-host:5985/wsman</a:To>"
                + "<a:ReplyTo><a:Address mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<w:MaxEnvelopeSize mustUnderstand=\"true\">153600</w:MaxEnvelopeSize>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<w:Locale mustUnderstand=\"false\" xml:lang=\"en-US\"/>"
                + "<w:OperationTimeout>" + operationTimeout + "</w:OperationTimeout>"
                + "<w:ResourceURI mustUnderstand=\"true\">" + CMD + "</w:ResourceURI>"
                + "<a:Action mustUnderstand=\"true\">" + action + "</a:Action>" + selector
                + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>";
    }

    static String messageId() {
        return "uuid:" + UUID.randomUUID();
    }

    static String createBody() {
        return "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>";
    }

    static String commandBody(String script) {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return "<rsp:CommandLine><rsp:Command>powershell -encodedcommand " + encoded + "</rsp:Command></rsp:CommandLine>";
    }

    static String receiveBody(String commandId) {
        return "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream>"
                + "</rsp:Receive>";
    }

    static String signalBody(String commandId, String code) {
        return "<rsp:Signal CommandId=\"" + commandId + "\"><rsp:Code>"
                + "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/" + code + "</rsp:Code></rsp:Signal>";
    }

    /** Opens a shell and returns its id. */
    String createShell() throws IOException, InterruptedException {
        Reply reply = post(envelope(CREATE, messageId(), null, createBody()));
        if (reply.status() != 200) {
            throw new AssertionError("Create answered " + reply.status() + ": " + reply.body());
        }
        return reply.first("<w:Selector Name=\"ShellId\">([^<]+)</w:Selector>");
    }

    String command(String shellId, String script) throws IOException, InterruptedException {
        Reply reply = post(envelope(COMMAND, messageId(), shellId, commandBody(script)));
        if (reply.status() != 200) {
            throw new AssertionError("Command answered " + reply.status() + ": " + reply.body());
        }
        return reply.first("<rsp:CommandId>([^<]+)</rsp:CommandId>");
    }

    Reply receive(String shellId, String commandId, String operationTimeout, Duration httpTimeout)
            throws IOException, InterruptedException {
        return post(envelope(RECEIVE, messageId(), shellId, receiveBody(commandId), operationTimeout), httpTimeout);
    }

    Reply delete(String shellId) throws IOException, InterruptedException {
        return post(envelope(DELETE, messageId(), shellId, ""));
    }
}
