package io.hvmigrate.sim.wsman;

/**
 * Consulted once per authenticated request carrying a SOAP envelope, after the action is known (and after decryption):
 * decides whether the transport misbehaves for it. {@link TransportFaultRules} holds such decisions as data.
 */
@FunctionalInterface
public interface TransportFaults {

    /** Every request is answered normally. */
    TransportFaults NONE = (host, action) -> TransportFault.none();

    /**
     * @param host   the endpoint's host name ({@link HostIdentity#fqdn()})
     * @param action the request's action; {@link WsmanAction#OTHER} for one the shell does not serve,
     *               {@link WsmanAction#NONE} when the envelope names none
     */
    TransportFault decide(String host, WsmanAction action);
}
