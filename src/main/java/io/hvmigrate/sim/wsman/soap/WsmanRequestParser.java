package io.hvmigrate.sim.wsman.soap;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a request envelope in one pass with StAX. The factory is built once: building parsers per request would
 * dominate the cost of a Receive. DTDs and external entities are refused.
 */
public final class WsmanRequestParser {

    private static final XMLInputFactory FACTORY = newFactory();

    private WsmanRequestParser() {
    }

    /** Parses {@code xml}; malformed XML or a body that is not a SOAP 1.2 envelope throws. */
    public static WsmanRequest parse(byte[] xml) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
            return new Reading(reader).read();
        } finally {
            reader.close();
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** The state of one parse. */
    private static final class Reading {
        private final XMLStreamReader reader;
        private String action;
        private String messageId;
        private String to;
        private String resourceUri;
        private Duration operationTimeout;
        private Integer maxEnvelopeSize;
        private final Map<String, String> selectors = new HashMap<>();
        private final Map<String, String> options = new HashMap<>();
        private String bodyElement = "";
        private String command;
        private final List<String> arguments = new ArrayList<>();
        private String commandId;
        private final List<String> desiredStreams = new ArrayList<>();
        private String signalCode;
        private final List<String> outputStreams = new ArrayList<>();

        Reading(XMLStreamReader reader) {
            this.reader = reader;
        }

        WsmanRequest read() throws XMLStreamException {
            nextElement();
            if (!reader.getLocalName().equals("Envelope") || !Namespaces.SOAP.equals(reader.getNamespaceURI())) {
                throw new XMLStreamException("not a SOAP 1.2 envelope");
            }
            while (nextChildOf(1)) {
                switch (reader.getLocalName()) {
                    case "Header" -> readHeader();
                    case "Body" -> readBody();
                    default -> skip();
                }
            }
            return new WsmanRequest(action, messageId, to, resourceUri, Optional.ofNullable(operationTimeout),
                    Optional.ofNullable(maxEnvelopeSize), selectors, options,
                    new WsmanRequest.Body(bodyElement, Optional.ofNullable(command), arguments,
                            Optional.ofNullable(commandId), desiredStreams, Optional.ofNullable(signalCode),
                            outputStreams));
        }

        private void readHeader() throws XMLStreamException {
            while (nextChildOf(2)) {
                switch (reader.getLocalName()) {
                    case "Action" -> action = text();
                    case "MessageID" -> messageId = text();
                    case "To" -> to = text();
                    case "ResourceURI" -> resourceUri = text();
                    case "OperationTimeout" -> operationTimeout = duration(text());
                    case "MaxEnvelopeSize" -> maxEnvelopeSize = integer(text());
                    case "SelectorSet" -> readNamed(3, "Selector", selectors);
                    case "OptionSet" -> readNamed(3, "Option", options);
                    default -> skip();
                }
            }
        }

        private void readNamed(int depth, String element, Map<String, String> into) throws XMLStreamException {
            while (nextChildOf(depth)) {
                if (reader.getLocalName().equals(element)) {
                    String name = attribute("Name");
                    String value = text();
                    if (name != null) {
                        into.put(name, value);
                    }
                } else {
                    skip();
                }
            }
        }

        private void readBody() throws XMLStreamException {
            if (!nextChildOf(2)) {
                return;
            }
            bodyElement = reader.getLocalName();
            if (bodyElement.equals("Signal")) {
                commandId = attribute("CommandId");
            }
            while (nextChildOf(3)) {
                switch (reader.getLocalName()) {
                    case "Command" -> command = text();
                    case "Arguments" -> arguments.add(text());
                    case "DesiredStream" -> {
                        commandId = attribute("CommandId");
                        desiredStreams.addAll(words(text()));
                    }
                    case "Code" -> signalCode = text().trim();
                    case "OutputStreams" -> outputStreams.addAll(words(text()));
                    default -> skip();
                }
            }
            while (nextChildOf(2)) {
                skip(); // a second body element carries nothing the shell reads
            }
        }

        private int depth;

        /** Moves to the next start element; false at the end of the document. */
        private void nextElement() throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    return;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            throw new XMLStreamException("empty document");
        }

        /**
         * Moves to the next child element of the element open at {@code parentDepth}; false (positioned on the
         * parent's end tag) when there is none.
         */
        private boolean nextChildOf(int parentDepth) throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == parentDepth + 1) {
                        return true;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth < parentDepth) {
                        return false;
                    }
                }
            }
            return false;
        }

        /** The text of the current element, leaving the reader on its end tag. */
        private String text() throws XMLStreamException {
            String text = reader.getElementText();
            depth--;
            return text;
        }

        /** Skips the current element and its content. */
        private void skip() throws XMLStreamException {
            int target = depth - 1;
            while (depth > target && reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        /** An attribute by local name, whatever its namespace ({@code rsp:CommandId} or {@code CommandId}). */
        private String attribute(String localName) {
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                if (reader.getAttributeLocalName(i).equals(localName)) {
                    return reader.getAttributeValue(i);
                }
            }
            return null;
        }

        private static List<String> words(String text) {
            String trimmed = text.trim();
            return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
        }

        private static Duration duration(String text) {
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                return null; // Windows applies its default
            }
        }

        private static Integer integer(String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
