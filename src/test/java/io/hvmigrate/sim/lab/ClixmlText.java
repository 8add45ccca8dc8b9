package io.hvmigrate.sim.lab;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The error text a client shows for powershell.exe's CLIXML stderr ({@code #< CLIXML} then {@code <Objs>}): the
 * {@code <S S="Error">} strings joined, with the serializer's {@code _xHHHH_} escapes decoded — what pywinrm's
 * run_ps does for its callers; WinRM4J hands the raw CLIXML to its caller, so the tests decode it here.
 */
final class ClixmlText {
    private static final String HEADER = "#< CLIXML";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private ClixmlText() {}

    static String errors(String stderr) {
        if (!stderr.startsWith(HEADER)) {
            return stderr;
        }
        try {
            String xml = stderr.substring(HEADER.length()).strip();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList strings = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "S");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < strings.getLength(); i++) {
                Element s = (Element) strings.item(i);
                if ("Error".equals(s.getAttribute("S"))) {
                    text.append(decode(s.getTextContent()));
                }
            }
            return text.toString();
        } catch (Exception e) {
            throw new AssertionError("stderr is not CLIXML as powershell.exe writes it: " + stderr, e);
        }
    }

    private static String decode(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(b).toString();
    }
}
