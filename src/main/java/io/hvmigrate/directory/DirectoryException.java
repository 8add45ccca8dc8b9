package io.hvmigrate.directory;

/** The directory could not be read or written; the message says where and why (never a secret). */
public final class DirectoryException extends Exception {
    private final boolean secondHop;

    public DirectoryException(String message) {
        this(message, null, false);
    }

    public DirectoryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private DirectoryException(String message, Throwable cause, boolean secondHop) {
        super(message, cause);
        this.secondHop = secondHop;
    }

    /**
     * The ActiveDirectory module of a host reached over WinRM could not contact a domain controller: a second hop the
     * session's logon cannot make (see {@link PowerShellDirectory#SECOND_HOP}).
     */
    public static DirectoryException secondHop(String message) {
        return new DirectoryException(message, null, true);
    }

    public boolean isSecondHop() {
        return secondHop;
    }
}
