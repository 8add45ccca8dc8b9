package io.hvmigrate.directory;

/** The directory could not be read or written; the message says where and why (never a secret). */
public final class DirectoryException extends Exception {
    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
