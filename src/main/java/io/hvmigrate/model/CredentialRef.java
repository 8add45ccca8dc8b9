package io.hvmigrate.model;

/**
 * Where a secret is kept — never the secret itself. {@code env:NAME} reads an environment variable, {@code file:PATH}
 * the first line of a file (which should be readable by its owner only), {@code keytab:PATH} names a Kerberos keytab
 * (the key itself, for {@code auth: kerberos}; no password at all). The secret is read only when a connection is made,
 * and never printed.
 */
public record CredentialRef(Source source, String target) {

    public enum Source { ENV, FILE, KEYTAB }

    /** Parses {@code env:NAME} / {@code file:PATH}; returns null when the text is neither. */
    public static CredentialRef parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith("env:") && text.length() > 4) {
            return new CredentialRef(Source.ENV, text.substring(4));
        }
        if (text.startsWith("file:") && text.length() > 5) {
            return new CredentialRef(Source.FILE, text.substring(5));
        }
        if (text.startsWith("keytab:") && text.length() > 7) {
            return new CredentialRef(Source.KEYTAB, text.substring(7));
        }
        return null;
    }

    @Override
    public String toString() {
        return switch (source) {
            case ENV -> "env:";
            case FILE -> "file:";
            case KEYTAB -> "keytab:";
        } + target;
    }
}
