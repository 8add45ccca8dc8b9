package io.hvmigrate.transport.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The multipart/encrypted framing, against a body WinRM4J sent (captured) and against its own output. */
class SealedMessageTest {

    @Test
    void readsTheBodyWinRm4jSent() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/wsman/winrm4j-encrypted-create.bin"));

        SealedMessage.Part part = SealedMessage.parse(body);

        assertThat(part.signature()).hasSize(16); // NTLM: version, checksum, sequence number
        assertThat(part.sealed()).hasSize(part.declaredLength());
    }

    @Test
    void framesAndReadsBackWhatItFramed() throws IOException {
        byte[] signature = {1, 2, 3, 4, 5};
        byte[] sealed = "--Encrypted Boundary in the middle of the data\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = SealedMessage.frame("application/HTTP-Kerberos-session-encrypted", 77, signature, sealed);

        SealedMessage.Part part = SealedMessage.parse(body);

        assertThat(part.signature()).isEqualTo(signature);
        assertThat(part.sealed()).isEqualTo(sealed);
        assertThat(part.declaredLength()).isEqualTo(77);
        assertThat(new String(body, StandardCharsets.US_ASCII))
                .startsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n"
                        + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=77\r\n");
        assertThat(SealedMessage.contentType("application/HTTP-Kerberos-session-encrypted"))
                .isEqualTo("multipart/encrypted;protocol=\"application/HTTP-Kerberos-session-encrypted\";boundary=\"Encrypted Boundary\"");
    }

    @Test
    void anUnencryptedOrCutBodyIsRefused() {
        assertThatThrownBy(() -> SealedMessage.parse("<s:Envelope/>".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a multipart/encrypted body");
        byte[] body = SealedMessage.frame("p", 3, new byte[] {1}, new byte[] {2, 3, 4});
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 30);
        assertThatThrownBy(() -> SealedMessage.parse(cut)).isInstanceOf(IOException.class);
    }
}
