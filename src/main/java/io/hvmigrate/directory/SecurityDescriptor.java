package io.hvmigrate.directory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-relative security descriptor of msDS-AllowedToActOnBehalfOfOtherIdentity ([MS-DTYP] 2.4.6): who may
 * delegate to an account is the SIDs of its DACL's access-allowed ACEs. Merging keeps every byte of the ACEs there and
 * appends one ACE per new SID, as {@code Set-ADComputer -PrincipalsAllowedToDelegateToAccount} writes them
 * ({@code O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SID)}); the owner, group and SACL stay as they are.
 */
public final class SecurityDescriptor {
    private SecurityDescriptor() {}

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;
    private static final byte ACCESS_ALLOWED = 0x00;
    /** Full control, as the AD cmdlets grant it. */
    static final int FULL_CONTROL = 0x000F01FF;
    /** BUILTIN\Administrators, the owner the AD cmdlets write. */
    static final String BUILTIN_ADMINISTRATORS = "S-1-5-32-544";

    /** A descriptor that cannot be read as [MS-DTYP] says. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** The SIDs of the access-allowed ACEs, in order. */
    public static List<String> allowedSids(byte[] sd) throws Malformed {
        List<String> out = new ArrayList<>();
        for (Ace a : aces(sd)) {
            if (a.type == ACCESS_ALLOWED) {
                out.add(a.sid);
            }
        }
        return out;
    }

    /** A new descriptor, owned by BUILTIN\Administrators, that allows these SIDs. */
    public static byte[] allowing(List<String> sids) {
        return build(sid(BUILTIN_ADMINISTRATORS), null, null, sids.stream().map(s -> ace(s)).toList());
    }

    /** {@code sd} with an access-allowed ACE added for each SID it does not allow yet; everything there is kept. */
    public static byte[] merge(byte[] sd, List<String> sids) throws Malformed {
        if (sd == null || sd.length == 0) {
            return allowing(sids);
        }
        ByteBuffer b = le(sd);
        if (sd.length < 20 || sd[0] != 1) {
            throw new Malformed("not a revision 1 self-relative security descriptor");
        }
        int owner = b.getInt(4);
        int group = b.getInt(8);
        int sacl = b.getInt(12);
        List<byte[]> raw = new ArrayList<>();
        List<String> have = new ArrayList<>();
        for (Ace a : aces(sd)) {
            raw.add(a.bytes);
            if (a.type == ACCESS_ALLOWED) {
                have.add(a.sid.toUpperCase(java.util.Locale.ROOT));
            }
        }
        for (String s : sids) {
            if (!have.contains(s.toUpperCase(java.util.Locale.ROOT))) {
                raw.add(ace(s));
                have.add(s.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return build(owner == 0 ? null : sidBytesAt(sd, owner), group == 0 ? null : sidBytesAt(sd, group),
                sacl == 0 ? null : aclAt(sd, sacl), raw);
    }

    private record Ace(byte type, String sid, byte[] bytes) {}

    private static List<Ace> aces(byte[] sd) throws Malformed {
        try {
            ByteBuffer b = le(sd);
            if (sd.length < 20 || sd[0] != 1) {
                throw new Malformed("not a revision 1 self-relative security descriptor");
            }
            int control = Short.toUnsignedInt(b.getShort(2));
            int dacl = b.getInt(16);
            List<Ace> out = new ArrayList<>();
            if ((control & SE_DACL_PRESENT) == 0 || dacl == 0) {
                return out;
            }
            int count = Short.toUnsignedInt(b.getShort(dacl + 4));
            int at = dacl + 8;
            for (int i = 0; i < count; i++) {
                byte type = sd[at];
                int size = Short.toUnsignedInt(b.getShort(at + 2));
                if (size < 8 || at + size > sd.length) {
                    throw new Malformed("ACE " + i + " runs past the end of the descriptor");
                }
                byte[] bytes = java.util.Arrays.copyOfRange(sd, at, at + size);
                // access-allowed and access-denied ACEs carry the SID right after the mask
                String sid = type == 0 || type == 1 ? sidAt(sd, at + 8) : null;
                out.add(new Ace(type, sid, bytes));
                at += size;
            }
            return out;
        } catch (IndexOutOfBoundsException e) {
            throw new Malformed("the descriptor is cut short");
        }
    }

    private static byte[] aclAt(byte[] sd, int at) {
        int size = Short.toUnsignedInt(le(sd).getShort(at + 2));
        return java.util.Arrays.copyOfRange(sd, at, at + size);
    }

    private static byte[] build(byte[] owner, byte[] group, byte[] sacl, List<byte[]> aces) {
        int aclSize = 8 + aces.stream().mapToInt(a -> a.length).sum();
        ByteBuffer acl = ByteBuffer.allocate(aclSize).order(ByteOrder.LITTLE_ENDIAN);
        acl.put((byte) 2).put((byte) 0).putShort((short) aclSize).putShort((short) aces.size()).putShort((short) 0);
        aces.forEach(acl::put);
        int control = SE_SELF_RELATIVE | SE_DACL_PRESENT | (sacl != null ? 0x0010 : 0);
        int at = 20;
        int ownerAt = owner == null ? 0 : at;
        at += owner == null ? 0 : owner.length;
        int groupAt = group == null ? 0 : at;
        at += group == null ? 0 : group.length;
        int saclAt = sacl == null ? 0 : at;
        at += sacl == null ? 0 : sacl.length;
        int daclAt = at;
        ByteBuffer out = ByteBuffer.allocate(at + aclSize).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 1).put((byte) 0).putShort((short) control).putInt(ownerAt).putInt(groupAt).putInt(saclAt).putInt(daclAt);
        for (byte[] part : new byte[][] {owner, group, sacl}) {
            if (part != null) {
                out.put(part);
            }
        }
        out.put(acl.array());
        return out.array();
    }

    private static byte[] ace(String sid) {
        byte[] s = sid(sid);
        ByteBuffer b = ByteBuffer.allocate(8 + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ACCESS_ALLOWED).put((byte) 0).putShort((short) (8 + s.length)).putInt(FULL_CONTROL).put(s);
        return b.array();
    }

    /** The binary form of {@code S-1-5-21-…} ([MS-DTYP] 2.4.2.2). */
    public static byte[] sid(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new IllegalArgumentException("not a SID: " + text);
        }
        int subs = parts.length - 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(subs);
        long authority = Long.parseLong(parts[2]);
        for (int i = 5; i >= 0; i--) {
            out.write((int) (authority >>> (8 * i)) & 0xFF);
        }
        for (int i = 3; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            for (int k = 0; k < 4; k++) {
                out.write((int) (v >>> (8 * k)) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** The text form of the binary SID at {@code at}. */
    public static String sidAt(byte[] b, int at) {
        int subs = b[at + 1] & 0xFF;
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | (b[at + 2 + i] & 0xFF);
        }
        StringBuilder s = new StringBuilder("S-").append(b[at] & 0xFF).append('-').append(authority);
        ByteBuffer le = le(b);
        for (int i = 0; i < subs; i++) {
            s.append('-').append(Integer.toUnsignedLong(le.getInt(at + 8 + 4 * i)));
        }
        return s.toString();
    }

    private static byte[] sidAt(byte[] sd, int at, boolean copy) {
        int len = 8 + 4 * (sd[at + 1] & 0xFF);
        return java.util.Arrays.copyOfRange(sd, at, at + len);
    }

    private static byte[] sidBytesAt(byte[] sd, int at) {
        return sidAt(sd, at, true);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
