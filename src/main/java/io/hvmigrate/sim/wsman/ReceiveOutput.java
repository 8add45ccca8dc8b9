package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.Namespaces;
import io.hvmigrate.sim.wsman.soap.WsmanRequest;
import io.hvmigrate.sim.wsman.soap.Xml;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code Receive}: all output available now, as base64 {@code rsp:Stream} elements, and always an
 * {@code rsp:CommandState} (WinRM4J fails without one). When nothing arrives within the request's OperationTimeout and
 * the command still runs, the answer is the OperationTimeout fault, which clients take as "poll again".
 */
final class ReceiveOutput implements WsmanOperation {

    /** Windows' default when a request names no OperationTimeout. */
    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(60);
    /** Windows' default MaxEnvelopeSize (winrm/config MaxEnvelopeSizekb is larger; clients ask for 150 KiB). */
    static final int DEFAULT_MAX_ENVELOPE = 153_600;
    /** Room left for the envelope around the streams. */
    private static final int ENVELOPE_OVERHEAD = 4096;

    private final ShellTable shells;

    ReceiveOutput(ShellTable shells) {
        this.shells = shells;
    }

    @Override
    public WsmanReply handle(WsmanRequest request, Caller caller) throws InterruptedException {
        String shellId = request.shellId().orElse("");
        Shell shell = shells.find(shellId, caller.owner()).orElse(null);
        if (shell == null) {
            return new WsmanReply.Failure(WsmanFault.shellNotFound(shellId));
        }
        CommandRun run = shell.command(request.body().commandId().orElse(null)).orElse(null);
        if (run == null) {
            return new WsmanReply.Failure(WsmanFault.invalidParameter());
        }
        Duration wait = request.operationTimeout().filter(d -> !d.isNegative()).orElse(DEFAULT_OPERATION_TIMEOUT);
        int envelope = request.maxEnvelopeSize().orElse(DEFAULT_MAX_ENVELOPE);
        CommandRun.Received received = run.receive(wait, budget(envelope));
        return switch (received) {
            case CommandRun.TimedOut timedOut -> new WsmanReply.Failure(WsmanFault.operationTimeout());
            case CommandRun.Chunk chunk -> new WsmanReply.Success(WsmanAction.RECEIVE.responseUri(), body(run, chunk));
        };
    }

    /** Raw bytes that fit the envelope once base64 encoded (4 characters per 3 bytes). */
    static int budget(int maxEnvelopeSize) {
        return Math.max(1024, (maxEnvelopeSize - ENVELOPE_OVERHEAD) / 4 * 3);
    }

    private static String body(CommandRun run, CommandRun.Chunk chunk) {
        String id = Xml.escape(run.id());
        StringBuilder xml = new StringBuilder(256 + (chunk.stdout().length + chunk.stderr().length) * 4 / 3);
        xml.append("<rsp:ReceiveResponse>");
        stream(xml, "stdout", id, chunk.stdout());
        stream(xml, "stderr", id, chunk.stderr());
        if (chunk.done()) {
            xml.append("<rsp:Stream Name=\"stdout\" CommandId=\"").append(id).append("\" End=\"true\"></rsp:Stream>");
            xml.append("<rsp:Stream Name=\"stderr\" CommandId=\"").append(id).append("\" End=\"true\"></rsp:Stream>");
            xml.append("<rsp:CommandState CommandId=\"").append(id).append("\" State=\"")
                    .append(Namespaces.COMMAND_STATE).append("Done\"><rsp:ExitCode>").append(chunk.exitCode())
                    .append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            xml.append("<rsp:CommandState CommandId=\"").append(id).append("\" State=\"")
                    .append(Namespaces.COMMAND_STATE).append("Running\"></rsp:CommandState>");
        }
        return xml.append("</rsp:ReceiveResponse>").toString();
    }

    private static void stream(StringBuilder xml, String name, String id, byte[] bytes) {
        if (bytes.length > 0) {
            xml.append("<rsp:Stream Name=\"").append(name).append("\" CommandId=\"").append(id).append("\">")
                    .append(Base64.getEncoder().encodeToString(bytes)).append("</rsp:Stream>");
        }
    }
}
