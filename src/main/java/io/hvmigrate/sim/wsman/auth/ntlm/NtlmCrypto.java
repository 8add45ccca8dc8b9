package io.hvmigrate.sim.wsman.auth.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The primitives NTLM is made of. BouncyCastle's lightweight API provides MD4 and RC4, which current JDKs and
 * OpenSSL 3 no longer offer by default, without registering a JCA provider.
 */
final class NtlmCrypto {

    private NtlmCrypto() {
    }

    /** NTOWFv2 ([MS-NLMP] 3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) + domain)). */
    static byte[] ntowfv2(String password, String user, String domain) {
        byte[] ntHash = md4(password.getBytes(StandardCharsets.UTF_16LE));
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] md4(byte[] data) {
        MD4Digest digest = new MD4Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] md5(byte[]... parts) {
        MD5Digest digest = new MD5Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new MD5Digest());
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** RC4 with a fresh key schedule, for the one-shot key exchange. */
    static byte[] rc4(byte[] key, byte[] data) {
        return new Rc4(key).process(data);
    }

    /** Comparison in time independent of where the arrays differ. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** An RC4 stream whose state carries over from message to message, as NTLM sealing requires. */
    static final class Rc4 {
        private final RC4Engine engine = new RC4Engine();

        Rc4(byte[] key) {
            engine.init(true, new KeyParameter(key));
        }

        byte[] process(byte[] data) {
            byte[] out = new byte[data.length];
            engine.processBytes(data, 0, data.length, out, 0);
            return out;
        }
    }
}
