package io.hvmigrate.sim.wsman.soap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a WS-Management request the Windows Remote Shell uses.
 *
 * @param action           {@code wsa:Action}
 * @param messageId        {@code wsa:MessageID}, echoed in the response's {@code RelatesTo}
 * @param to               {@code wsa:To}
 * @param resourceUri      {@code wsman:ResourceURI}
 * @param operationTimeout {@code wsman:OperationTimeout}, when sent
 * @param maxEnvelopeSize  {@code wsman:MaxEnvelopeSize}, when sent
 * @param selectors        {@code wsman:SelectorSet} by selector name
 * @param options          {@code wsman:OptionSet} by option name
 * @param body             what the body asks for
 */
public record WsmanRequest(String action, String messageId, String to, String resourceUri,
                           Optional<Duration> operationTimeout, Optional<Integer> maxEnvelopeSize,
                           Map<String, String> selectors, Map<String, String> options, Body body) {

    public WsmanRequest {
        selectors = Map.copyOf(selectors);
        options = Map.copyOf(options);
    }

    public Optional<String> shellId() {
        return Optional.ofNullable(selectors.get("ShellId"));
    }

    /** The body's first element and the fields the shell operations read from it. */
    public record Body(String element, Optional<String> command, List<String> arguments, Optional<String> commandId,
                       List<String> desiredStreams, Optional<String> signalCode, List<String> outputStreams) {

        public Body {
            arguments = List.copyOf(arguments);
            desiredStreams = List.copyOf(desiredStreams);
            outputStreams = List.copyOf(outputStreams);
        }

        public static Body empty() {
            return new Body("", Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(), List.of());
        }
    }
}
