package io.hvmigrate.sim.wsman.auth.kerberos;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A keytab (format 0x0502) written by hand with one made-up AES-256 key for one principal, as {@code ktpass} or
 * {@code samba-tool domain exportkeytab} would write a real one: enough for the JDK to find a key, never to accept a
 * ticket a KDC issued.
 */
public final class HandWrittenKeytab {
    private HandWrittenKeytab() {}

    /** Writes {@code file} holding a key for {@code components[0]/components[1]/…@realm} (name type KRB5_NT_SRV_HST). */
    public static Path write(Path file, String realm, String... components) throws IOException {
        byte[] key = new byte[32];
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(entry);
        e.writeShort(components.length);
        writeString(e, realm);
        for (String c : components) {
            writeString(e, c);
        }
        e.writeInt(3); // KRB5_NT_SRV_HST
        e.writeInt(0); // timestamp
        e.writeByte(2); // kvno
        e.writeShort(18); // aes256-cts-hmac-sha1-96
        e.writeShort(key.length);
        e.write(key);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(bytes);
        f.writeShort(0x0502);
        f.writeInt(entry.size());
        f.write(entry.toByteArray());
        return Files.write(file, bytes.toByteArray());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }
}
