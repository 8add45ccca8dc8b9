package io.hvmigrate.transport.sealed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.cxf.transport.http.HTTPException;

/**
 * One WinRM connection over plain HTTP with every message encrypted: a TCP connection, authenticated once by its own
 * security context (the WinRM service keeps the context per connection), then each SOAP message sealed with that
 * context and each answer unsealed with it. Requests go one at a time. An unencrypted SOAP message is never sent: the
 * only body that leaves unsealed is the empty one that carries the authentication exchange, as Windows' client and
 * pywinrm send it.
 *
 * <p>When the connection is lost between two requests (the host restarted its listener, or closed an idle
 * connection) the next request opens a new one and authenticates again; a connection lost while a request is under
 * way fails that request, whose fate the caller decides.
 */
final class SealedChannel implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** WinRM's HTTP.sys keeps an idle connection for 120 s; a fresh one is opened well before that. */
    private static final long IDLE_NANOS = Duration.ofSeconds(60).toNanos();

    private final InetSocketAddress target;
    private final String hostHeader;
    private final String path;
    private final Securities securities;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private SessionSecurity security;
    private long lastUsed;

    /** Makes the security context of a new connection. */
    @FunctionalInterface
    interface Securities {
        SessionSecurity next() throws IOException;
    }

    /** An HTTP response: status, headers (names in lower case), body. */
    record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /**
     * @param target     where to connect (the inventory's address and port)
     * @param hostHeader the {@code Host} header
     * @param path       {@code /wsman}
     * @param securities a new security context for each new connection
     */
    SealedChannel(InetSocketAddress target, String hostHeader, String path, Securities securities) {
        this.target = target;
        this.hostHeader = hostHeader;
        this.path = path;
        this.securities = securities;
    }

    /**
     * Sends one SOAP message sealed and returns the host's answer unsealed.
     *
     * @return the status and the plaintext SOAP answer (empty for an empty body)
     */
    synchronized Response exchange(byte[] soap, Duration connectTimeout, Duration receiveTimeout) throws IOException {
        if (socket != null && System.nanoTime() - lastUsed > IDLE_NANOS) {
            disconnect();
        }
        if (socket == null) {
            connect(connectTimeout, receiveTimeout);
        }
        socket.setSoTimeout(timeout(receiveTimeout));
        SessionSecurity.Sealed sealed = security.seal(soap);
        byte[] body = SealedMessage.frame(security.protocol(), soap.length, sealed.signature(), sealed.sealed());
        Response response;
        try {
            send(body, SealedMessage.contentType(security.protocol()), null);
            response = read();
        } catch (IOException e) {
            disconnect();
            throw e;
        } finally {
            lastUsed = System.nanoTime();
        }
        if (response.header("connection").map(v -> v.equalsIgnoreCase("close")).orElse(false)) {
            disconnect();
        }
        String type = response.header("content-type").orElse("");
        if (response.body().length == 0) {
            if (response.status() == 401) {
                disconnect();
            }
            return response;
        }
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/encrypted")) {
            disconnect();
            throw new IOException("the host answered HTTP " + response.status() + " with an unencrypted body ("
                    + (type.isEmpty() ? "no content type" : type) + ")");
        }
        byte[] plain;
        SealedMessage.Part part;
        try {
            part = SealedMessage.parse(response.body());
            plain = security.unseal(part.signature(), part.sealed());
        } catch (IOException e) {
            // an answer that does not unseal leaves the context out of step (NTLM's RC4 stream has moved on)
            disconnect();
            throw e;
        }
        if (plain.length != part.declaredLength()) {
            disconnect();
            throw new IOException("the host's encrypted answer declares " + part.declaredLength() + " bytes but holds "
                    + plain.length);
        }
        return new Response(response.status(), response.reason(), response.headers(), plain);
    }

    private void connect(Duration connectTimeout, Duration receiveTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(target, timeout(connectTimeout));
            s.setSoTimeout(timeout(receiveTimeout));
            s.setTcpNoDelay(true);
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            out = s.getOutputStream();
            security = securities.next();
            authenticate();
            lastUsed = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /** The authentication exchange, on empty bodies, until the context is established and the host said 200. */
    private void authenticate() throws IOException {
        byte[] token = security.step(null);
        for (int leg = 0; leg < 4; leg++) {
            send(new byte[0], null, token == null ? null : security.scheme() + " " + Base64.getEncoder().encodeToString(token));
            Response response = read();
            byte[] answer = tokenOf(response);
            if (response.status() == 200) {
                if (!security.established()) {
                    // mutual authentication: the host's last token proves it holds the service key
                    if (answer == null) {
                        throw new HTTPException(401, "the host accepted the connection without proving who it is",
                                new java.net.URL("http", target.getHostString(), target.getPort(), path));
                    }
                    security.step(answer);
                }
                if (!security.established()) {
                    throw new IOException("the authentication exchange did not complete");
                }
                return;
            }
            if (response.status() != 401 || answer == null || security.established()) {
                throw new HTTPException(response.status(), response.status() == 401
                        ? "Unauthorized: the host refused the credentials" : response.reason(),
                        new java.net.URL("http", target.getHostString(), target.getPort(), path));
            }
            token = security.step(answer);
        }
        throw new IOException("the authentication exchange did not complete in 4 legs");
    }

    private byte[] tokenOf(Response response) {
        for (String value : response.all("www-authenticate")) {
            String v = value.trim();
            int space = v.indexOf(' ');
            if (space > 0 && v.substring(0, space).equalsIgnoreCase(security.scheme())) {
                try {
                    return Base64.getDecoder().decode(v.substring(space + 1).trim());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void send(byte[] body, String contentType, String authorization) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: hvmigrate\r\n")
                .append("Connection: Keep-Alive\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new java.io.EOFException("the host closed the connection without answering");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + status);
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        int total = 0;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            total += h.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("the host's HTTP headers are too long");
            }
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (encoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = chunked();
        } else if (!length.isEmpty()) {
            long n;
            try {
                n = Long.parseLong(length.get(0));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + length.get(0));
            }
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new IOException("the host's answer is too large: " + n + " bytes");
            }
            body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new java.io.EOFException("the host closed the connection in the middle of its answer");
            }
        } else {
            body = new byte[0];
        }
        return new Response(code, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new java.io.EOFException("the host closed the connection in the middle of its answer");
            }
            int semicolon = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size);
            }
            if (n < 0 || body.size() + (long) n > MAX_BODY_BYTES) {
                throw new IOException("the host's answer is too large");
            }
            if (n == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by WinRM
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length != n) {
                throw new java.io.EOFException("the host closed the connection in the middle of its answer");
            }
            body.writeBytes(chunk);
            line();
        }
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(80);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] b = buffer.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (buffer.size() >= MAX_HEADER_BYTES) {
                throw new IOException("the host's HTTP line is too long");
            }
            buffer.write(c);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private static int timeout(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private void disconnect() {
        if (security != null) {
            security.close();
            security = null;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
