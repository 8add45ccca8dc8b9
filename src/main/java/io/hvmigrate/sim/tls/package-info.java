/**
 * TLS material for a simulated fleet: one certificate authority per fleet, whose certificate is written to a PEM file an
 * inventory can trust, and one server certificate per host, kept in memory.
 *
 * <p>EC P-256 keys keep generation fast (a fleet of 30 hosts in a few tens of milliseconds).
 */
package io.hvmigrate.sim.tls;
