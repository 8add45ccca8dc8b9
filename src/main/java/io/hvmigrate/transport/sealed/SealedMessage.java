package io.hvmigrate.transport.sealed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of a WinRM message encrypted over HTTP ([MS-WSMV] 2.2.9.1): {@code multipart/encrypted}, a first part naming
 * the protocol and the plaintext's length, a second part holding the signature's length (4 bytes, little-endian), the
 * signature and the sealed message.
 */
final class SealedMessage {
    static final String BOUNDARY = "Encrypted Boundary";
    private static final byte[] OPEN = ("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = ("--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTETS = "Content-Type: application/octet-stream\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LENGTH = "Length=".getBytes(StandardCharsets.US_ASCII);

    /** One sealed message: the signature, the encrypted bytes, and the plaintext length the sender declared. */
    record Part(byte[] signature, byte[] sealed, int declaredLength) {
    }

    private SealedMessage() {
    }

    /** The {@code Content-Type} of a body sealed under {@code protocol}. */
    static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"" + BOUNDARY + "\"";
    }

    static byte[] frame(String protocol, int plaintextLength, byte[] signature, byte[] sealed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length + signature.length + 200);
        out.writeBytes(OPEN);
        out.writeBytes(("\tContent-Type: " + protocol + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length="
                + plaintextLength + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(OPEN);
        out.write('\t');
        out.writeBytes(OCTETS);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(signature.length).array());
        out.writeBytes(signature);
        out.writeBytes(sealed);
        out.writeBytes(END);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static Part parse(byte[] body) throws IOException {
        int second = indexOf(body, OPEN, OPEN.length);
        int lengthAt = indexOf(body, LENGTH, 0);
        if (!startsWith(body, 0, OPEN) || second < 0 || lengthAt < 0 || lengthAt > second) {
            throw new IOException("the host's encrypted answer is not a multipart/encrypted body");
        }
        int declared = 0;
        int digits = 0;
        for (int i = lengthAt + LENGTH.length; i < second && body[i] >= '0' && body[i] <= '9' && digits < 10; i++, digits++) {
            declared = declared * 10 + body[i] - '0';
        }
        int octets = indexOf(body, OCTETS, second);
        int end = lastIndexOf(body, END);
        if (digits == 0 || octets < 0 || end < octets + OCTETS.length + 4) {
            throw new IOException("the host's encrypted answer is incomplete");
        }
        int start = octets + OCTETS.length;
        int signatureLength = ByteBuffer.wrap(body, start, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (signatureLength < 0 || start + 4 + signatureLength > end) {
            throw new IOException("the host's encrypted answer has a bad signature length");
        }
        byte[] signature = Arrays.copyOfRange(body, start + 4, start + 4 + signatureLength);
        byte[] sealed = Arrays.copyOfRange(body, start + 4 + signatureLength, end);
        return new Part(signature, sealed, declared);
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            if (startsWith(data, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (startsWith(data, i, pattern)) {
                return i;
            }
        }
        return -1;
    }
}
