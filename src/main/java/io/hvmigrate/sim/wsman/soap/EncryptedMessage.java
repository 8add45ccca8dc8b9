package io.hvmigrate.sim.wsman.soap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code multipart/encrypted} framing of a sealed SOAP message ([MS-WSMV] 2.2.9.1), byte for byte as Windows,
 * pywinrm and WinRM4J write it:
 *
 * <pre>
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n
 * \tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=NNN\r\n
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/octet-stream\r\n
 * [signature length, 4 bytes little-endian][signature][sealed message]--Encrypted Boundary--\r\n
 * </pre>
 */
public final class EncryptedMessage {

    public static final String BOUNDARY = "Encrypted Boundary";
    private static final byte[] OPEN = ("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_MARKER = ("--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTET_STREAM = "Content-Type: application/octet-stream\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LENGTH = "Length=".getBytes(StandardCharsets.US_ASCII);

    /**
     * One sealed message.
     *
     * @param protocol       the protocol named in the first part
     * @param originalLength the plaintext length the sender declared
     * @param signature      the signature (GSS token header)
     * @param sealed         the encrypted message
     */
    public record Part(String protocol, int originalLength, byte[] signature, byte[] sealed) {
    }

    private EncryptedMessage() {
    }

    /** Whether a {@code Content-Type} announces an encrypted body. */
    public static boolean isEncrypted(String contentType) {
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/encrypted") || type.startsWith("multipart/x-multi-encrypted");
    }

    /** The {@code protocol} parameter of a {@code Content-Type}. */
    public static Optional<String> protocolOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("protocol")) {
                return Optional.of(pair[1].trim().replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    public static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"" + BOUNDARY + "\"";
    }

    /** Reads the single sealed message of an encrypted body. */
    public static Part parse(byte[] body) throws MalformedMessageException {
        if (!startsWith(body, 0, OPEN)) {
            throw new MalformedMessageException("encrypted body does not start with the boundary");
        }
        int headersEnd = indexOf(body, OPEN, OPEN.length);
        if (headersEnd < 0) {
            throw new MalformedMessageException("encrypted body has no second part");
        }
        String headers = new String(body, OPEN.length, headersEnd - OPEN.length, StandardCharsets.ISO_8859_1);
        int lengthAt = indexOf(body, LENGTH, OPEN.length);
        if (lengthAt < 0 || lengthAt > headersEnd) {
            throw new MalformedMessageException("encrypted body declares no original length");
        }
        int originalLength = declaredLength(body, lengthAt + LENGTH.length, headersEnd);
        int typeAt = indexOf(body, OCTET_STREAM, headersEnd + OPEN.length);
        if (typeAt < 0) {
            throw new MalformedMessageException("encrypted body has no octet-stream part");
        }
        int dataStart = typeAt + OCTET_STREAM.length;
        int dataEnd = lastIndexOf(body, CLOSE_MARKER);
        if (dataEnd < dataStart + 4) {
            throw new MalformedMessageException("encrypted body has no closing boundary");
        }
        int signatureLength = ByteBuffer.wrap(body, dataStart, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (signatureLength < 0 || dataStart + 4 + signatureLength > dataEnd) {
            throw new MalformedMessageException("encrypted body has a bad signature length");
        }
        byte[] signature = new byte[signatureLength];
        System.arraycopy(body, dataStart + 4, signature, 0, signatureLength);
        int sealedStart = dataStart + 4 + signatureLength;
        byte[] sealed = new byte[dataEnd - sealedStart];
        System.arraycopy(body, sealedStart, sealed, 0, sealed.length);
        return new Part(protocol(headers), originalLength, signature, sealed);
    }

    /** Frames one sealed message. */
    public static byte[] frame(String protocol, int originalLength, byte[] signature, byte[] sealed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length + 256);
        out.writeBytes(OPEN);
        out.writeBytes(("\tContent-Type: " + protocol + "\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + originalLength + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(OPEN);
        out.writeBytes("\t".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(OCTET_STREAM);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(signature.length).array());
        out.writeBytes(signature);
        out.writeBytes(sealed);
        out.writeBytes(CLOSE);
        return out.toByteArray();
    }

    private static String protocol(String headers) {
        for (String line : headers.split("\r\n")) {
            String trimmed = line.trim();
            if (trimmed.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                return trimmed.substring(13).trim();
            }
        }
        return "";
    }

    private static int declaredLength(byte[] body, int from, int limit) throws MalformedMessageException {
        int value = 0;
        int digits = 0;
        for (int i = from; i < limit && body[i] >= '0' && body[i] <= '9'; i++) {
            value = value * 10 + (body[i] - '0');
            if (++digits > 9) {
                throw new MalformedMessageException("declared length too large");
            }
        }
        if (digits == 0) {
            throw new MalformedMessageException("declared length missing");
        }
        return value;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
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
        for (int i = Math.max(0, from); i + pattern.length <= data.length; i++) {
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
