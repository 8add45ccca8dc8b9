package io.hvmigrate.transport;

/**
 * A remote call that did not complete normally, classified by what it means for the step that made it: whether the
 * script can have run, and whether trying again can help.
 */
public final class TransportException extends Exception {

    public enum Kind {
        /** Nothing reached the host (connection refused, name not resolved, TLS handshake failed before the request). */
        NOT_SENT(true, false),
        /** The host refused our credentials. Trying again will not help. */
        AUTHENTICATION(false, false),
        /** The server certificate is not trusted, or does not match the name. Trying again will not help. */
        TLS(false, false),
        /**
         * The host that answered is not the inventory's host: its certificate names another one. Trying again will not
         * help; nothing was sent.
         */
        WRONG_HOST(false, false),
        /** The host answered the command with a fault: the command did not start. */
        REJECTED(true, false),
        /** The command was sent, but the connection broke or the deadline passed before its end was read: it may have run. */
        OUTCOME_UNKNOWN(true, true),
        /** hvmigrate refused the call itself (a circuit breaker open, a bulkhead full). Nothing was sent. */
        REFUSED_LOCALLY(true, false);

        private final boolean transientFailure;
        private final boolean mayHaveRun;

        Kind(boolean transientFailure, boolean mayHaveRun) {
            this.transientFailure = transientFailure;
            this.mayHaveRun = mayHaveRun;
        }

        /** Another attempt may succeed. */
        public boolean transientFailure() {
            return transientFailure;
        }

        /** The script may have run (wholly or in part): only an idempotent step may simply be sent again. */
        public boolean mayHaveRun() {
            return mayHaveRun;
        }
    }

    private final Kind kind;
    private final String host;
    private final String answeredAs;
    private final String detail;

    public TransportException(Kind kind, String host, String message, Throwable cause) {
        this(kind, host, message, cause, null);
    }

    /** @param answeredAs for {@link Kind#WRONG_HOST}, the name the host that answered gave itself */
    public TransportException(Kind kind, String host, String message, Throwable cause, String answeredAs) {
        super(host + ": " + message, cause, false, true);
        this.kind = kind;
        this.host = host;
        this.answeredAs = answeredAs;
        this.detail = message;
    }

    /** What went wrong, without the host the message starts with. */
    public String detail() {
        return detail;
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    /** The name the host that answered gave itself (its certificate's), when it was not the inventory's host; or null. */
    public String answeredAs() {
        return answeredAs;
    }
}
