package io.hvmigrate.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file as UTF-8 text within its {@link Document}'s size bound. What cannot be a text document fails at
 * once and says where: a file past the bound (or endless, such as {@code /dev/zero}), a NUL byte (a binary file, or
 * UTF-16 without a byte-order mark), a UTF-16 or UTF-32 byte-order mark, a byte sequence that is not UTF-8. A UTF-8
 * byte-order mark, which Windows editors write, is dropped.
 */
public final class BoundedText {
    private BoundedText() {}

    private static final int CHUNK = 64 * 1024;

    public static String read(Path file, Document kind) {
        Location nowhere = Location.unknown(file);
        if (Files.isDirectory(file)) {
            throw InvalidInputException.of(nowhere, "is a folder, not a file", "give the path of " + kind.words());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readBounded(file, in, kind);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(nowhere, "file not found", "check the path: " + file.toAbsolutePath());
        } catch (AccessDeniedException e) {
            throw InvalidInputException.of(nowhere, "cannot read the file: permission denied", "check its permissions");
        } catch (IOException e) {
            throw InvalidInputException.of(nowhere, "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), "check the path and its permissions");
        }
        return decode(file, bytes);
    }

    /** Reads at most the bound; a NUL byte ends the reading at once (an endless {@code /dev/zero} included). */
    private static byte[] readBounded(Path file, InputStream in, Document kind) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > kind.maxBytes()) {
            throw tooLarge(file, kind);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Files.isRegularFile(file) ? (int) Files.size(file) + 1 : CHUNK);
        byte[] buf = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (total == 0 && n >= 2) {
                byteOrderMark(file, buf);
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == 0) {
                    out.write(buf, 0, i);
                    throw InvalidInputException.of(position(file, out.toByteArray(), 0), "a NUL byte: this is a binary file, "
                            + "or text in UTF-16, not UTF-8 text", "give " + kind.words() + " saved as UTF-8 text");
                }
            }
            total += n;
            if (total > kind.maxBytes()) {
                throw tooLarge(file, kind);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static InvalidInputException tooLarge(Path file, Document kind) {
        return InvalidInputException.of(Location.unknown(file), "the file is larger than " + kind.maxSize() + ", the limit of "
                + kind.words(), "check that this is the right file: " + kind.words() + " is never this large");
    }

    private static void byteOrderMark(Path file, byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe)) {
            throw InvalidInputException.of(new Location(file, 1, 1), "the file is UTF-16 or UTF-32 (it starts with a byte-order mark)",
                    "save it as UTF-8 (in PowerShell: Set-Content -Encoding utf8; in Notepad: Save As, Encoding UTF-8)");
        }
    }

    /** Decodes UTF-8, naming the line and column of the first byte that is not UTF-8. */
    private static String decode(Path file, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer scratch = CharBuffer.allocate(CHUNK);
        while (true) {
            CoderResult r = decoder.decode(in, scratch.clear(), true);
            if (r.isError()) {
                throw InvalidInputException.of(position(file, bytes, start, in.position()), String.format(java.util.Locale.ROOT,
                        "the file is not valid UTF-8 (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position()),
                        "save it as UTF-8 text");
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }

    /** The line and column of the byte at {@code end}, after the valid UTF-8 text from {@code start}. */
    private static Location position(Path file, byte[] bytes, int start, int end) {
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(file, line, text.codePointCount(lineStart, text.length()) + 1);
    }

    private static Location position(Path file, byte[] before, int start) {
        return position(file, before, start, before.length);
    }
}
