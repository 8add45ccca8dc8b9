package io.hvmigrate.plan;

/**
 * An inventory host discovery could not read, with what that means for a move that depends on it: such a move is
 * refused for this cause (the VM may well be there), never as a VM that does not exist.
 *
 * @param code   one of {@link RefusalCode#HOST_UNREACHABLE}, {@link RefusalCode#AUTH_FAILED},
 *               {@link RefusalCode#TLS_FAILED}, {@link RefusalCode#HOST_NOT_READ},
 *               {@link RefusalCode#HOST_IDENTITY_MISMATCH}
 * @param reason what happened, in words
 * @param fix    what the user does about it
 */
public record UnreadHost(String host, RefusalCode code, String reason, String fix) {}
