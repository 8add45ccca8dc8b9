package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.auth.ChannelBinding;
import io.hvmigrate.sim.wsman.auth.NegotiateMechanism;
import java.time.Duration;
import java.util.List;

/**
 * What every connection of one endpoint shares.
 *
 * @param host                the simulated host
 * @param https               whether the listener speaks TLS
 * @param channelBinding      the TLS channel binding NTLM clients may send, none over HTTP
 * @param accounts            accounts, resolved as the host resolves names
 * @param mechanisms          what {@code Negotiate} accepts, in order
 * @param basicAuthentication whether Basic is enabled (winrm/config/service/auth Basic)
 * @param allowUnencrypted    winrm/config/service AllowUnencrypted
 * @param faults              the transport fault hook
 * @param operations          the shell operations
 * @param idleTimeout         how long a kept-alive connection may sit idle between requests
 * @param maxBody             the largest request body accepted
 */
record EndpointSettings(HostIdentity host, boolean https, ChannelBinding channelBinding, AccountResolver accounts,
                        List<NegotiateMechanism> mechanisms, boolean basicAuthentication, boolean allowUnencrypted,
                        TransportFaults faults, WsmanOperations operations, Duration idleTimeout, int maxBody) {

    EndpointSettings {
        mechanisms = List.copyOf(mechanisms);
    }

    /** Basic is offered where Windows would accept it: enabled, and the channel encrypted or unencrypted allowed. */
    boolean basicOffered() {
        return basicAuthentication && (https || allowUnencrypted);
    }
}
