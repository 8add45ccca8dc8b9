package io.hvmigrate.load;

/** Patterns for names the inputs carry. */
final class NamePatterns {
    private NamePatterns() {}

    static final String HOST = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    static final String HOST_HINT = "a host name: letters, digits and '-', up to 63 characters";
    static final String FQDN = HOST + "(\\." + HOST + ")+";
    static final String FQDN_HINT = "a fully qualified DNS name such as hv-a1.corp.example.com";
    static final String NETBIOS = "[A-Za-z0-9!@#$%^&()\\-'{}.~_]{1,15}";
    static final String NETBIOS_HINT = "a NetBIOS name of at most 15 characters";
    static final String HOST_OR_FQDN = HOST + "(\\." + HOST + ")*";

    /**
     * The longest VM name taken. Hyper-V's documentation states no limit for a VM's name (New-VM -Name, the
     * Msvm_ComputerSystem ElementName), so this is a generous bound that no real name reaches: a longer one is a
     * mistake, and would fill every output line it appears in.
     */
    static final int VM_NAME_MAX = 1024;

    /**
     * A VM name (or a glob of them) as a playbook names it: no control character but the tab (a newline or NUL would
     * forge or cut output lines), not past {@link #VM_NAME_MAX}. Hyper-V allows a tab; planning refuses to move such
     * a VM (UNSAFE_VALUE), with its reason.
     */
    static String checkVmName(String v) {
        if (v.isBlank()) {
            return "a VM name cannot be empty | fix: write the VM's name as Hyper-V shows it";
        }
        if (v.length() > VM_NAME_MAX) {
            return "a VM name of " + v.length() + " characters is longer than " + VM_NAME_MAX + ", the longest hvmigrate takes"
                    + " | fix: write the VM's name as Hyper-V shows it";
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029') {
                return String.format(java.util.Locale.ROOT, "a VM name holds a control character (U+%04X) at position %d", (int) c, i + 1)
                        + " | fix: write the VM's name as Hyper-V shows it, on one line";
            }
        }
        return null;
    }

    /** An IPv4 address in dotted decimal. */
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("\\[?[0-9A-Fa-f:.]+]?");

    /**
     * Where to connect: a host name or an IP literal, nothing else. A path, a query, a port or a scheme would become
     * part of the URL hvmigrate builds, and the connection would go elsewhere.
     */
    static String checkAddress(String v) {
        boolean numeric = v.matches("[0-9.]+"); // a dotted number is an IPv4 address or nothing, never a name
        if ((!numeric && v.matches(HOST_OR_FQDN)) || IPV4.matcher(v).matches() || ipv6(v)) {
            return null;
        }
        return "address '" + v + "' is not a host name or an IP address; a scheme, port, path or query does not belong here"
                + " | fix: write only the DNS name or IP address (such as 192.0.2.10 or hv-a1.corp.example.com); the port goes in port:";
    }

    private static boolean ipv6(String v) {
        if (!IPV6.matcher(v).matches() || !v.contains(":") || v.startsWith("[") != v.endsWith("]")) {
            return false;
        }
        String bare = v.startsWith("[") ? v.substring(1, v.length() - 1) : v;
        try {
            // a literal with colons is parsed, never looked up; an IPv4-mapped one (::ffff:192.0.2.10) parses to IPv4
            java.net.InetAddress a = java.net.InetAddress.getByName("[" + bare + "]");
            return a instanceof java.net.Inet6Address || a instanceof java.net.Inet4Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
