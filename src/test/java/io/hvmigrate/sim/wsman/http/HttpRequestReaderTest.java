package io.hvmigrate.sim.wsman.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestReaderTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Test
    void readsSuccessiveRequestsOnOneConnection() throws Exception {
        HttpRequestReader reader = reader("POST /wsman HTTP/1.1\r\nContent-Length: 3\r\nAuthorization: Negotiate x\r\n\r\n"
                + "abcPOST /wsman HTTP/1.1\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");

        HttpRequest first = reader.read().orElseThrow();
        HttpRequest second = reader.read().orElseThrow();

        assertThat(first.path()).isEqualTo("/wsman");
        assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(first.headers().first("authorization")).hasValue("Negotiate x");
        assertThat(first.keepAlive()).isTrue();
        assertThat(second.keepAlive()).isFalse();
        assertThat(reader.read()).isEmpty();
    }

    @Test
    void readsChunkedBodies() throws Exception {
        HttpRequest request = reader("POST /wsman HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n").read().orElseThrow();

        assertThat(new String(request.body(), StandardCharsets.US_ASCII)).isEqualTo("Wikipedia");
    }

    @Test
    void answersExpectContinueBeforeReadingTheBody() throws Exception {
        reader("POST /wsman HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok").read();

        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    }

    @Test
    void refusesBodiesOverTheLimit() {
        assertThatThrownBy(() -> reader("POST /wsman HTTP/1.1\r\nContent-Length: 99999\r\n\r\n").read())
                .isInstanceOfSatisfying(HttpProtocolException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> reader("\u0016\u0003\u0001 hello\r\n\r\n").read())
                .isInstanceOfSatisfying(HttpProtocolException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws Exception {
        assertThat(reader("POST /wsman HTTP/1.0\r\n\r\n").read().orElseThrow().keepAlive()).isFalse();
        assertThat(reader("POST /wsman HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").read().orElseThrow().keepAlive())
                .isTrue();
    }

    private HttpRequestReader reader(String input) {
        return new HttpRequestReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), written,
                1024);
    }
}
