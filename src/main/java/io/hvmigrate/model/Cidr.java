package io.hvmigrate.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 subnet in CIDR notation, e.g. {@code 198.51.100.0/24} or {@code 2001:db8:10::/64}. */
public record Cidr(byte[] network, int prefix, String text) {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Thrown with a message a user can act on. */
    public static final class Invalid extends IllegalArgumentException {
        private final String fix;

        Invalid(String message, String fix) {
            super(message);
            this.fix = fix;
        }

        public String fix() {
            return fix;
        }
    }

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new Invalid("'" + text + "' is not a subnet: the prefix length is missing", "write it as address/prefix, e.g. 198.51.100.0/24");
        }
        String addr = t.substring(0, slash);
        String len = t.substring(slash + 1);
        byte[] bytes = address(addr, text);
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(len);
        } catch (NumberFormatException e) {
            throw new Invalid("'" + text + "' has no valid prefix length", "write a prefix length from 0 to " + max);
        }
        if (prefix < 0 || prefix > max) {
            throw new Invalid("prefix length /" + len + " is out of range in '" + text + "'", "use a prefix length from 0 to " + max);
        }
        byte[] masked = mask(bytes, prefix);
        if (!java.util.Arrays.equals(bytes, masked)) {
            String suggestion = format(masked) + "/" + prefix;
            throw new Invalid("'" + text + "' has host bits set; the subnet is " + suggestion, "write " + suggestion);
        }
        return new Cidr(masked, prefix, format(masked) + "/" + prefix);
    }

    /** Parses an address literal (never a DNS name: no lookup is ever made). */
    public static byte[] address(String addr, String context) {
        var m4 = V4.matcher(addr);
        if (m4.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(m4.group(i + 1));
                if (v > 255) {
                    throw new Invalid("'" + context + "' is not a valid IPv4 address", "each part of an IPv4 address is 0-255");
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (addr.contains(":") && V6.matcher(addr).matches()) {
            try {
                byte[] b = InetAddress.getByName(addr).getAddress(); // a literal: resolved locally, no DNS query
                if (b.length == 16) {
                    return b;
                }
            } catch (UnknownHostException e) {
                // fall through to the error below
            }
        }
        throw new Invalid("'" + context + "' is not an IP address", "write an IPv4 (198.51.100.0/24) or IPv6 (2001:db8::/64) subnet");
    }

    private static byte[] mask(byte[] b, int prefix) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }

    private static String format(byte[] b) {
        try {
            String s = InetAddress.getByAddress(b).getHostAddress();
            return b.length == 16 ? compressV6(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compressV6(String full) {
        // Java prints 2001:db8:0:0:0:0:0:0; write the usual compressed form
        String[] parts = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }

    /** True when an address (without prefix, or with one that is ignored) lies in this subnet. */
    public boolean contains(String address) {
        String a = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        byte[] b;
        try {
            b = address(a, address);
        } catch (Invalid e) {
            return false;
        }
        if (b.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(b, prefix), network);
    }

    /** True when the two subnets are the same network. */
    public boolean sameAs(Cidr other) {
        return prefix == other.prefix && java.util.Arrays.equals(network, other.network);
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.length * 8 - prefix);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && sameAs(c);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }
}
