package io.hvmigrate.sim.wsman.auth.kerberos;

import io.hvmigrate.sim.wsman.auth.MessageSealing;
import io.hvmigrate.sim.wsman.auth.SealingException;
import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * Kerberos message protection as the WinRM service applies it over HTTP: GSS_WrapEx with confidentiality, on the
 * context the client authenticated the connection with. The JDK writes and reads RFC 4121 wrap tokens in one piece with
 * no rotation; Windows splits each token into a header part (the {@code multipart/encrypted} body's signature) and the
 * encrypted message, with the token's trailer rotated to the front ({@code RRC} = 16 + EC + checksum length, [MS-KILE]
 * 3.4.5.4.1, the layout MIT's {@code gss_wrap_iov} writes with header, data and padding buffers). This class moves
 * between the two layouts.
 */
final class KerberosSealing implements MessageSealing {
    /** RFC 4121 4.2.6.2: token identifier 05 04 of a wrap token. */
    private static final int TOKEN_HEADER = 16;
    private static final int CONFOUNDER = 16;

    private final GSSContext context;
    private final String protocol;

    KerberosSealing(GSSContext context, boolean spnego) {
        this.context = context;
        this.protocol = spnego ? "application/HTTP-SPNEGO-session-encrypted" : "application/HTTP-Kerberos-session-encrypted";
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public synchronized byte[] unseal(byte[] signature, byte[] sealed) throws SealingException {
        byte[] token = new byte[signature.length + sealed.length];
        System.arraycopy(signature, 0, token, 0, signature.length);
        System.arraycopy(sealed, 0, token, signature.length, sealed.length);
        try {
            byte[] unrotated = unrotate(token);
            MessageProp prop = new MessageProp(0, true);
            byte[] message = context.unwrap(unrotated, 0, unrotated.length, prop);
            if (!prop.getPrivacy()) {
                throw new SealingException("Kerberos: the message was signed but not encrypted");
            }
            if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
                throw new SealingException("Kerberos: the message is out of sequence");
            }
            return message;
        } catch (GSSException e) {
            throw new SealingException("Kerberos: " + e.getMessage());
        }
    }

    @Override
    public synchronized Sealed seal(byte[] message) {
        try {
            byte[] token = context.wrap(message, 0, message.length, new MessageProp(0, true));
            return split(token, message.length);
        } catch (GSSException e) {
            throw new IllegalStateException("Kerberos: cannot seal a message: " + e.getMessage(), e);
        }
    }

    /** A wrap token with its rotation undone (RRC 0), as the JDK reads it. */
    static byte[] unrotate(byte[] token) throws SealingException {
        if (token.length < TOKEN_HEADER || token[0] != 0x05 || token[1] != 0x04) {
            throw new SealingException("Kerberos: not a wrap token");
        }
        int rrc = ((token[6] & 0xff) << 8) | (token[7] & 0xff);
        int body = token.length - TOKEN_HEADER;
        if (rrc == 0) {
            return token;
        }
        if (body == 0) {
            throw new SealingException("Kerberos: empty wrap token");
        }
        int shift = rrc % body;
        byte[] out = new byte[token.length];
        System.arraycopy(token, 0, out, 0, TOKEN_HEADER);
        // rotated right by RRC: the first RRC bytes of the body are its end
        System.arraycopy(token, TOKEN_HEADER + shift, out, TOKEN_HEADER, body - shift);
        System.arraycopy(token, TOKEN_HEADER, out, TOKEN_HEADER + body - shift, shift);
        out[6] = 0;
        out[7] = 0;
        return out;
    }

    /** Windows' layout of a JDK wrap token (RRC 0) of a message of {@code length} bytes: header part and data. */
    static Sealed split(byte[] token, int length) {
        int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
        int body = token.length - TOKEN_HEADER;
        // body = E(confounder | message | EC filler | header copy) | checksum, the encryption keeping the length
        int checksum = body - CONFOUNDER - length - ec - TOKEN_HEADER;
        if (checksum < 0 || token[6] != 0 || token[7] != 0) {
            throw new IllegalStateException("unexpected wrap token layout");
        }
        int rrc = TOKEN_HEADER + ec + checksum;
        byte[] rotated = new byte[token.length];
        System.arraycopy(token, 0, rotated, 0, TOKEN_HEADER);
        System.arraycopy(token, TOKEN_HEADER + body - rrc, rotated, TOKEN_HEADER, rrc);
        System.arraycopy(token, TOKEN_HEADER, rotated, TOKEN_HEADER + rrc, body - rrc);
        rotated[6] = (byte) (rrc >>> 8);
        rotated[7] = (byte) rrc;
        int header = TOKEN_HEADER + rrc + CONFOUNDER;
        return new Sealed(Arrays.copyOfRange(rotated, 0, header), Arrays.copyOfRange(rotated, header, rotated.length));
    }
}
