package io.hvmigrate.sim.wsman.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes responses to one connection. */
public final class HttpResponseWriter {

    /** What HTTP.sys, which serves WinRM on Windows, calls itself. */
    public static final String SERVER = "Microsoft-HTTPAPI/2.0";

    private final OutputStream out;

    public HttpResponseWriter(OutputStream out) {
        this.out = out;
    }

    public void write(HttpResponse response) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        for (Map.Entry<String, String> header : response.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Server: ").append(SERVER).append("\r\n");
        if (response.close()) {
            head.append("Connection: close\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }
}
