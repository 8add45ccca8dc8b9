package io.hvmigrate.transport.sealed;

/**
 * MD4 (RFC 1320), which NTLM's password hash is made of ({@code NTOWF = MD4(UNICODE(password))}). The JDK offers no
 * public MD4; this one is checked against the RFC's test suite ({@code NtlmSecurityTest}). Never used for anything but
 * that hash.
 */
final class Md4 {
    private static final int[] ROUND2 = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
    private static final int[] ROUND3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
    private static final int[] SHIFT1 = {3, 7, 11, 19};
    private static final int[] SHIFT2 = {3, 5, 9, 13};
    private static final int[] SHIFT3 = {3, 9, 11, 15};

    private Md4() {
    }

    /** The 16-byte MD4 digest of {@code data}. */
    static byte[] digest(byte[] data) {
        // padding: 0x80, zeros to 56 mod 64, then the bit length (64 bits, little-endian)
        int blocks = (data.length + 8) / 64 + 1;
        byte[] padded = new byte[blocks * 64];
        System.arraycopy(data, 0, padded, 0, data.length);
        padded[data.length] = (byte) 0x80;
        long bits = (long) data.length * 8;
        for (int i = 0; i < 8; i++) {
            padded[padded.length - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        int[] x = new int[16];
        for (int block = 0; block < blocks; block++) {
            for (int i = 0; i < 16; i++) {
                int at = block * 64 + i * 4;
                x[i] = (padded[at] & 0xff) | (padded[at + 1] & 0xff) << 8 | (padded[at + 2] & 0xff) << 16
                        | (padded[at + 3] & 0xff) << 24;
            }
            int[] s = h.clone();
            for (int i = 0; i < 16; i++) {
                step(s, i, ((s[(16 - i + 1) % 4] & s[(16 - i + 2) % 4]) | (~s[(16 - i + 1) % 4] & s[(16 - i + 3) % 4]))
                        + x[i], SHIFT1[i % 4]);
            }
            for (int i = 0; i < 16; i++) {
                int b = s[(16 - i + 1) % 4];
                int c = s[(16 - i + 2) % 4];
                int d = s[(16 - i + 3) % 4];
                step(s, i, ((b & c) | (b & d) | (c & d)) + x[ROUND2[i]] + 0x5a827999, SHIFT2[i % 4]);
            }
            for (int i = 0; i < 16; i++) {
                int b = s[(16 - i + 1) % 4];
                int c = s[(16 - i + 2) % 4];
                int d = s[(16 - i + 3) % 4];
                step(s, i, (b ^ c ^ d) + x[ROUND3[i]] + 0x6ed9eba1, SHIFT3[i % 4]);
            }
            for (int i = 0; i < 4; i++) {
                h[i] += s[i];
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) (h[i / 4] >>> (8 * (i % 4)));
        }
        return out;
    }

    /**
     * One operation: the register whose turn it is (a, d, c, b in rotation) becomes {@code (it + f) <<< shift}.
     * {@code f} already holds the round function of the other three, the message word and the round constant.
     */
    private static void step(int[] s, int i, int f, int shift) {
        int a = (16 - i) % 4;
        s[a] = Integer.rotateLeft(s[a] + f, shift);
    }
}
