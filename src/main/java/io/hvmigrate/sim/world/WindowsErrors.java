package io.hvmigrate.sim.world;

import io.hvmigrate.sim.ps.ErrorCategory;
import java.util.UUID;

/**
 * The errors hvsim raises, worded as Windows words them. Texts in quotes in the references are taken from Microsoft's
 * live-migration troubleshooting article (KB4558514) and the Win32 error table; where no source gives the exact
 * wording, the text follows the same shape and is marked "simulator wording" below.
 */
public final class WindowsErrors {
    private WindowsErrors() {}

    public static final String VIRTUALIZATION_EXCEPTION = "Microsoft.HyperV.PowerShell.VirtualizationException";
    public static final String CLUSTER_EXCEPTION = "Microsoft.FailoverClusters.PowerShell.ClusterCmdletException";
    public static final String AD_NOT_FOUND = "Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException";
    public static final String ARGUMENT_EXCEPTION = "System.Management.Automation.ParameterBindingException";

    public static final int SEC_E_NO_CREDENTIALS = 0x8009030E;
    public static final int SEC_E_UNKNOWN_CREDENTIALS = 0x8009030D;
    public static final int SEC_E_TARGET_UNKNOWN = 0x80090303;
    public static final int E_ACCESSDENIED = 0x80070005;
    public static final int ERROR_PATH_NOT_FOUND = 0x80070003;
    public static final int ERROR_DISK_FULL = 0x80070070;
    public static final int E_OUTOFMEMORY = 0x8007000E;
    public static final int ERROR_CANCELLED = 0x800704C7;
    public static final int WSAECONNREFUSED = 0x8007274D;
    public static final int WSAETIMEDOUT = 0x8007274C;
    public static final int WSAECONNRESET = 0x80072746;
    public static final int WSAHOST_NOT_FOUND = 0x80072AF9;
    public static final int ERROR_VIRTDISK_PROVIDER_NOT_FOUND = 0xC03A0014;
    public static final int ERROR_HOST_NODE_NOT_GROUP_OWNER = 0x80071398;
    public static final int ERROR_CLUSTER_NODE_DOWN = 0x800713BA;
    public static final int ERROR_CLUSTER_NODE_PAUSED = 0x800713CE;
    public static final int ERROR_CLUSTER_NODE_NOT_FOUND = 0x800713B2;
    public static final int ERROR_GROUP_NOT_FOUND = 0x80071395;
    public static final int ERROR_NOT_SUPPORTED = 0x80070032;
    public static final int E_INVALIDARG = 0x80070057;
    public static final int COR_E_EXCEPTION = 0x80131500;

    /** WildcardPattern refuses an unclosed bracket (about_Wildcards). */
    public static WorldException invalidWildcard(String pattern) {
        return new WorldException("System.Management.Automation.WildcardPatternException",
                "The specified wildcard character pattern is not valid: " + pattern, COR_E_EXCEPTION,
                ErrorCategory.InvalidArgument, "InvalidParameter", pattern);
    }

    /** "Hyper-V was unable to find a virtual machine with name "X"." (Get-VM / Move-VM on an unknown name). */
    public static WorldException vmNotFound(String name) {
        return new WorldException(VIRTUALIZATION_EXCEPTION,
                "Hyper-V was unable to find a virtual machine with name \"" + name + "\".", COR_E_EXCEPTION,
                ErrorCategory.InvalidArgument, "InvalidParameter", name);
    }

    public static WorldException vmIdNotFound(UUID id) {
        return new WorldException(VIRTUALIZATION_EXCEPTION,
                "Hyper-V was unable to find a virtual machine with id \"" + id + "\".", COR_E_EXCEPTION,
                ErrorCategory.InvalidArgument, "InvalidParameter", id);
    }

    /** Simulator wording: the host named in -ComputerName is not part of the fleet. */
    public static WorldException hostNotFound(String name) {
        return new WorldException(VIRTUALIZATION_EXCEPTION,
                "The operation on computer '" + name + "' failed: The WinRM client cannot process the request "
                + "because the server name cannot be resolved.", WSAHOST_NOT_FOUND,
                ErrorCategory.ObjectNotFound, "Unspecified", name);
    }

    /** Hyper-V's multi-line migration failure: header naming the failing side, then the reasons. */
    public static WorldException migrationFailed(String vm, UUID vmId, boolean atSource, String side,
                                                 int hresult, String... reasons) {
        StringBuilder sb = new StringBuilder("Virtual machine migration operation for '").append(vm)
                .append("' failed at migration ").append(atSource ? "source" : "destination").append(" '")
                .append(side).append("'. (Virtual machine ID ").append(vmId.toString().toUpperCase(java.util.Locale.ROOT))
                .append(')');
        for (String r : reasons) {
            sb.append(System.lineSeparator()).append(r);
        }
        return new WorldException(VIRTUALIZATION_EXCEPTION, sb.toString(), hresult, ErrorCategory.NotSpecified,
                "OperationFailed", vm);
    }

    /** The explanation VMMS adds to 0x8009030D/0x8009030E on the source (KB4558514). */
    public static String noSuitableCredentials(UUID vmId) {
        return "The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine "
               + "migration at the source host: no suitable credentials available. Make sure the operation is "
               + "initiated on the source host of the migration, or the source host is configured to use Kerberos "
               + "for the authentication of migration connections and Constrained Delegation is enabled for the "
               + "host in Active Directory. (Virtual machine ID " + vmId.toString().toUpperCase(java.util.Locale.ROOT)
               + ")";
    }

    public static String connectionFailed(String host, String reason, int hresult) {
        return "Failed to establish a connection with host '" + host + "': " + reason + " (" + hex(hresult) + ").";
    }

    public static String hex(int hresult) {
        return String.format("0x%08X", hresult);
    }

    public static WorldException invalidArgument(String message, Object target) {
        return new WorldException(VIRTUALIZATION_EXCEPTION, message, E_INVALIDARG, ErrorCategory.InvalidArgument,
                "InvalidParameter", target);
    }

    public static WorldException invalidOperation(String message, Object target) {
        return new WorldException(VIRTUALIZATION_EXCEPTION, message, COR_E_EXCEPTION, ErrorCategory.InvalidOperation,
                "InvalidOperation", target);
    }

    /** A failover clustering error: the action's description, then the Win32 text of the code. */
    public static WorldException cluster(String action, String reason, int hresult, Object target) {
        return new WorldException(CLUSTER_EXCEPTION, action + System.lineSeparator() + "    " + reason, hresult,
                ErrorCategory.NotSpecified, "ClusterCmdletException", target);
    }

    /** Get-ADComputer and friends on an unknown identity. */
    /** An AD cmdlet's -Server that names no domain or domain controller the host can reach. */
    public static WorldException adServerDown(String server) {
        return new WorldException("Microsoft.ActiveDirectory.Management.ADServerDownException",
                "Unable to contact the server. This may be because this server does not exist, it is currently down, "
                + "or it does not have the Active Directory Web Services running.", COR_E_EXCEPTION,
                ErrorCategory.ResourceUnavailable, "ActiveDirectoryServer:0", server);
    }

    /**
     * Set-ADComputer/Set-ADObject -Add of a value the multi-valued attribute already holds: LDAP attributeOrValueExists
     * (20), Win32 ERROR_DS_ATT_VAL_ALREADY_EXISTS 8323 "The specified value already exists." (MicrosoftDocs/win32
     * desktop-src/Debug/system-error-codes--8200-8999-.md). That the AD module raises it as an ADException whose
     * message is that text, with error id ActiveDirectoryServer:8323, is unverifiable in Microsoft's documentation.
     */
    public static WorldException adValueExists(String identity) {
        return adServerError("The specified value already exists", 8323, identity);
    }

    /**
     * -Remove of a value the attribute does not hold: LDAP noSuchAttribute (16), Win32 ERROR_DS_CANT_REM_MISSING_ATT_VAL
     * 8325 "The attribute value cannot be removed because it is not present on the object." (same page); the AD
     * module's exception type and error id are unverifiable, as for {@link #adValueExists}.
     */
    public static WorldException adValueMissing(String identity) {
        return adServerError("The attribute value cannot be removed because it is not present on the object", 8325,
                identity);
    }

    private static WorldException adServerError(String message, int win32, String identity) {
        return new WorldException("Microsoft.ActiveDirectory.Management.ADException", message, COR_E_EXCEPTION,
                ErrorCategory.NotSpecified, "ActiveDirectoryServer:" + win32, identity);
    }

    public static WorldException adIdentityNotFound(String identity, String baseDn) {
        return new WorldException(AD_NOT_FOUND,
                "Cannot find an object with identity: '" + identity + "' under: '" + baseDn + "'.", COR_E_EXCEPTION,
                ErrorCategory.ObjectNotFound, "ActiveDirectoryCmdlet:" + AD_NOT_FOUND, identity);
    }
}
