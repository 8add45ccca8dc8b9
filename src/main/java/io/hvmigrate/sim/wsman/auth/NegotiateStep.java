package io.hvmigrate.sim.wsman.auth;

import io.hvmigrate.sim.wsman.ShellSession.AuthMethod;
import java.util.Optional;

/** What one leg of a {@code Negotiate} (or {@code NTLM}) exchange produced. */
public sealed interface NegotiateStep {

    /** The exchange continues: answer 401 with this token. */
    record Continue(byte[] token) implements NegotiateStep {
    }

    /**
     * The client is authenticated.
     *
     * @param account the account it proved to be
     * @param method  the mechanism that proved it
     * @param sealing message protection, when the mechanism negotiated it
     * @param token   a final token for the client (Kerberos mutual authentication), sent with the response
     */
    record Accepted(Account account, AuthMethod method, Optional<MessageSealing> sealing, Optional<byte[]> token)
            implements NegotiateStep {
    }

    /**
     * The client is not authenticated: answer 401 at once.
     *
     * @param reason why, for the server's debug log; it never holds a credential
     */
    record Rejected(String reason) implements NegotiateStep {
    }
}
