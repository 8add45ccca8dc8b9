package io.hvmigrate.model;

/**
 * Where a secret is kept — never the secret itself. {@code env:NAME} reads an environment variable, {@code file:PATH}
 * the first line of a file (which should be readable by its owner only), {@code keytab:PATH} names a Kerberos keytab
 * (the key itself, for {@code auth: kerberos}; no password at all). The secret is read only when a connection is made,
 * and never printed.
 */
public record CredentialRef(Source source, String target) {

    public enum Source { ENV, FILE, KEYTAB }

    /** What an environment variable's name can be; text after env: that is not one may be a password typed there. */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    /**
     * Parses {@code env:NAME} / {@code file:PATH} / {@code keytab:PATH}; returns null when the text is none of them — also when NAME is no
     * environment variable's name, or PATH holds a control character (then the text may be a password).
     */
    public static CredentialRef parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith("env:") && ENV_NAME.matcher(text.substring(4)).matches()) {
            return new CredentialRef(Source.ENV, text.substring(4));
        }
        if (text.startsWith("file:") && text.length() > 5 && text.chars().noneMatch(Character::isISOControl)) {
            return new CredentialRef(Source.FILE, text.substring(5));
        }
        if (text.startsWith("keytab:") && text.length() > 7 && text.chars().noneMatch(Character::isISOControl)) {
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
