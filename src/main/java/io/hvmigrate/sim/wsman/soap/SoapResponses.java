package io.hvmigrate.sim.wsman.soap;

import java.util.Locale;
import java.util.UUID;

/**
 * Response envelopes in the shape Windows sends: the same namespace prefixes, a fresh {@code uuid:} MessageID in upper
 * case, {@code To} the anonymous role and {@code RelatesTo} the request's MessageID (WinRM4J cannot correlate a
 * response without it).
 */
public final class SoapResponses {

    private static final String ENVELOPE_OPEN = "<s:Envelope xml:lang=\"en-US\""
            + " xmlns:s=\"" + Namespaces.SOAP + "\""
            + " xmlns:a=\"" + Namespaces.ADDRESSING + "\""
            + " xmlns:x=\"" + Namespaces.TRANSFER + "\""
            + " xmlns:w=\"" + Namespaces.WSMAN + "\""
            + " xmlns:rsp=\"" + Namespaces.SHELL + "\""
            + " xmlns:p=\"" + Namespaces.WSMAN_MICROSOFT + "\">";

    private SoapResponses() {
    }

    /** A response envelope; {@code body} is the inner XML of {@code s:Body}. */
    public static String envelope(String action, String relatesTo, String body) {
        StringBuilder xml = new StringBuilder(512 + body.length());
        header(xml, action, relatesTo);
        xml.append("<s:Body>").append(body).append("</s:Body></s:Envelope>");
        return xml.toString();
    }

    /**
     * A fault envelope.
     *
     * @param relatesTo the request's MessageID; null when the request could not be read
     * @param machine   the {@code Machine} attribute of {@code f:WSManFault}
     */
    public static String fault(String code, String subcode, String reason, String faultDetail, long wsmanCode,
                               String message, String machine, String relatesTo) {
        StringBuilder xml = new StringBuilder(1024);
        header(xml, Namespaces.FAULT_ACTION, relatesTo);
        xml.append("<s:Body><s:Fault><s:Code><s:Value>").append(Xml.escape(code)).append("</s:Value>")
                .append("<s:Subcode><s:Value>").append(Xml.escape(subcode)).append("</s:Value></s:Subcode>")
                .append("</s:Code><s:Reason><s:Text xml:lang=\"en-US\">").append(Xml.escape(reason))
                .append("</s:Text></s:Reason><s:Detail>");
        if (!faultDetail.isEmpty()) {
            xml.append("<w:FaultDetail>").append(Xml.escape(faultDetail)).append("</w:FaultDetail>");
        }
        xml.append("<f:WSManFault xmlns:f=\"").append(Namespaces.WSMAN_FAULT).append("\" Code=\"").append(wsmanCode)
                .append("\" Machine=\"").append(Xml.escape(machine)).append("\"><f:Message>")
                .append(Xml.escape(message)).append("</f:Message></f:WSManFault></s:Detail></s:Fault></s:Body>")
                .append("</s:Envelope>");
        return xml.toString();
    }

    /** A new identifier in Windows' form, {@code 6EDC6B79-768F-473D-9D78-CF7BD0BDC99E}. */
    public static String newId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    private static void header(StringBuilder xml, String action, String relatesTo) {
        xml.append(ENVELOPE_OPEN).append("<s:Header><a:Action>").append(Xml.escape(action)).append("</a:Action>")
                .append("<a:MessageID>uuid:").append(newId()).append("</a:MessageID>")
                .append("<a:To>").append(Namespaces.ANONYMOUS).append("</a:To>");
        if (relatesTo != null) {
            xml.append("<a:RelatesTo>").append(Xml.escape(relatesTo)).append("</a:RelatesTo>");
        }
        xml.append("</s:Header>");
    }
}
