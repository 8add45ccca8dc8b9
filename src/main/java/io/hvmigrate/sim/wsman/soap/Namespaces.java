package io.hvmigrate.sim.wsman.soap;

/** The XML namespaces of the protocol. */
public final class Namespaces {

    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String WSMAN_MICROSOFT = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    public static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    /** The resource URI of the cmd shell, the only one this endpoint serves. */
    public static final String CMD_SHELL_RESOURCE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";
    public static final String ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    public static final String FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    public static final String COMMAND_STATE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/";

    private Namespaces() {
    }
}
