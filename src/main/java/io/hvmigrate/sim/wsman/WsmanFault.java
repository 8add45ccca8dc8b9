package io.hvmigrate.sim.wsman;

import java.util.Objects;

/**
 * A WS-Management fault as Windows shapes it: a SOAP 1.2 fault whose {@code s:Detail} holds
 * {@code f:WSManFault[@Code]} with the Win32/WinRM error code and its message. Clients key on the code (pywinrm and
 * WinRM4J treat 2150858793 on Receive as "poll again", and WinRM4J ignores 2150858843 on Signal and Delete).
 *
 * <p>Texts come from Windows' {@code wsmerror.h} message table and from faults captured from Windows hosts; Windows
 * ends its messages with a space (two after "OperationTimeout."), and so do these.
 *
 * @param code        {@code s:Sender} or {@code s:Receiver}
 * @param subcode     e.g. {@code w:InvalidSelectors}
 * @param reason      {@code s:Reason/s:Text}
 * @param faultDetail {@code w:FaultDetail} URI, empty when Windows sends none
 * @param wsmanCode   {@code f:WSManFault/@Code}
 * @param message     {@code f:WSManFault/f:Message}
 */
public record WsmanFault(String code, String subcode, String reason, String faultDetail, long wsmanCode,
                         String message) {

    public static final long OPERATION_TIMEOUT = 2150858793L;
    public static final long SHELL_NOT_FOUND = 2150858843L;
    public static final long QUOTA_MAX_SHELLS = 2150859173L;
    public static final long ACTION_NOT_SUPPORTED = 2150858771L;
    public static final long INVALID_RESOURCE_URI = 2150858811L;
    public static final long INVALID_XML = 2150858819L;
    public static final long MESSAGE_INFORMATION_HEADER_REQUIRED = 2150858769L;
    public static final long INVALID_PARAMETER = 2150858810L;
    public static final long ACCESS_DENIED = 5L;
    public static final long E_FAIL = 2147500037L;

    private static final String SENDER = "s:Sender";
    private static final String RECEIVER = "s:Receiver";
    private static final String DETAIL = "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/";

    public WsmanFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subcode, "subcode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(faultDetail, "faultDetail");
        Objects.requireNonNull(message, "message");
    }

    /** Receive found no output within OperationTimeout while the command still runs: the client polls again. */
    public static WsmanFault operationTimeout() {
        String text = "The WS-Management service cannot complete the operation within the time specified in "
                + "OperationTimeout.  ";
        return new WsmanFault(RECEIVER, "w:TimedOut", text, "", OPERATION_TIMEOUT, text);
    }

    /** The ShellId names no shell of this user (deleted, never created, or another user's). */
    public static WsmanFault shellNotFound(String shellId) {
        return new WsmanFault(SENDER, "w:InvalidSelectors",
                "The WS-Management service cannot process the request because the request contained invalid "
                        + "selectors for the resource. ",
                DETAIL + "UnexpectedSelectors", SHELL_NOT_FOUND,
                "The request for the Windows Remote Shell with ShellId " + shellId + " failed because the shell was "
                        + "not found on the server. Possible causes are: the specified ShellId is incorrect or the "
                        + "shell no longer exists on the server. Provide the correct ShellId or create a new shell "
                        + "and retry the operation. ");
    }

    /** Create beyond MaxShellsPerUser (winrm/config/winrs, default 30). */
    public static WsmanFault shellQuotaExceeded() {
        String text = "The WS-Management service cannot process the request. The maximum number of concurrent "
                + "shells for this user has been exceeded. Close existing shells or raise the quota for this user. ";
        return new WsmanFault(SENDER, "w:QuotaLimit", text, "", QUOTA_MAX_SHELLS, text);
    }

    public static WsmanFault actionNotSupported() {
        String text = "The WS-Management service does not support the action specified in the request. ";
        return new WsmanFault(SENDER, "a:ActionNotSupported", text, "", ACTION_NOT_SUPPORTED, text);
    }

    public static WsmanFault invalidResourceUri() {
        String text = "The WS-Management service cannot process the request. The resource URI is missing or it has "
                + "an incorrect format. Check the documentation or use the following command for information on how "
                + "to construct a resource URI: \"winrm help uris\". ";
        return new WsmanFault(SENDER, "w:DestinationUnreachable", text, DETAIL + "InvalidResourceURI",
                INVALID_RESOURCE_URI, text);
    }

    public static WsmanFault invalidXml() {
        String text = "The WS-Management service cannot process the request because the XML is invalid. ";
        return new WsmanFault(SENDER, "w:SchemaValidationError", text, "", INVALID_XML, text);
    }

    public static WsmanFault messageInformationHeaderRequired() {
        String text = "The WS-Management service cannot process the request. The request does not have all the "
                + "expected SOAP headers. ";
        return new WsmanFault(SENDER, "a:MessageInformationHeaderRequired", text, "",
                MESSAGE_INFORMATION_HEADER_REQUIRED, text);
    }

    /** A parameter of the operation is not valid, e.g. a CommandId the shell does not know. */
    public static WsmanFault invalidParameter() {
        String text = "The WS-Management service cannot process the request because a parameter for the operation "
                + "is not valid. ";
        return new WsmanFault(SENDER, "w:InvalidParameter", text, "", INVALID_PARAMETER, text);
    }

    /** The account may not use remote shells (not an administrator of the host). */
    public static WsmanFault accessDenied() {
        return new WsmanFault(SENDER, "w:AccessDenied", "Access is denied. ", "", ACCESS_DENIED, "Access is denied. ");
    }

    /** The host failed to run the request. */
    public static WsmanFault internalError(String message) {
        return new WsmanFault(RECEIVER, "w:InternalError", message, "", E_FAIL, message);
    }
}
