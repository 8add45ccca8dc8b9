package io.hvmigrate.transport.sealed;

import java.io.IOException;
import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * Kerberos for WinRM over HTTP, as Windows' own client does it: the {@code Kerberos} HTTP scheme with an AP-REQ for
 * {@code HTTP/<fqdn>} (mutual authentication, confidentiality, sequence checking, no delegation of the ticket-granting
 * ticket), then every message wrapped with confidentiality (RFC 4121 wrap tokens). The JDK writes a wrap token in one
 * piece; WinRM carries it in Windows' layout, the header part (with the token's trailer rotated to the front, RRC = 16 +
 * EC + checksum length, as {@code gss_wrap_iov} and SSPI's EncryptMessage lay it out, [MS-KILE] 3.4.5.4.1) as the
 * signature, the encrypted message as the rest. The initiator's credentials are JGSS's default: the run's one
 * Kerberos login ({@code KerberosLogin}).
 */
final class KerberosSecurity implements SessionSecurity {
    private static final int TOKEN_HEADER = 16;
    private static final int CONFOUNDER = 16;
    private static final Oid KRB5;

    static {
        try {
            KRB5 = new Oid("1.2.840.113554.1.2.2");
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GSSContext context;
    private final String fqdn;

    /** A context for the host's {@code HTTP/<fqdn>} service principal. */
    KerberosSecurity(String fqdn) throws IOException {
        this.fqdn = fqdn;
        try {
            GSSManager manager = GSSManager.getInstance();
            GSSName service = manager.createName("HTTP@" + fqdn, GSSName.NT_HOSTBASED_SERVICE);
            context = manager.createContext(service, KRB5, null, GSSContext.DEFAULT_LIFETIME);
            context.requestMutualAuth(true);
            context.requestConf(true);
            context.requestInteg(true);
            context.requestSequenceDet(true);
            context.requestReplayDet(true);
            context.requestCredDeleg(false);
        } catch (GSSException e) {
            throw failure("cannot start a Kerberos context for HTTP/" + fqdn, e);
        }
    }

    @Override
    public String scheme() {
        return "Kerberos";
    }

    @Override
    public String protocol() {
        return "application/HTTP-Kerberos-session-encrypted";
    }

    @Override
    public byte[] step(byte[] fromServer) throws IOException {
        try {
            byte[] in = fromServer == null ? new byte[0] : fromServer;
            byte[] out = context.initSecContext(in, 0, in.length);
            if (context.isEstablished() && !context.getConfState()) {
                throw new IOException("the Kerberos context with HTTP/" + fqdn + " offers no confidentiality: "
                        + "messages cannot be encrypted");
            }
            return out == null || out.length == 0 ? null : out;
        } catch (GSSException e) {
            throw failure("Kerberos authentication with HTTP/" + fqdn + " failed", e);
        }
    }

    @Override
    public boolean established() {
        return context.isEstablished();
    }

    @Override
    public synchronized Sealed seal(byte[] message) throws IOException {
        try {
            byte[] token = context.wrap(message, 0, message.length, new MessageProp(0, true));
            return split(token, message.length);
        } catch (GSSException e) {
            throw failure("cannot encrypt a message for HTTP/" + fqdn, e);
        }
    }

    @Override
    public synchronized byte[] unseal(byte[] signature, byte[] sealed) throws IOException {
        byte[] token = new byte[signature.length + sealed.length];
        System.arraycopy(signature, 0, token, 0, signature.length);
        System.arraycopy(sealed, 0, token, signature.length, sealed.length);
        try {
            MessageProp prop = new MessageProp(0, true);
            byte[] unrotated = unrotate(token);
            byte[] message = context.unwrap(unrotated, 0, unrotated.length, prop);
            if (!prop.getPrivacy()) {
                throw new IOException("HTTP/" + fqdn + " answered with a message that was not encrypted");
            }
            if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
                throw new IOException("HTTP/" + fqdn + " answered out of sequence (replayed or reordered message)");
            }
            return message;
        } catch (GSSException e) {
            throw failure("cannot decrypt the answer of HTTP/" + fqdn, e);
        }
    }

    /** A wrap token with its trailer rotated back to the end (RRC 0), as the JDK reads it. */
    static byte[] unrotate(byte[] token) throws IOException {
        if (token.length <= TOKEN_HEADER || token[0] != 0x05 || token[1] != 0x04) {
            throw new IOException("the answer is not sealed with a Kerberos wrap token");
        }
        int rrc = ((token[6] & 0xff) << 8) | (token[7] & 0xff);
        int body = token.length - TOKEN_HEADER;
        int shift = rrc % body;
        if (shift == 0) {
            return token;
        }
        byte[] out = new byte[token.length];
        System.arraycopy(token, 0, out, 0, TOKEN_HEADER);
        System.arraycopy(token, TOKEN_HEADER + shift, out, TOKEN_HEADER, body - shift);
        System.arraycopy(token, TOKEN_HEADER, out, TOKEN_HEADER + body - shift, shift);
        out[6] = 0;
        out[7] = 0;
        return out;
    }

    /** Windows' layout of a wrap token with RRC 0 sealing {@code length} bytes: header part, then the message. */
    static Sealed split(byte[] token, int length) throws IOException {
        int ec = ((token[4] & 0xff) << 8) | (token[5] & 0xff);
        int body = token.length - TOKEN_HEADER;
        // body = E(confounder | message | EC filler | header copy) | checksum; the cipher keeps lengths
        int checksum = body - CONFOUNDER - length - ec - TOKEN_HEADER;
        if (checksum < 0 || token[6] != 0 || token[7] != 0) {
            throw new IOException("unexpected Kerberos wrap token layout");
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

    private static IOException failure(String what, GSSException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing held
        }
    }
}
