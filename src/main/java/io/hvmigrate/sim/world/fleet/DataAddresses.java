package io.hvmigrate.sim.world.fleet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Address rules: addresses that are only data use the documentation ranges; the endpoints listen on loopback only.
 * Parsing is literal: no text here is ever looked up as a name.
 */
public final class DataAddresses {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

    private DataAddresses() {}

    public static boolean isDocumentationAddress(String address) {
        byte[] b = literal(address);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
            return (a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
                    || (a0 == 203 && a1 == 0 && a2 == 113);
        }
        return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    }

    public static boolean isLoopback(String address) {
        byte[] b = literal(address);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            return (b[0] & 0xff) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    /** True when {@code address} lies in {@code subnet} (an address, or CIDR like {@code 198.51.100.0/24}). */
    public static boolean inSubnet(String address, String subnet) {
        String[] parts = subnet.split("/");
        byte[] net = literal(parts[0]);
        byte[] a = literal(address);
        if (net == null || a == null || net.length != a.length) {
            return false;
        }
        int bits = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : net.length * 8;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (a[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String s = address.trim();
        // Only what the JDK parses as a literal may reach InetAddress: anything else, 127.0.1.300 among them, it would
        // hand to the machine's resolver as a name. A text with a colon it parses as IPv6 or refuses.
        boolean v4 = V4.matcher(s).matches();
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
