/**
 * Authentication of WS-Management clients against an account store: the accounts themselves, the mechanisms offered
 * under {@code WWW-Authenticate: Negotiate} (NTLM now, Kerberos as a later {@link
 * io.hvmigrate.sim.wsman.auth.NegotiateMechanism}), and the message sealing a completed context provides for
 * {@code multipart/encrypted} bodies over plain HTTP.
 */
package io.hvmigrate.sim.wsman.auth;
