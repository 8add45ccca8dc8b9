package io.hvmigrate.sim.ps.exe;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * What the console of a WinRM shell writes: the OEM code page 437 (the shell's WINRS_CODEPAGE), where a character
 * the code page cannot represent becomes '?'.
 */
public final class ConsoleEncoding {
    private ConsoleEncoding() {}

    public static final Charset CP437 = Charset.forName("IBM437");

    private static final ThreadLocal<CharsetEncoder> ENCODER = ThreadLocal.withInitial(() -> CP437.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {'?'}));

    public static byte[] encode(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        CharsetEncoder enc = ENCODER.get().reset();
        try {
            ByteBuffer bb = enc.encode(CharBuffer.wrap(text));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String decode(byte[] bytes) {
        return new String(bytes, CP437);
    }
}
