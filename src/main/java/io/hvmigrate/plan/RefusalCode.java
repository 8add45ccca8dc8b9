package io.hvmigrate.plan;

/** Why a move cannot be planned. The names are stable: reports and scripts may match on them. */
public enum RefusalCode {
    VM_NOT_FOUND,
    /** A host the move depends on (its source, its destination, or one the VM may be on) could not be reached. */
    HOST_UNREACHABLE,
    /** A host the move depends on refused hvmigrate's credentials. */
    AUTH_FAILED,
    /** A host the move depends on did not pass TLS (certificate not trusted, or not naming the host). */
    TLS_FAILED,
    /** A host the move depends on answered, but could not be read (WinRM refused the request, or discovery failed there). */
    HOST_NOT_READ,
    /**
     * A host the move depends on is not the inventory entry's host: the host that answered at the entry's address says
     * (or its certificate says) it is another, or another inventory entry reaches the same host.
     */
    HOST_IDENTITY_MISMATCH,
    VM_AMBIGUOUS,
    HOST_NOT_DISCOVERED,
    DESTINATION_NOT_UP,
    STORAGE_ONLY_MOVE,
    IN_CLUSTER_STORAGE_PATH,
    CLUSTERED_VM_NOT_ON_CLUSTER_STORAGE,
    DESTINATION_PATH_NOT_CLUSTER_STORAGE,
    DESTINATION_PATH_NOT_REACHABLE,
    SHARE_NOT_REACHABLE,
    UNKNOWN_FILE_SERVER,
    NO_CLUSTER_STORAGE,
    WOULD_LEAVE_UNPROTECTED,
    NO_FOREST_TRUST,
    EXTERNAL_TRUST_ONLY,
    SCRIPT_TOO_LONG,
    UNSAFE_VALUE,
    /** An approved move ({@code run --plan}) no longer matches the fleet: the VM, a host, the scenario or the role changed. */
    NOT_AS_APPROVED
}
