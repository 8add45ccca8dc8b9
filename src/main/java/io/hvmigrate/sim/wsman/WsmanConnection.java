package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
import io.hvmigrate.sim.wsman.auth.Account;
import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.NegotiateAcceptor;
import io.hvmigrate.sim.wsman.auth.NegotiateMechanism;
import io.hvmigrate.sim.wsman.auth.NegotiateStep;
import io.hvmigrate.sim.wsman.auth.SealingException;
import io.hvmigrate.sim.wsman.http.HttpProtocolException;
import io.hvmigrate.sim.wsman.http.HttpRequest;
import io.hvmigrate.sim.wsman.http.HttpRequestReader;
import io.hvmigrate.sim.wsman.http.HttpResponse;
import io.hvmigrate.sim.wsman.http.HttpResponseWriter;
import io.hvmigrate.sim.wsman.soap.EncryptedMessage;
import io.hvmigrate.sim.wsman.soap.MalformedMessageException;
import io.hvmigrate.sim.wsman.soap.SoapResponses;
import io.hvmigrate.sim.wsman.soap.WsmanRequest;
import io.hvmigrate.sim.wsman.soap.WsmanRequestParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection. NTLM authenticates the connection, not a request, so the security context (and the
 * sealing keys with their sequence numbers) lives here; requests on one connection are served one after another.
 */
final class WsmanConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WsmanConnection.class);
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    /** What to do with a request once handled. */
    private sealed interface Outcome {
    }

    private record Respond(HttpResponse response) implements Outcome {
    }

    /** Close without answering. */
    private record Drop() implements Outcome {
    }

    /** Never answer; keep the connection open until the client or the endpoint closes it. */
    private record Hang() implements Outcome {
    }

    /** The result of checking a request's credentials. */
    private sealed interface Authentication {
    }

    /** An authenticated caller, and what its context offers. */
    private record Identity(Account account, AuthMethod method, Optional<MessageSealing> sealing,
                            Optional<String> mutualToken) implements Authentication {
    }

    /** Not authenticated (yet): send this 401. */
    private record Challenge(HttpResponse response) implements Authentication {
    }

    /** A request body as the operations need it. */
    private sealed interface Body {
    }

    /** Sent in the clear (over TLS, or with AllowUnencrypted). */
    private record Plain(byte[] soap) implements Body {
    }

    /** Sent sealed: the answer is sealed too. */
    private record Unsealed(byte[] soap, MessageSealing sealing) implements Body {
    }

    /** Not acceptable: send this instead of an answer. */
    private record Refused(HttpResponse response) implements Body {
    }

    private final Socket socket;
    private final EndpointSettings settings;
    private final Consumer<WsmanConnection> onClose;
    private final EndpointTraffic traffic;
    private final String clientAddress;
    private NegotiateAcceptor acceptor;
    private Identity connectionIdentity;

    WsmanConnection(Socket socket, EndpointSettings settings, Consumer<WsmanConnection> onClose, EndpointTraffic traffic) {
        this.socket = socket;
        this.settings = settings;
        this.onClose = onClose;
        this.traffic = traffic;
        this.clientAddress = socket.getInetAddress().getHostAddress();
    }

    /** Serves requests until the client closes, stays idle too long, or the endpoint closes the socket. */
    void serve() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            HttpRequestReader reader = new HttpRequestReader(in, out, settings.maxBody());
            HttpResponseWriter writer = new HttpResponseWriter(out);
            while (true) {
                HttpRequest request;
                try {
                    Optional<HttpRequest> next = reader.read();
                    if (next.isEmpty()) {
                        return;
                    }
                    request = next.get();
                    traffic.requested();
                } catch (HttpProtocolException e) {
                    writer.write(HttpResponse.of(e.status(), new byte[0]).closing());
                    return;
                }
                Outcome outcome = handle(request);
                switch (outcome) {
                    case Respond respond -> {
                        HttpResponse response = request.keepAlive() ? respond.response() : respond.response().closing();
                        writer.write(response);
                        if (response.close()) {
                            return;
                        }
                    }
                    case Drop drop -> {
                        return;
                    }
                    case Hang hang -> {
                        awaitClose(in);
                        return;
                    }
                }
            }
        } catch (SocketTimeoutException idle) {
            LOG.trace("closing idle connection from {}", clientAddress);
        } catch (IOException e) {
            LOG.trace("connection from {} ended: {}", clientAddress, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Closes the socket; a request being served fails on its next read or write. */
    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        onClose.accept(this);
    }

    private Outcome handle(HttpRequest request) throws InterruptedException {
        if (!request.path().equalsIgnoreCase("/wsman")) {
            return new Respond(HttpResponse.of(404, new byte[0]));
        }
        if (!request.method().equals("POST")) {
            return new Respond(HttpResponse.of(405, new byte[0], "Allow", "POST"));
        }
        Identity identity;
        switch (authenticate(request)) {
            case Challenge challenge -> {
                return new Respond(challenge.response());
            }
            case Identity authenticated -> identity = authenticated;
        }

        byte[] soap;
        Optional<MessageSealing> replySealing;
        switch (readBody(request, identity)) {
            case Refused refused -> {
                return new Respond(refused.response());
            }
            case Plain plain -> {
                soap = plain.soap();
                replySealing = Optional.empty();
            }
            case Unsealed unsealed -> {
                soap = unsealed.soap();
                replySealing = Optional.of(unsealed.sealing());
            }
        }
        if (soap.length == 0) {
            // pywinrm posts an empty body to set up the security context before encrypting
            return new Respond(withMutualToken(HttpResponse.of(200, new byte[0]), identity));
        }
        WsmanRequest wsman;
        try {
            wsman = WsmanRequestParser.parse(soap);
        } catch (XMLStreamException e) {
            return new Respond(reply(new WsmanReply.Failure(WsmanFault.invalidXml()), null, replySealing, identity));
        }
        if (wsman.messageId() == null || wsman.messageId().isBlank()) {
            return new Respond(reply(new WsmanReply.Failure(WsmanFault.messageInformationHeaderRequired()), null,
                    replySealing, identity));
        }
        Caller caller = new Caller(identity.account(), identity.method(), clientAddress);
        WsmanAction action = WsmanAction.of(wsman.action());
        traffic.operation(action);
        TransportFault fault = settings.faults().decide(settings.host().fqdn(), action);
        switch (fault) {
            case TransportFault.None none -> { }
            case TransportFault.Delay delay -> Thread.sleep(delay.delay());
            case TransportFault.Fail fail -> {
                return new Respond(reply(new WsmanReply.Failure(fail.fault()), wsman.messageId(), replySealing,
                        identity));
            }
            case TransportFault.Hang hang -> {
                return new Hang();
            }
            case TransportFault.DropResponse drop -> {
                settings.operations().dispatch(wsman, caller);
                return new Drop();
            }
            case TransportFault.RejectAuthentication reject -> {
                forgetAuthentication();
                return new Respond(unauthorized());
            }
        }
        WsmanReply reply = settings.operations().dispatch(wsman, caller);
        return new Respond(reply(reply, wsman.messageId(), replySealing, identity));
    }

    /** The SOAP envelope of a request, decrypted when it came sealed, or the refusal to send. */
    private Body readBody(HttpRequest request, Identity identity) {
        String contentType = request.headers().first("Content-Type").orElse("");
        if (!EncryptedMessage.isEncrypted(contentType)) {
            if (request.body().length > 0 && !settings.https() && !settings.allowUnencrypted()) {
                // AllowUnencrypted=false: Windows refuses a plaintext SOAP body over HTTP with 401
                LOG.debug("refusing an unencrypted message over HTTP from {}", clientAddress);
                forgetAuthentication();
                return new Refused(unauthorized());
            }
            return new Plain(request.body());
        }
        if (identity.sealing().isEmpty()) {
            return new Refused(HttpResponse.of(400, new byte[0]));
        }
        MessageSealing sealing = identity.sealing().get();
        try {
            EncryptedMessage.Part part = EncryptedMessage.parse(request.body());
            byte[] soap = sealing.unseal(part.signature(), part.sealed());
            if (soap.length != part.originalLength()) {
                throw new SealingException("decrypted length differs from the declared length");
            }
            return new Unsealed(soap, sealing);
        } catch (MalformedMessageException | SealingException e) {
            // the cipher state is lost: the client has to authenticate this connection again
            LOG.debug("refusing an encrypted message from {}: {}", clientAddress, e.getMessage());
            forgetAuthentication();
            return new Refused(HttpResponse.of(400, new byte[0]));
        }
    }

    private Authentication authenticate(HttpRequest request) {
        Optional<String> header = request.headers().first("Authorization");
        if (header.isEmpty()) {
            return connectionIdentity != null ? connectionIdentity : challenge();
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).trim();
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> basic(credentials);
            case "negotiate", "ntlm", "kerberos" -> negotiate(scheme, credentials);
            default -> challenge();
        };
    }

    private Authentication basic(String credentials) {
        if (!settings.basicOffered()) {
            // Basic disabled, or over HTTP with AllowUnencrypted=false: refused like bad credentials
            return challenge();
        }
        String decoded = decodeBasic(credentials);
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon <= 0) {
            return challenge();
        }
        String user = decoded.substring(0, colon);
        byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        Optional<Account> account = settings.accounts().find("", user);
        // WinRM's Basic authentication accepts local accounts only, never domain accounts
        if (account.isPresent() && settings.accounts().isLocal(account.get())
                && MessageDigest.isEqual(account.get().password().getBytes(StandardCharsets.UTF_8), password)) {
            return new Identity(account.get(), AuthMethod.BASIC, Optional.empty(), Optional.empty());
        }
        LOG.debug("Basic authentication refused for a client at {}", clientAddress);
        return challenge();
    }

    private Authentication negotiate(String scheme, String credentials) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return challenge();
        }
        // a new exchange replaces whatever this connection was authenticated as
        connectionIdentity = null;
        if (acceptor == null) {
            NegotiateMechanism mechanism = settings.mechanisms().stream()
                    .filter(m -> m.recognizes(token))
                    .findFirst()
                    .orElse(null);
            if (mechanism == null) {
                return challenge();
            }
            acceptor = mechanism.newAcceptor(settings.channelBinding());
        }
        NegotiateStep step = acceptor.step(token);
        return switch (step) {
            case NegotiateStep.Continue next -> new Challenge(HttpResponse.of(401, new byte[0],
                    "WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(next.token())));
            case NegotiateStep.Accepted accepted -> {
                acceptor = null;
                connectionIdentity = new Identity(accepted.account(), accepted.method(), accepted.sealing(),
                        accepted.token().map(t -> scheme + " " + Base64.getEncoder().encodeToString(t)));
                yield connectionIdentity;
            }
            case NegotiateStep.Rejected rejected -> {
                acceptor = null;
                LOG.debug("{} authentication refused for a client at {}: {}", scheme, clientAddress, rejected.reason());
                yield challenge();
            }
        };
    }

    private void forgetAuthentication() {
        connectionIdentity = null;
        acceptor = null;
    }

    private Challenge challenge() {
        return new Challenge(unauthorized());
    }

    /** 401 with the schemes the service offers, as Windows lists them. */
    private HttpResponse unauthorized() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("WWW-Authenticate", "Negotiate"));
        headers.add(Map.entry("WWW-Authenticate", "Kerberos"));
        if (settings.basicOffered()) {
            headers.add(Map.entry("WWW-Authenticate", "Basic realm=\"WSMAN\""));
        }
        return new HttpResponse(401, headers, new byte[0], false);
    }

    private HttpResponse reply(WsmanReply reply, String relatesTo, Optional<MessageSealing> sealing,
                               Identity identity) {
        int status;
        String xml;
        switch (reply) {
            case WsmanReply.Success success -> {
                status = 200;
                xml = SoapResponses.envelope(success.action(), relatesTo, success.body());
            }
            case WsmanReply.Failure failure -> {
                status = 500;
                WsmanFault f = failure.fault();
                xml = SoapResponses.fault(f.code(), f.subcode(), f.reason(), f.faultDetail(), f.wsmanCode(),
                        f.message(), settings.host().fqdn(), relatesTo);
            }
        }
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        HttpResponse response;
        if (sealing.isPresent()) {
            MessageSealing.Sealed sealed = sealing.get().seal(bytes);
            byte[] body = EncryptedMessage.frame(sealing.get().protocol(), bytes.length, sealed.signature(),
                    sealed.sealed());
            response = HttpResponse.of(status, body,
                    "Content-Type", EncryptedMessage.contentType(sealing.get().protocol()));
        } else {
            response = HttpResponse.of(status, bytes, "Content-Type", SOAP_CONTENT_TYPE);
        }
        return withMutualToken(response, identity);
    }

    private static HttpResponse withMutualToken(HttpResponse response, Identity identity) {
        return identity.mutualToken().map(token -> response.withHeader("WWW-Authenticate", token)).orElse(response);
    }

    private static String decodeBasic(String credentials) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // clients that send Latin-1, as browsers did
        }
    }

    /** Reads and discards until the peer closes or the endpoint closes the socket. */
    private void awaitClose(InputStream in) throws IOException {
        socket.setSoTimeout(0);
        byte[] discard = new byte[4096];
        while (in.read(discard) >= 0) {
            // a hung server ignores what the client sends
        }
    }
}
