package io.hvmigrate.sim.wsman;

/**
 * Consulted once per authenticated request, after the SOAP action is known: decides whether the transport misbehaves
 * for it. {@link TransportFaultRules} holds such decisions as data.
 */
@FunctionalInterface
public interface TransportFaults {

    /** Every request is answered normally. */
    TransportFaults NONE = (host, action) -> TransportFault.none();

    /**
     * @param host   the endpoint's host name ({@link HostIdentity#fqdn()})
     * @param action the request's action; {@link WsmanAction#NONE} for a request without a body
     */
    TransportFault decide(String host, WsmanAction action);
}
