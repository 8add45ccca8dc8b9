package io.hvmigrate.sim.wsman.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncryptedMessageTest {

    private static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";

    @Test
    void readsTheFramingWinRm4jSent() throws Exception {
        EncryptedMessage.Part part = EncryptedMessage.parse(WsmanRequestParserTest.resource("winrm4j-encrypted-create.bin"));

        assertThat(part.protocol()).isEqualTo(PROTOCOL);
        assertThat(part.originalLength()).isEqualTo(2152);
        assertThat(part.signature()).hasSize(16).startsWith(1, 0, 0, 0);
        assertThat(part.sealed()).as("RC4 keeps the length").hasSize(2152);
    }

    @Test
    void framesAsPywinrmParsesIt() throws Exception {
        byte[] framed = EncryptedMessage.frame(PROTOCOL, 5, new byte[] {1, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0},
                "hello".getBytes(StandardCharsets.US_ASCII));
        String text = new String(framed, StandardCharsets.ISO_8859_1);

        assertThat(text).startsWith("--Encrypted Boundary\r\n\tContent-Type: " + PROTOCOL + "\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=5\r\n--Encrypted Boundary\r\n"
                + "\tContent-Type: application/octet-stream\r\n\u0010\u0000\u0000\u0000");
        assertThat(text).endsWith("hello--Encrypted Boundary--\r\n");
        EncryptedMessage.Part part = EncryptedMessage.parse(framed);
        assertThat(part.originalLength()).isEqualTo(5);
        assertThat(new String(part.sealed(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void readsTheProtocolOfAContentType() {
        String contentType = "multipart/encrypted;protocol=\"" + PROTOCOL + "\";boundary=\"Encrypted Boundary\"";

        assertThat(EncryptedMessage.isEncrypted(contentType)).isTrue();
        assertThat(EncryptedMessage.isEncrypted("application/soap+xml;charset=UTF-8")).isFalse();
        assertThat(EncryptedMessage.protocolOf(contentType)).hasValue(PROTOCOL);
        assertThat(EncryptedMessage.contentType(PROTOCOL)).isEqualTo(contentType);
    }

    @Test
    void refusesABodyWithoutTheFraming() {
        assertThatThrownBy(() -> EncryptedMessage.parse("AWAITING_ENCRYPTION_KEYS".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
