package io.hvmigrate.delegation;

/**
 * Something the delegation plan leaves for a person: it is not changed by hvmigrate (or not without being asked).
 *
 * @param id      stable identifier, e.g. {@code delegation.cross-domain}
 * @param subject the host or account it concerns
 * @param fix     the command that deals with it, or null
 */
public record Note(String id, String subject, String message, String fix) {}
