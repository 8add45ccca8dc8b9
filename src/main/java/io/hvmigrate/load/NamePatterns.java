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
}
