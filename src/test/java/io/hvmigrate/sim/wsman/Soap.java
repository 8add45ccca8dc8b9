package io.hvmigrate.sim.wsman;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** XPath over a response envelope, with the prefixes Windows uses. */
final class Soap {

    private static final Map<String, String> PREFIXES = Map.of(
            "s", "http://www.w3.org/2003/05/soap-envelope",
            "a", "http://schemas.xmlsoap.org/ws/2004/08/addressing",
            "x", "http://schemas.xmlsoap.org/ws/2004/09/transfer",
            "w", "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
            "rsp", "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
            "f", "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault");

    private final Document document;
    private final XPath xpath;

    private Soap(Document document) {
        this.document = document;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.get(prefix);
            }

            @Override
            public String getPrefix(String namespaceUri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String namespaceUri) {
                return java.util.Collections.emptyIterator();
            }
        });
    }

    static Soap parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new Soap(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    String text(String expression) {
        try {
            return (String) xpath.evaluate(expression, document, XPathConstants.STRING);
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    int count(String expression) {
        try {
            return ((Double) xpath.evaluate("count(" + expression + ")", document, XPathConstants.NUMBER)).intValue();
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }
}
