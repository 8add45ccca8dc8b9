package io.hvmigrate.sim.wsman.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads successive requests from one connection. Not thread-safe: a connection serves one request at a time. */
public final class HttpRequestReader {

    /** Longest accepted header line; Kerberos tokens in {@code Authorization} can reach tens of kilobytes. */
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 128 * 1024;
    private static final int MAX_HEADERS = 100;

    private final InputStream in;
    private final OutputStream out;
    private final int maxBody;

    /**
     * @param in      the connection's input, buffered by the caller
     * @param out     the connection's output, for {@code 100 Continue}
     * @param maxBody the largest body accepted; a larger one is answered with 413
     */
    public HttpRequestReader(InputStream in, OutputStream out, int maxBody) {
        this.in = in;
        this.out = out;
        this.maxBody = maxBody;
    }

    /** The next request, or empty when the client closed the connection between requests. */
    public Optional<HttpRequest> read() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // tolerate blank lines between requests (RFC 9112 2.2)
        }
        if (requestLine == null) {
            return Optional.empty();
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new HttpProtocolException(400, "malformed request line");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int headerBytes = 0;
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES || fields.size() >= MAX_HEADERS) {
                throw new HttpProtocolException(400, "request header too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpProtocolException(400, "malformed header field");
            }
            fields.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        HttpHeaders headers = HttpHeaders.of(fields);
        byte[] body = readBody(headers);
        return Optional.of(new HttpRequest(parts[0], parts[1], parts[2], headers, body));
    }

    private byte[] readBody(HttpHeaders headers) throws IOException {
        boolean chunked = headers.first("Transfer-Encoding")
                .map(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false);
        Optional<String> contentLength = headers.first("Content-Length");
        if (!chunked && contentLength.isEmpty()) {
            return new byte[0];
        }
        long length = -1;
        if (!chunked) {
            try {
                length = Long.parseLong(contentLength.get().trim());
            } catch (NumberFormatException e) {
                throw new HttpProtocolException(400, "malformed Content-Length");
            }
            if (length < 0) {
                throw new HttpProtocolException(400, "malformed Content-Length");
            }
            if (length > maxBody) {
                throw new HttpProtocolException(413, "request body too large");
            }
            if (length == 0) {
                return new byte[0];
            }
        }
        if (headers.first("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return chunked ? readChunked() : readExactly((int) length);
    }


    private byte[] readExactly(int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a request body");
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new HttpProtocolException(400, "malformed chunk size");
            }
            if (size < 0 || body.size() + (long) size > maxBody) {
                throw new HttpProtocolException(413, "request body too large");
            }
            if (size == 0) {
                for (String trailer = readLine(false); !trailer.isEmpty(); trailer = readLine(false)) {
                    // trailers carry nothing WinRM uses
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine(false).isEmpty()) {
                throw new HttpProtocolException(400, "malformed chunk");
            }
        }
    }

    /** A line without its CR LF; null at end of stream when {@code eofAllowed} and nothing was read. */
    private String readLine(boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new HttpProtocolException(400, "header line too long");
            }
            line.write(b);
        }
    }
}
