package io.hvmigrate.model;

/**
 * Where a secret is kept — never the secret itself. {@code env:NAME} reads an environment variable, {@code file:PATH}
 * the first line of a file (which should be readable by its owner only). The secret is read only when a connection is
 * made, and never printed.
 */
public record CredentialRef(Source source, String target) {

    public enum Source { ENV, FILE }

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
        return null;
    }

    @Override
    public String toString() {
        return (source == Source.ENV ? "env:" : "file:") + target;
    }
}
